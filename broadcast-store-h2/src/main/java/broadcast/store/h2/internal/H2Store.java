package broadcast.store.h2.internal;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.OverflowPolicy;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoreLimits;
import broadcast.api.spi.StoreStats;
import broadcast.api.spi.StoredMessage;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durable queues in an H2 MVStore file (see {@link StoreFile} for the maps).
 *
 * <p>Each operation changes the maps under one lock, as the memory store changes its heap maps:
 * map changes are in memory (H2 writes nothing until a commit), so {@link #append} and
 * {@link #remove} never wait for the disk, and bounds are decided at once from the per-queue and
 * total counters kept in memory (counted from the file when it opens). The {@link GroupCommitter}
 * writes everything changed since its last commit as one version and fsyncs it, then completes the
 * {@code durable} stage of the appends of that group. {@link #read} takes no lock: it reads a
 * snapshot of the maps. {@link #expire} removes in batches, releasing the lock between them.
 *
 * <p>A message appended to several queues is written once, with one entry per queue; it is
 * deleted when its last entry goes. Thread-safe.
 */
final class H2Store implements MessageStore {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final int EXPIRE_BATCH = 256;

    private final StoreFile file;
    private final StoreLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final GroupCommitter committer;
    /** Non-empty queues by key: read without the lock by {@link #read}. */
    private final Map<QueueKey, QueueState> queues = new ConcurrentHashMap<>();
    private final Map<Long, QueueState> queuesById = new HashMap<>();
    private long sequence;
    private long savedSequence;
    private long nextQueueId;
    private long messages;
    private long entries;
    private long bytes;
    private long expired;
    private long dropped;
    private long refused;
    private volatile boolean closed;

    private H2Store(StoreFile file, StoreLimits limits, H2Settings settings) {
        this.file = file;
        this.limits = limits;
        this.committer = new GroupCommitter(file, lock, settings.commitInterval(), this::saveSequence);
    }

    /**
     * Opens the store: checks the file, counts its queues, and starts the writer.
     *
     * @throws StoreException if the file is in use, damaged, or of a newer schema
     */
    static H2Store open(H2Settings settings) {
        StoreFile file = StoreFile.open(settings.file(), settings.cacheBytes());
        H2Store store = new H2Store(file, settings.limits(), settings);
        try {
            store.load();
        } catch (StoreException e) {
            file.store.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            file.store.closeImmediately();
            throw StoreFile.damaged(file.file, String.valueOf(e), e);
        }
        store.committer.start();
        return store;
    }

    /** Counts every queue from the file; reading every page also proves the file is readable. */
    private void load() {
        for (Cursor<Long, String> c = file.queues.cursor(null); c.hasNext(); ) {
            long id = c.next();
            QueueState q = new QueueState(QueueKey.parse(c.getValue()), id);
            queues.put(q.key, q);
            queuesById.put(id, q);
            nextQueueId = Math.max(nextQueueId, id);
        }
        for (Cursor<Pair, Mark> c = file.entries.cursor(null); c.hasNext(); ) {
            Pair entry = c.next();
            QueueState q = queuesById.get(entry.high());
            byte[] record = file.messages.get(entry.low());
            if (q == null || record == null) {
                throw StoreFile.damaged(file.file, "queue entry " + entry + " has no "
                        + (q == null ? "queue" : "message"), null);
            }
            q.count++;
            q.bytes += Records.size(record);
            entries++;
        }
        for (Cursor<Long, byte[]> c = file.messages.cursor(null); c.hasNext(); ) {
            c.next();
            bytes += Records.size(c.getValue());
            messages++;
        }
        long indexed = 0;
        for (Cursor<IdKey, Slot> c = file.ids.cursor(null); c.hasNext(); c.next()) {
            indexed++;
        }
        for (Cursor<Pair, Mark> c = file.expiry.cursor(null); c.hasNext(); c.next()) {
            // reads every page of the index
        }
        if (indexed != entries) {
            throw StoreFile.damaged(file.file, "the id index holds " + indexed + " entries, the queues " + entries, null);
        }
        for (QueueState q : List.copyOf(queuesById.values())) {
            if (q.count == 0) {
                forget(q);
            }
        }
        Long last = file.messages.lastKey();
        savedSequence = Long.parseLong(file.meta.getOrDefault(StoreFile.SEQUENCE_KEY, "0"));
        sequence = Math.max(savedSequence, last == null ? 0 : last);
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one queue");
        }
        long now = System.currentTimeMillis();
        long own = message.expiresAt();
        long cap = limits.retention().isZero() ? 0 : now + limits.retention().toMillis();
        // a message that only the retention expires leaves in age order and needs no index entry
        boolean indexed = own != 0 && (cap == 0 || own <= cap);
        long expiresAt = indexed ? own : cap;
        long size = message.size();
        byte[] body = Records.body(message);
        lock.lock();
        try {
            requireOpen();
            long seq = ++sequence;
            if (!makeRoomInTotal(size)) {
                refused += targets.size();
                return new AppendResult(seq, Set.copyOf(targets), DONE);
            }
            Set<QueueKey> refusedQueues = new HashSet<>();
            Set<QueueState> accepted = new LinkedHashSet<>();
            Slot slot = new Slot(seq, size, expiresAt, false, indexed);
            for (QueueKey key : targets) {
                QueueState q = queueFor(key);
                IdKey idKey = new IdKey(q.id, message.id());
                if (accepted.contains(q) || file.ids.putIfAbsent(idKey, slot) != null) {
                    continue;
                }
                if (!makeRoomInQueue(q, size)) {
                    file.ids.remove(idKey);
                    refusedQueues.add(key);
                    refused++;
                    if (q.count == 0) {
                        forget(q);
                    }
                    continue;
                }
                accepted.add(q);
            }
            if (accepted.isEmpty()) {
                return new AppendResult(seq, refusedQueues, DONE);
            }
            store(new Slot(seq, size, expiresAt, accepted.size() > 1, indexed), message.id(), body, accepted);
            return new AppendResult(seq, refusedQueues, committer.joinGroup());
        } catch (RuntimeException e) {
            throw failed("append", e);
        } finally {
            lock.unlock();
        }
    }

    private void store(Slot slot, String id, byte[] body, Set<QueueState> accepted) {
        long seq = slot.sequence();
        long[] queueIds = new long[accepted.size()];
        int i = 0;
        for (QueueState q : accepted) {
            queueIds[i++] = q.id;
        }
        file.messages.put(seq, Records.record(slot.expiresAt(), slot.indexed(), slot.size(), queueIds, i, body));
        for (QueueState q : accepted) {
            file.entries.put(new Pair(q.id, seq), Mark.PRESENT);
            if (slot.shared()) {
                file.ids.put(new IdKey(q.id, id), slot);
            }
            q.count++;
            q.bytes += slot.size();
            entries++;
        }
        if (slot.indexed()) {
            file.expiry.put(new Pair(slot.expiresAt(), seq), Mark.PRESENT);
        }
        messages++;
        bytes += slot.size();
    }

    private QueueState queueFor(QueueKey key) {
        QueueState q = queues.get(key);
        if (q == null) {
            q = new QueueState(key, ++nextQueueId);
            file.queues.put(q.id, key.toString());
            queues.put(key, q);
            queuesById.put(q.id, q);
        }
        return q;
    }

    /** Drops an empty queue from memory and from the file. */
    private void forget(QueueState q) {
        queues.remove(q.key);
        queuesById.remove(q.id);
        file.queues.remove(q.id);
    }

    private boolean makeRoomInTotal(long size) {
        while (messages + 1 > limits.maxTotalMessages() || bytes + size > limits.maxTotalBytes()) {
            if (limits.overflow() != OverflowPolicy.DROP_OLDEST || messages == 0) {
                return false;
            }
            long oldest = file.messages.firstKey();
            dropped += deleteMessage(oldest, file.messages.get(oldest));
        }
        return true;
    }

    private boolean makeRoomInQueue(QueueState q, long size) {
        while (q.count + 1 > limits.maxQueueMessages() || q.bytes + size > limits.maxQueueBytes()) {
            if (limits.overflow() != OverflowPolicy.DROP_OLDEST || q.count == 0) {
                return false;
            }
            long seq = file.entries.ceilingKey(new Pair(q.id, Long.MIN_VALUE)).low();
            removeEntry(q, file.ids.remove(new IdKey(q.id, Records.id(file.messages.get(seq)))));
            dropped++;
        }
        return true;
    }

    /**
     * Removes a message from every queue that still holds it, and the message itself.
     *
     * @return the entries removed
     */
    private long deleteMessage(long seq, byte[] record) {
        String id = Records.id(record);
        long size = Records.size(record);
        long removed = 0;
        for (long queueId : Records.queues(record)) {
            if (file.entries.remove(new Pair(queueId, seq)) != null) {
                file.ids.remove(new IdKey(queueId, id));
                QueueState q = queuesById.get(queueId);
                q.count--;
                q.bytes -= size;
                entries--;
                removed++;
                if (q.count == 0) {
                    forget(q);
                }
            }
        }
        release(seq, size, Records.expiresAt(record), Records.indexed(record));
        return removed;
    }

    /**
     * Removes one queue's entry, whose id was just removed from the index; deletes the message
     * when no queue holds it any more.
     */
    private void removeEntry(QueueState q, Slot slot) {
        long seq = slot.sequence();
        file.entries.remove(new Pair(q.id, seq));
        q.count--;
        q.bytes -= slot.size();
        entries--;
        if (slot.shared()) {
            for (long other : Records.queues(file.messages.get(seq))) {
                if (other != q.id && file.entries.containsKey(new Pair(other, seq))) {
                    return;
                }
            }
        }
        release(seq, slot.size(), slot.expiresAt(), slot.indexed());
    }

    /** Deletes a message that no queue holds any more. */
    private void release(long seq, long size, long expiresAt, boolean indexed) {
        file.messages.remove(seq);
        if (indexed) {
            file.expiry.remove(new Pair(expiresAt, seq));
        }
        messages--;
        bytes -= size;
    }

    @Override
    public List<QueuedMessage> read(QueueKey key, long afterSequence, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        requireOpen();
        long now = System.currentTimeMillis();
        QueueState q = queues.get(key);
        if (q == null) {
            return List.of();
        }
        // Keeps the pages of this version from being overwritten while the cursor walks them.
        MVStore.TxCounter usage = file.store.registerVersionUsage();
        try {
            List<QueuedMessage> page = new ArrayList<>(Math.min(limit, 1024));
            long from = afterSequence == Long.MAX_VALUE ? afterSequence : afterSequence + 1;
            Cursor<Pair, Mark> c = file.entries.cursor(new Pair(q.id, from), new Pair(q.id, Long.MAX_VALUE), false);
            while (c.hasNext() && page.size() < limit) {
                long seq = c.next().low();
                if (seq <= afterSequence) {
                    continue;
                }
                byte[] record = file.messages.get(seq);
                if (record != null && !Records.expiredAt(record, now)) {
                    page.add(new QueuedMessage(seq, Records.message(record)));
                }
            }
            return page;
        } catch (RuntimeException e) {
            throw unreadable(e);
        } finally {
            file.store.deregisterVersionUsage(usage);
        }
    }

    @Override
    public void remove(QueueKey key, Collection<String> ids) {
        lock.lock();
        try {
            requireOpen();
            QueueState q = queues.get(key);
            if (q == null) {
                return;
            }
            boolean changed = false;
            for (String id : ids) {
                Slot slot = file.ids.remove(new IdKey(q.id, id));
                if (slot != null) {
                    removeEntry(q, slot);
                    changed = true;
                }
            }
            if (q.count == 0) {
                forget(q);
            }
            if (changed) {
                committer.changed();
            }
        } catch (RuntimeException e) {
            throw failed("remove", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long count(QueueKey key) {
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            requireOpen();
            QueueState q = queues.get(key);
            if (q == null) {
                return 0;
            }
            long n = q.count;
            // entries whose message expired but is not swept yet: usually none
            for (Cursor<Pair, Mark> c = file.expiry.cursor(null); c.hasNext(); ) {
                Pair e = c.next();
                if (e.high() > now) {
                    break;
                }
                if (file.entries.containsKey(new Pair(q.id, e.low()))) {
                    n--;
                }
            }
            for (Cursor<Long, byte[]> c = file.messages.cursor(null); c.hasNext(); ) {
                long seq = c.next();
                byte[] record = c.getValue();
                if (!Records.expiredAt(record, now)) {
                    break;
                }
                if (!Records.indexed(record) && file.entries.containsKey(new Pair(q.id, seq))) {
                    n--;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes expired messages in batches, releasing the lock between them: first those in the
     * expiry index (their own expiry), then the oldest messages while they are past their expiry
     * (the retention: a message's age cap grows with its sequence, so the first one not expired
     * ends the sweep).
     */
    @Override
    public long expire(long nowMillis) {
        long removed = 0;
        boolean more = true;
        while (more) {
            lock.lock();
            try {
                requireOpen();
                long before = removed;
                int swept = 0;
                Cursor<Pair, Mark> c = file.expiry.cursor(null);
                while (swept < EXPIRE_BATCH && c.hasNext() && c.next().high() <= nowMillis) {
                    long seq = c.getKey().low();
                    removed += deleteMessage(seq, file.messages.get(seq));
                    swept++;
                }
                Long oldest;
                while (swept < EXPIRE_BATCH && (oldest = file.messages.firstKey()) != null) {
                    byte[] record = file.messages.get(oldest);
                    if (!Records.expiredAt(record, nowMillis)) {
                        break;
                    }
                    removed += deleteMessage(oldest, record);
                    swept++;
                }
                more = swept == EXPIRE_BATCH;
                if (swept > 0) {
                    committer.changed();
                }
                expired += removed - before;
            } catch (RuntimeException e) {
                throw failed("expire", e);
            } finally {
                lock.unlock();
            }
        }
        return removed;
    }

    @Override
    public StoreStats stats() {
        lock.lock();
        try {
            return new StoreStats(messages, entries, bytes, queues.size(), expired, dropped, refused);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        committer.stop();
        if (committer.failure() != null) {
            file.store.closeImmediately();
            return;
        }
        try {
            file.store.close();
        } catch (RuntimeException e) {
            file.store.closeImmediately();
            throw new StoreException("h2 store file " + file.file + " could not be closed cleanly: " + e, e);
        }
    }

    /** Records the sequence reached, so it keeps increasing across restarts. Caller holds the lock. */
    private void saveSequence() {
        if (sequence != savedSequence) {
            file.meta.put(StoreFile.SEQUENCE_KEY, Long.toString(sequence));
            savedSequence = sequence;
        }
    }

    /**
     * A map operation failed half-way under the lock: the counters may no longer match the maps,
     * so the store stops; what was committed before stays on disk.
     */
    private RuntimeException failed(String operation, RuntimeException e) {
        if (e instanceof StoreException || e instanceof IllegalArgumentException) {
            return e;
        }
        StoreException error = new StoreException("h2 store file " + file.file + " failed in " + operation
                + ", the store stopped: " + e, e);
        committer.fail(error);
        return error;
    }

    private RuntimeException unreadable(RuntimeException e) {
        if (e instanceof StoreException) {
            return e;
        }
        if (closed) {
            return new StoreException("the h2 store " + file.file + " is closed", e);
        }
        return new StoreException("h2 store file " + file.file + " could not be read: " + e, e);
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the h2 store " + file.file + " is closed");
        }
        StoreException failure = committer.failure();
        if (failure != null) {
            throw new StoreException(failure.getMessage(), failure);
        }
    }

    @Override
    public String toString() {
        return "H2Store[" + file.file + "]";
    }
}
