/**
 * The hub, {@link broadcast.transport.tcp.BroadcastTcpServer}, and the client,
 * {@link broadcast.transport.tcp.BroadcastTcpClient}, of Broadcast over TCP or a Unix domain socket.
 * Both are configured by a {@link broadcast.api.BroadcastConfig} and implement the interfaces of
 * {@code broadcast.api}; everything else of this module is internal.
 */
package broadcast.transport.tcp;
