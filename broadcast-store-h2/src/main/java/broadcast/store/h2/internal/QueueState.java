package broadcast.store.h2.internal;

import broadcast.api.spi.QueueKey;

/**
 * The counters of one queue, kept in memory so bounds are decided without reading the file.
 * Guarded by the store's lock.
 */
final class QueueState {

    final QueueKey key;
    final long id;
    /** Entries, expired or not. */
    long count;
    long bytes;

    QueueState(QueueKey key, long id) {
        this.key = key;
        this.id = id;
    }
}
