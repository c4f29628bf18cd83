/**
 * The Broadcast API: the message model, the client and server interfaces, configuration, and the
 * service-provider interfaces for codecs and stores.
 *
 * <p>Applications use {@link broadcast.api.BroadcastMessage}, {@link broadcast.api.BroadcastClient},
 * {@link broadcast.api.BroadcastServer} and {@link broadcast.api.BroadcastConfig}; a transport module
 * such as {@code broadcast.transport.tcp} implements the interfaces. Codec and store providers are
 * found by name through {@link java.util.ServiceLoader}, only from this module, with
 * {@link broadcast.api.spi.Providers}.
 *
 * <p>This module provides the {@code memory} store, the default: queues held in the heap, bounded,
 * lost when the process ends.
 *
 * @uses broadcast.api.spi.CodecProvider
 * @uses broadcast.api.spi.StoreProvider
 * @provides broadcast.api.spi.StoreProvider the {@code memory} store
 */
module broadcast.api {
    exports broadcast.api;
    exports broadcast.api.spi;
    // Name checks and ids, shared with the transport only (not API).
    exports broadcast.api.internal to broadcast.transport.tcp;

    uses broadcast.api.spi.CodecProvider;
    uses broadcast.api.spi.StoreProvider;

    provides broadcast.api.spi.StoreProvider with broadcast.api.internal.store.MemoryStoreProvider;
}
