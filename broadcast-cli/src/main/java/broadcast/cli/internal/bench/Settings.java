package broadcast.cli.internal.bench;

/**
 * What one workload runs with, after the command line and the workload's defaults. Immutable.
 *
 * @param workload the workload
 * @param count messages (round trips for latency, clients for connections)
 * @param size payload bytes
 * @param subscribers subscribers (fanout)
 * @param persistent whether the messages are persistent
 * @param window most messages in flight: sent and not yet received by every subscriber (and, when
 *     persistent, not yet answered with an outcome)
 * @param warmup messages (round trips for latency) sent first and not measured
 * @param payload what the payload is
 * @param codec the clients' codec
 * @param tag makes channel names, client names and message ids unique to this run
 */
record Settings(Workload workload, long count, int size, int subscribers, boolean persistent, int window, long warmup,
                BenchPayload.Kind payload, String codec, String tag) {

    /** Most bytes in flight by default, which bounds the default window of large messages. */
    static final int WINDOW_BYTES = 8 * 1024 * 1024;
    /** Most messages in flight by default. */
    static final int MAX_WINDOW = 10_000;
    /** Window of the durable workload: the outcomes a publisher waits for at a time. */
    static final int DURABLE_WINDOW = 1_000;

    /** The default window for messages of a size. */
    static int defaultWindow(Workload workload, int size) {
        if (workload == Workload.DURABLE) {
            return DURABLE_WINDOW;
        }
        return (int) Math.max(16, Math.min(MAX_WINDOW, WINDOW_BYTES / Math.max(1, size)));
    }

    /** A name unique to this run: {@code bench-TAG-fanout-SUFFIX}. */
    String name(String suffix) {
        return "bench-" + tag + "-" + workload.label() + "-" + suffix;
    }
}
