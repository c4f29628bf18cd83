package broadcast.cli.internal.bench;

/**
 * What one workload measured, and what its checks found. Figures that do not apply to a workload
 * are null. Immutable.
 *
 * @param settings what it ran with
 * @param hub {@code in-process} or the running hub's address
 * @param store the store of an in-process hub, or null for a running hub
 * @param deliveries messages received, summed over the subscribers (round trips for latency,
 *     clients connected for connections)
 * @param lost deliveries expected and not received (clients that did not connect)
 * @param duplicates messages received more than once
 * @param outOfOrder messages received after a later one from the same sender
 * @param rejected messages the client or the hub refused ({@code NOT_DELIVERED}), or malformed
 * @param seconds the measured time
 * @param msgsPerSecond deliveries per second (round trips per second for latency)
 * @param mbPerSecond payload megabytes (10^6 bytes) delivered per second
 * @param p50Micros median round trip, in microseconds
 * @param p99Micros 99th percentile round trip
 * @param p999Micros 99.9th percentile round trip
 * @param rssKibPerClient the hub's resident memory per idle client
 * @param heapKibPerClient the hub's heap after a full GC per idle client
 * @param note what went wrong, or null
 * @param heap the hub's heap, for backlog; null for the others
 */
record Result(Settings settings, String hub, String store, long deliveries, long lost, long duplicates,
              long outOfOrder, long rejected, double seconds, Double msgsPerSecond, Double mbPerSecond,
              Double p50Micros, Double p99Micros, Double p999Micros, Double rssKibPerClient, Double heapKibPerClient,
              String note, HubHeap heap) {

    /**
     * The hub's heap in a backlog run, in MiB; a figure is null when unknown.
     *
     * @param filledMib in use after a full GC, once the backlog is queued
     * @param drainingMib in use after a full GC, half-way through the drain
     * @param peakMib the most in use after a collection while the backlog drained
     * @param endMib in use after a full GC, once it drained
     */
    record HubHeap(Double filledMib, Double drainingMib, Double peakMib, Double endMib) {
    }

    /** The figures of a workload without heap figures. */
    Result(Settings settings, String hub, String store, long deliveries, long lost, long duplicates, long outOfOrder,
           long rejected, double seconds, Double msgsPerSecond, Double mbPerSecond, Double p50Micros, Double p99Micros,
           Double p999Micros, Double rssKibPerClient, Double heapKibPerClient, String note) {
        this(settings, hub, store, deliveries, lost, duplicates, outOfOrder, rejected, seconds, msgsPerSecond,
                mbPerSecond, p50Micros, p99Micros, p999Micros, rssKibPerClient, heapKibPerClient, note, null);
    }

    /** The same figures, run against that hub with that store. */
    Result at(String hubName, String storeName) {
        return new Result(settings, hubName, storeName, deliveries, lost, duplicates, outOfOrder, rejected, seconds,
                msgsPerSecond, mbPerSecond, p50Micros, p99Micros, p999Micros, rssKibPerClient, heapKibPerClient, note,
                heap);
    }

    /** Whether every check passed: nothing lost, duplicated, out of order or refused. */
    boolean ok() {
        return lost == 0 && duplicates == 0 && outOfOrder == 0 && rejected == 0 && note == null;
    }
}
