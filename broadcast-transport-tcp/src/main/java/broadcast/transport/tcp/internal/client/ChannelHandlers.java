package broadcast.transport.tcp.internal.client;

import broadcast.api.MessageHandler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The handlers of one channel the client subscribes to, and whether the hub accepted the
 * subscription. Thread-safe.
 */
final class ChannelHandlers {

    final String channel;
    final CopyOnWriteArrayList<MessageHandler> handlers = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    ChannelHandlers(String channel) {
        this.channel = channel;
    }
}
