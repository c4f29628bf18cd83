package broadcast.cli.internal.bench;

import broadcast.api.BroadcastMessage;
import broadcast.api.MessageHandler;

import java.util.BitSet;

/**
 * One subscriber's check of what it receives: each of the messages {@code 0..count-1} exactly once
 * and in order (one sender per run, so the order per sender is the order). Counts in primitive
 * fields, one bit per message: nothing allocated per message. Handler calls come from the
 * client's one callback thread; the counts may be read from any thread.
 */
final class SeqTracker implements MessageHandler {

    private final long count;
    private final int prefixLength;
    private final BenchPayload payload;
    private final BitSet seen;
    private long next;
    private long outOfOrder;
    /** Anomalies are rare: volatile, so that they are seen after the run without a lock. */
    private volatile long duplicates;
    private volatile long foreign;
    private volatile long corrupt;
    /** Written last for each message, so that reading it first shows {@link #outOfOrder} too. */
    private volatile long received;

    SeqTracker(long count, int prefixLength, BenchPayload payload) {
        this.count = count;
        this.prefixLength = prefixLength;
        this.payload = payload;
        this.seen = new BitSet((int) count);
    }

    @Override
    public void onMessage(BroadcastMessage message) {
        add(SeqIds.seq(message.id(), prefixLength));
        if (!payload.matches(message)) {
            corrupt = corrupt + 1;
        }
    }

    void add(long seq) {
        if (seq < 0 || seq >= count) {
            foreign = foreign + 1;
            return;
        }
        int i = (int) seq;
        if (seen.get(i)) {
            duplicates = duplicates + 1;
            return;
        }
        seen.set(i);
        if (seq != next) {
            outOfOrder++;
        }
        next = seq + 1;
        received = received + 1;
    }

    /** Distinct messages of this run received. */
    long received() {
        return received;
    }

    /** Copies counted twice or more (after the client's own duplicate check). */
    long duplicates() {
        return duplicates;
    }

    /** Messages that came after a later one. */
    long outOfOrder() {
        return received >= 0 ? outOfOrder : 0;
    }

    /** Messages with another payload, or an id not of this run. */
    long wrong() {
        return corrupt + foreign;
    }
}
