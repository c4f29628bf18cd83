package broadcast.api.spi;

import java.util.Collection;
import java.util.List;

/**
 * Keeps persistent messages for recipients: queues keyed by channel (a backlog for the first
 * subscriber) or by client name (messages waiting for, or in flight to, that client). A message
 * appended to several queues is kept once, and leaves the store when no queue holds it any more.
 * A queue holds an id at most once: appending a message to a queue that already holds its id
 * leaves that queue as it is (the queue neither takes it again nor refuses it).
 *
 * <p>Every queue is bounded in entries and in bytes, and the store in total in messages (a fan-out
 * message counts once) and bytes, as {@link StoredMessage#size()} counts them; past a bound the
 * overflow policy decides (see {@link StoreLimits}): {@code reject-new} refuses the message for
 * the full queue (for every queue when the store is full), {@code drop-oldest} drops the oldest
 * entries of the queue (oldest messages of the store) until it fits, counted in
 * {@link StoreStats#dropped()}. A message larger than a byte bound is refused under either policy,
 * and nothing is dropped for it. With a {@code retention}, a message is kept until the earlier of
 * its own expiry and its append time plus the retention, and is read back with that expiry.
 * Messages past their expiry are never read or counted, and are removed by {@link #expire(long)}.
 *
 * <p>After {@link #close()}, every method but {@code close} and {@link #stats()} throws a
 * {@link StoreException} that says the store is closed.
 *
 * <p>Implementations are thread-safe; the hub calls them from several threads. {@link #append} and
 * {@link #remove} must not block for long (a durable store hands the work to its writer and groups
 * commits); {@link #read} may block and is not called on I/O threads.
 */
public interface MessageStore extends AutoCloseable {

    /**
     * Adds a message to queues, in order after everything appended before. Bounds are checked at
     * once: a full queue refuses it (or drops its oldest, per policy), and the others take it.
     *
     * @param message the message
     * @param queues the queues, at least one
     * @return the sequence, the refused queues, and a stage that completes when the message is durable
     * @throws StoreException if the store is closed or failed
     */
    AppendResult append(StoredMessage message, Collection<QueueKey> queues);

    /**
     * Reads up to {@code limit} messages of a queue with a sequence above {@code afterSequence},
     * oldest first, skipping expired ones. Never loads more than {@code limit} messages.
     *
     * @throws StoreException if the store is closed or failed
     */
    List<QueuedMessage> read(QueueKey queue, long afterSequence, int limit);

    /**
     * Removes messages from a queue, as acknowledgements do. Ids not in the queue are ignored. The
     * removal may become durable later; until then a restart may deliver them again.
     *
     * @throws StoreException if the store is closed or failed
     */
    void remove(QueueKey queue, Collection<String> ids);

    /**
     * The number of unexpired entries in a queue.
     *
     * @throws StoreException if the store is closed or failed
     */
    long count(QueueKey queue);

    /**
     * Removes every entry whose message expired at {@code nowMillis} (an expiry at or before it).
     *
     * @return the number of entries removed
     * @throws StoreException if the store is closed or failed
     */
    long expire(long nowMillis);

    /** The counters now. */
    StoreStats stats();

    /** Makes pending work durable and releases the store's resources. Idempotent. */
    @Override
    void close();
}
