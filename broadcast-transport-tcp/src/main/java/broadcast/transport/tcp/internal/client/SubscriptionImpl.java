package broadcast.transport.tcp.internal.client;

import broadcast.api.MessageHandler;
import broadcast.api.Subscription;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** One handler of one channel. Thread-safe. */
final class SubscriptionImpl implements Subscription {

    private final Subscriptions owner;
    private final ChannelHandlers entry;
    private final MessageHandler handler;
    private final AtomicBoolean closed = new AtomicBoolean();

    SubscriptionImpl(Subscriptions owner, ChannelHandlers entry, MessageHandler handler) {
        this.owner = owner;
        this.entry = entry;
        this.handler = handler;
    }

    @Override
    public String channel() {
        return entry.channel;
    }

    @Override
    public CompletionStage<Void> ready() {
        return entry.ready.minimalCompletionStage();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.remove(entry, handler);
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + entry.channel + "]";
    }
}
