/**
 * The Broadcast API for applications: {@link broadcast.api.BroadcastMessage} and its factories,
 * {@link broadcast.api.BroadcastClient}, {@link broadcast.api.BroadcastServer},
 * {@link broadcast.api.BroadcastConfig} and the outcome and listener types.
 *
 * <p>Arguments and return values are non-null unless documented otherwise; absent values are
 * {@link java.util.Optional}s.
 */
package broadcast.api;
