package broadcast.cli.internal.bench;

import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The throughput workloads (fanout, stream, large, durable): one publisher sends {@code count}
 * messages to a channel with {@code subscribers} subscribers, never more than {@code window} in
 * flight (sent and not yet received by every subscriber, or, persistent, not yet answered by the
 * hub). The first {@code warmup} messages are not measured: the time runs from when every
 * subscriber has them until every subscriber has every message (and, when persistent, every outcome
 * is in). Each subscriber checks that it got each message, warm-up included, once and in order.
 * Not thread-safe: one run at a time.
 */
final class Flow {

    /** A run that makes no progress for this long is over: what is missing counts as lost. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private final Settings settings;
    private final BenchHub hub;
    private final PrintWriter err;
    private final boolean progress;

    Flow(Settings settings, BenchHub hub, PrintWriter err, boolean progress) {
        this.settings = settings;
        this.hub = hub;
        this.err = err;
        this.progress = progress;
    }

    Result run() {
        long warmup = settings.warmup();
        long n = warmup + settings.count();
        BenchPayload payload = BenchPayload.of(settings.payload(), settings.size());
        String channel = settings.name("data");
        SeqIds ids = new SeqIds(settings.name("m") + "-");
        SeqTracker[] trackers = new SeqTracker[settings.subscribers()];
        try (BenchClients clients = new BenchClients(hub, settings)) {
            for (int i = 0; i < trackers.length; i++) {
                trackers[i] = new SeqTracker(n, ids.prefixLength(), payload);
                clients.subscriber(settings.name("sub" + i), channel, trackers[i]);
            }
            BroadcastTcpClient publisher = clients.publisher(settings.name("pub"));
            Outcomes outcomes = new Outcomes();
            publisher.onOutcome((client, outcome) -> outcomes.add(outcome));
            Waiter waiter = new Waiter(trackers, outcomes, settings.persistent());
            long start = System.nanoTime();
            long end;
            String note = null;
            try (Progress bar = Progress.start(err, settings.workload().label(), n * trackers.length,
                    waiter::deliveries, progress)) {
                for (long seq = 0; seq < n && note == null; seq++) {
                    if (seq == warmup) {
                        // the warm-up (JIT, buffers) is not measured: the clock starts once it is all in
                        if (!waiter.awaitAll(warmup)) {
                            note = "stalled in the warm-up";
                            break;
                        }
                        start = System.nanoTime();
                    }
                    if (!waiter.awaitRoom(seq, settings.window())) {
                        note = "stalled after " + seq + " of " + n + " messages sent";
                        break;
                    }
                    publisher.sendMessage(BroadcastMessage.builder().id(ids.id(seq)).channel(channel)
                            .data(payload.data()).persistent(settings.persistent()).build());
                }
                if (!waiter.awaitAll(n) && note == null) {
                    note = "stalled: " + waiter.deliveries() + " of " + n * trackers.length + " deliveries";
                }
                end = System.nanoTime();
            }
            return result(trackers, outcomes, clients.refused(), (end - start) / 1e9, note);
        }
    }

    private Result result(SeqTracker[] trackers, Outcomes outcomes, long refused, double seconds, String note) {
        long deliveries = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long wrong = 0;
        for (SeqTracker t : trackers) {
            deliveries += t.received();
            duplicates += t.duplicates();
            outOfOrder += t.outOfOrder();
            wrong += t.wrong();
        }
        long expected = (settings.warmup() + settings.count()) * trackers.length;
        double perSecond = settings.count() * trackers.length / seconds;
        return new Result(settings, null, null, deliveries, expected - deliveries, duplicates, outOfOrder,
                refused + outcomes.refused() + wrong, seconds, perSecond, perSecond * settings.size() / 1e6,
                null, null, null, null, null, note);
    }

    /** The hub's outcomes for the publisher's persistent messages, counted on its callback thread. */
    static final class Outcomes {
        private volatile long answered;
        private volatile long refused;

        void add(Outcome outcome) {
            if (!outcome.accepted()) {
                refused = refused + 1;
            }
            answered = answered + 1;
        }

        long answered() {
            return answered;
        }

        long refused() {
            return refused;
        }
    }

    /** Waits for room in the window, and for the end, giving up after {@link #STALL_NANOS} without progress. */
    private static final class Waiter {
        private final SeqTracker[] trackers;
        private final Outcomes outcomes;
        private final boolean persistent;
        private long slowest;
        private long lastProgress = System.nanoTime();
        private long lastSeen = -1;

        Waiter(SeqTracker[] trackers, Outcomes outcomes, boolean persistent) {
            this.trackers = trackers;
            this.outcomes = outcomes;
            this.persistent = persistent;
        }

        /** Whether message {@code seq} may be sent: fewer than {@code window} in flight. */
        boolean awaitRoom(long seq, int window) {
            if (seq - slowest < window && (!persistent || seq - outcomes.answered() < window)) {
                return true;
            }
            while (true) {
                long done = done();
                if (seq - done < window) {
                    return true;
                }
                if (stalled(done)) {
                    return false;
                }
                LockSupport.parkNanos(PARK_NANOS);
            }
        }

        /** Waits until everything is received (and answered). @return false if it stalled first */
        boolean awaitAll(long n) {
            while (true) {
                long done = done();
                if (done >= n) {
                    return true;
                }
                if (stalled(done)) {
                    return false;
                }
                LockSupport.parkNanos(PARK_NANOS);
            }
        }

        /** Messages every subscriber has (and, persistent, the hub has answered). */
        private long done() {
            long min = Long.MAX_VALUE;
            for (SeqTracker t : trackers) {
                min = Math.min(min, t.received());
            }
            slowest = min;
            return persistent ? Math.min(min, outcomes.answered()) : min;
        }

        private boolean stalled(long done) {
            long now = System.nanoTime();
            long progress = deliveries() + done;
            if (progress != lastSeen) {
                lastSeen = progress;
                lastProgress = now;
                return false;
            }
            return now - lastProgress > STALL_NANOS;
        }

        long deliveries() {
            long sum = 0;
            for (SeqTracker t : trackers) {
                sum += t.received();
            }
            return sum;
        }
    }
}
