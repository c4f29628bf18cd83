package broadcast.api.spi;

import java.util.Collection;
import java.util.List;

/**
 * Keeps persistent messages for recipients: queues keyed by channel (a backlog for the first
 * subscriber) or by client name (messages waiting for, or in flight to, that client). A message
 * appended to several queues is kept once, and leaves the store when no queue holds it any more.
 *
 * <p>Every queue is bounded in messages and in bytes, and the store in total; past a bound the
 * overflow policy decides (see {@link StoreLimits}). Messages past their expiry are never read and
 * are removed by {@link #expire(long)}.
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

    /** The number of unexpired entries in a queue. */
    long count(QueueKey queue);

    /**
     * Removes every entry whose message expired at {@code nowMillis}.
     *
     * @return the number of entries removed
     */
    long expire(long nowMillis);

    /** The counters now. */
    StoreStats stats();

    /** Makes pending work durable and releases the store's resources. Idempotent. */
    @Override
    void close();
}
