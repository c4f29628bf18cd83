package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastException;
import broadcast.api.MessageHandler;
import broadcast.api.Subscription;
import broadcast.api.internal.Names;
import broadcast.api.spi.Frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client's handlers by channel and its direct handlers, and the subscription requests the hub
 * has not answered yet. The first handler of a channel subscribes (a SUBSCRIBE queued with the
 * messages, so a message sent after it is routed after it); the last one gone unsubscribes. Each
 * HELLO lists every channel, so a reconnection subscribes again.
 *
 * <p>Handlers may be added and removed from any thread; requests are numbered and answered on the
 * client's event loop.
 */
final class Subscriptions {

    /** The request id of the HELLO's channels, answered by the WELCOME. */
    private static final long HELLO = 0;

    final Map<String, ChannelHandlers> channels = new ConcurrentHashMap<>();
    final List<MessageHandler> direct = new CopyOnWriteArrayList<>();
    private final Consumer<Frame> requests;
    private final Callbacks callbacks;
    private final Supplier<String> who;
    private final Map<Long, List<String>> pending = new LinkedHashMap<>();
    private long nextRequestId = HELLO + 1;

    /**
     * @param requests queues a SUBSCRIBE or UNSUBSCRIBE (request id 0 until {@link #number} gives one)
     * @param who names the client in error messages
     */
    Subscriptions(Consumer<Frame> requests, Callbacks callbacks, Supplier<String> who) {
        this.requests = requests;
        this.callbacks = callbacks;
        this.who = who;
    }

    Subscription add(String channel, MessageHandler handler) {
        Names.requireValid("channel", channel);
        Objects.requireNonNull(handler, "handler");
        boolean[] first = {false};
        ChannelHandlers entry = channels.compute(channel, (k, existing) -> {
            ChannelHandlers e = existing != null ? existing : new ChannelHandlers(channel);
            first[0] = existing == null;
            e.handlers.add(handler);
            return e;
        });
        if (first[0]) {
            requests.accept(new Frame.Subscribe(0, List.of(channel)));
        }
        return new SubscriptionImpl(this, entry, handler);
    }

    Subscription addDirect(MessageHandler handler) {
        Objects.requireNonNull(handler, "handler");
        direct.add(handler);
        return new Subscription() {
            @Override
            public String channel() {
                return "";
            }

            @Override
            public CompletionStage<Void> ready() {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
                direct.remove(handler);
            }
        };
    }

    /** Removes one handler; the last one of a channel unsubscribes. */
    void remove(ChannelHandlers entry, MessageHandler handler) {
        boolean[] last = {false};
        channels.computeIfPresent(entry.channel, (k, e) -> {
            if (e != entry) {
                return e;
            }
            e.handlers.remove(handler);
            last[0] = e.handlers.isEmpty();
            return last[0] ? null : e;
        });
        if (last[0]) {
            requests.accept(new Frame.Unsubscribe(0, List.of(entry.channel)));
        }
    }

    void removeAll(String channel) {
        if (channels.remove(channel) != null) {
            requests.accept(new Frame.Unsubscribe(0, List.of(channel)));
        }
    }

    /** The channels for a HELLO; the WELCOME answers them. On the loop. */
    List<String> forHello() {
        List<String> all = new ArrayList<>(channels.keySet());
        pending.put(HELLO, all);
        return all;
    }

    /** Gives a queued request its id, to match the SUBACK. On the loop. */
    Frame number(Frame request) {
        long id = nextRequestId++;
        if (request instanceof Frame.Subscribe s) {
            pending.put(id, s.channels());
            return new Frame.Subscribe(id, s.channels());
        }
        return new Frame.Unsubscribe(id, ((Frame.Unsubscribe) request).channels());
    }

    void welcomed(List<Frame.Refusal> refused) {
        answered(HELLO, refused);
    }

    /**
     * The hub answered a request: the refused channels lose their handlers and their
     * {@link Subscription#ready()} fails; the others are ready.
     */
    void answered(long requestId, List<Frame.Refusal> refused) {
        List<String> requested = pending.remove(requestId);
        if (requested == null) {
            return;
        }
        for (Frame.Refusal r : refused) {
            ChannelHandlers entry = channels.remove(r.channel());
            BroadcastException failure = new BroadcastException("hub refused the subscription of " + who.get()
                    + " to channel '" + r.channel() + "': " + r.code() + " " + r.message(), r.code(), null);
            if (entry != null) {
                entry.ready.completeExceptionally(failure);
            }
            callbacks.error(failure);
        }
        for (String channel : requested) {
            ChannelHandlers entry = channels.get(channel);
            if (entry != null) {
                entry.ready.complete(null);
            }
        }
    }

    /** The connection was lost: its requests will not be answered; the next HELLO covers them. */
    void connectionLost() {
        pending.clear();
    }
}
