package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastMessage;
import broadcast.api.MessageHandler;
import broadcast.api.spi.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The receiving side of a client: drops copies by id, gathers the messages of one read burst, and
 * hands them to the callback thread as one task, where the channel handlers and the direct
 * handlers run and the persistent messages are acknowledged afterwards, in batches.
 *
 * <p>{@link #received}, {@link #unreadable} and {@link #endOfBurst} run on the client's event
 * loop; the dispatch runs on its callback thread.
 */
final class Inbound {

    private static final int IDS_PER_ACK = 1024;
    private static final int MAX_PRESIZE = 4096;

    private final Callbacks callbacks;
    private final Map<String, ChannelHandlers> channels;
    private final List<MessageHandler> direct;
    private final Supplier<String> name;
    private final Consumer<Frame.Ack> acks;
    private final Dedupe dedupe;
    private List<Received> burst = new ArrayList<>();

    private record Received(BroadcastMessage message, boolean duplicate) {
    }

    Inbound(Callbacks callbacks, Map<String, ChannelHandlers> channels, List<MessageHandler> direct,
            Supplier<String> name, Consumer<Frame.Ack> acks, int deduplicationWindow) {
        this.callbacks = callbacks;
        this.channels = channels;
        this.direct = direct;
        this.name = name;
        this.acks = acks;
        this.dedupe = new Dedupe(deduplicationWindow);
    }

    /** A message arrived; a copy of one seen before is only acknowledged. */
    void received(BroadcastMessage message) {
        burst.add(new Received(message, !dedupe.add(message.id())));
    }

    /** A message could not be read; a persistent one is acknowledged so it does not come back. */
    void unreadable(String id, boolean persistent, String reason) {
        callbacks.dropped(id, reason);
        if (persistent && id != null) {
            acks.accept(new Frame.Ack(List.of(id)));
        }
    }

    /** End of a read burst: the messages go to the callback thread as one task. */
    void endOfBurst() {
        if (burst.isEmpty()) {
            return;
        }
        List<Received> batch = burst;
        // sized like the last burst: a burst of hundreds of messages does not grow its list step by step
        burst = new ArrayList<>(Math.min(batch.size(), MAX_PRESIZE));
        callbacks.run(() -> dispatch(batch));
    }

    /** On the callback thread: run the handlers, then acknowledge the persistent messages. */
    private void dispatch(List<Received> batch) {
        List<String> ids = null;
        String me = name.get();
        for (Received r : batch) {
            BroadcastMessage m = r.message();
            if (!r.duplicate()) {
                String ch = m.channel().orElse(null);
                ChannelHandlers entry = ch == null ? null : channels.get(ch);
                if (entry != null) {
                    for (MessageHandler h : entry.handlers) {
                        callbacks.handle(h, m);
                    }
                }
                if (me != null && me.equals(m.client().orElse(null))) {
                    for (MessageHandler h : direct) {
                        callbacks.handle(h, m);
                    }
                }
            }
            if (m.persistent()) {
                if (ids == null) {
                    ids = new ArrayList<>();
                }
                ids.add(m.id());
            }
        }
        if (ids != null) {
            for (int from = 0; from < ids.size(); from += IDS_PER_ACK) {
                acks.accept(new Frame.Ack(ids.subList(from, Math.min(ids.size(), from + IDS_PER_ACK))));
            }
        }
    }
}
