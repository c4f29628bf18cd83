package broadcast.api.spi;

/**
 * A snapshot of a store's counters.
 *
 * @param messages messages held (a fan-out message counts once)
 * @param entries queue entries held (a fan-out message counts once per queue)
 * @param bytes bytes held, as {@link StoredMessage#size()} counts them
 * @param queues queues that hold at least one entry
 * @param expired entries removed because their message expired, since the store opened
 * @param dropped entries removed by the {@code drop-oldest} overflow policy, since the store opened
 * @param refused appends refused by a full queue, since the store opened
 */
public record StoreStats(long messages, long entries, long bytes, long queues, long expired, long dropped, long refused) {
}
