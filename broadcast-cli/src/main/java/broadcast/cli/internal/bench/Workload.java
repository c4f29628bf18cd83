package broadcast.cli.internal.bench;

import java.util.Locale;

/**
 * The end-to-end workloads, with the defaults of the peer figures in docs/BENCHMARKS.md (issue 3's
 * table, issue 5's durable row), so that the figures compare.
 */
enum Workload {
    /** 1 publisher, 4 subscribers on one channel: deliveries per second. */
    FANOUT(200_000, 128, 4, false, "1 publisher -> N subscribers on one channel"),
    /** 1 publisher, 1 subscriber. */
    STREAM(500_000, 128, 1, false, "1 publisher -> 1 subscriber"),
    /** Round trips: a ping to a channel, a pong back on another, one at a time. */
    LATENCY(20_000, 128, 1, false, "ping-pong round trips, one at a time"),
    /** 1 publisher, 1 subscriber, 64 KiB messages. */
    LARGE(10_000, 64 * 1024, 1, false, "1 -> 1 of large messages"),
    /** Idle clients, each subscribed to a channel: the hub's memory per client. */
    CONNECTIONS(2_000, 0, 0, false, "idle clients: hub memory per client"),
    /** Persistent 1 -> 1 through the store, the publisher waiting for outcomes within a window. */
    DURABLE(100_000, 128, 1, true, "persistent 1 -> 1 through the store, outcomes within a window"),
    /** Clients connected for a bounded time, some publishing, one frozen, one reconnecting: the hub's memory over time. */
    SOAK(2_000, 0, Soak.CHECKERS, true, "2,000 clients for a while: memory stays flat, nothing persistent lost"),
    /**
     * A backlog of persistent messages queued with no subscriber, then drained to a new one (not in
     * the default run: a million messages take a while). The count is that of the h2 store; the
     * memory store's queues hold {@link #MEMORY_BACKLOG} by default.
     */
    BACKLOG(1_000_000, 128, 1, true, "a queued backlog drained to a new subscriber");

    /** The backlog's default count with the memory store: its default max-queue-messages. */
    static final long MEMORY_BACKLOG = 100_000;

    /** The workloads run when none is named: all but the soak and the backlog, which take a minute or more. */
    static java.util.List<Workload> defaults() {
        return java.util.List.of(FANOUT, STREAM, LATENCY, LARGE, CONNECTIONS, DURABLE);
    }

    /** Messages; round trips for latency; clients for connections. */
    final long count;
    final int size;
    final int subscribers;
    final boolean persistent;
    final String what;

    Workload(long count, int size, int subscribers, boolean persistent, String what) {
        this.count = count;
        this.size = size;
        this.subscribers = subscribers;
        this.persistent = persistent;
        this.what = what;
    }

    /** The name on the command line and in the results. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The workload of that name, ignoring case, or null. */
    static Workload of(String name) {
        for (Workload w : values()) {
            if (w.label().equalsIgnoreCase(name)) {
                return w;
            }
        }
        return null;
    }
}
