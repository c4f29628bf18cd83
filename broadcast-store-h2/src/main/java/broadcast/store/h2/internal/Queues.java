package broadcast.store.h2.internal;

import broadcast.api.spi.QueueKey;

import org.h2.mvstore.Cursor;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The non-empty queues of a store, in memory, with their counters, and their names in the file's
 * {@code queues} map. Guarded by the store's lock, except {@link #get}, which reads may call
 * without it.
 */
final class Queues {

    /** What the file holds in total, counted when it opens. */
    record Totals(long messages, long entries, long bytes, long lastSequence) {
    }

    private final StoreFile file;
    private final Map<QueueKey, QueueState> byKey = new ConcurrentHashMap<>();
    private final Map<Long, QueueState> byId = new HashMap<>();
    private long lastId;

    Queues(StoreFile file) {
        this.file = file;
    }

    /**
     * Counts every queue from the file; reading every page also proves the file is readable.
     *
     * @throws broadcast.api.spi.StoreException if the maps do not agree with each other
     */
    Totals load() {
        for (Cursor<Long, String> c = file.queues.cursor(null); c.hasNext(); ) {
            long id = c.next();
            QueueState q = new QueueState(QueueKey.parse(c.getValue()), id);
            byKey.put(q.key, q);
            byId.put(id, q);
            lastId = Math.max(lastId, id);
        }
        long messages = 0;
        long entries = 0;
        long bytes = 0;
        long last = 0;
        for (Cursor<Pair, byte[]> c = file.entries.cursor(null); c.hasNext(); ) {
            Pair entry = c.next();
            QueueState q = byId.get(entry.high());
            byte[] record = c.getValue().length == 0 ? file.shared.get(entry.low()) : c.getValue();
            if (q == null || record == null) {
                throw StoreFile.damaged(file.file, "queue entry " + entry + " has no " + (q == null ? "queue" : "message"),
                        null);
            }
            long size = Records.size(record);
            q.count++;
            q.bytes += size;
            entries++;
            if (c.getValue().length != 0) {
                messages++;
                bytes += size;
            }
            last = Math.max(last, entry.low());
        }
        for (Cursor<Long, byte[]> c = file.shared.cursor(null); c.hasNext(); ) {
            last = Math.max(last, c.next());
            messages++;
            bytes += Records.size(c.getValue());
        }
        long indexed = 0;
        for (Cursor<IdKey, Slot> c = file.ids.cursor(null); c.hasNext(); c.next()) {
            indexed++;
        }
        for (Cursor<Pair, Long> c = file.expiry.cursor(null); c.hasNext(); c.next()) {
            // reads every page of the index
        }
        if (indexed != entries) {
            throw StoreFile.damaged(file.file, "the id index holds " + indexed + " entries, the queues " + entries, null);
        }
        for (QueueState q : List.copyOf(byId.values())) {
            if (q.count == 0) {
                forget(q);
            }
        }
        return new Totals(messages, entries, bytes, last);
    }

    /** The queue, if it holds anything. Safe without the lock. */
    QueueState get(QueueKey key) {
        return byKey.get(key);
    }

    QueueState byId(long id) {
        return byId.get(id);
    }

    /** The queue, made (and named in the file) if it holds nothing yet. */
    QueueState getOrCreate(QueueKey key) {
        QueueState q = byKey.get(key);
        if (q == null) {
            q = new QueueState(key, ++lastId);
            file.queues.put(q.id, key.toString());
            byKey.put(key, q);
            byId.put(q.id, q);
        }
        return q;
    }

    /** Drops an empty queue from memory and from the file. */
    void forget(QueueState q) {
        byKey.remove(q.key);
        byId.remove(q.id);
        file.queues.remove(q.id);
    }

    Collection<QueueState> all() {
        return byId.values();
    }

    int size() {
        return byKey.size();
    }
}
