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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durable queues in an H2 MVStore file (see {@link StoreFile} for the maps).
 *
 * <p>Each operation changes the maps under one lock, as the memory store changes its heap maps:
 * map changes stay in memory until a commit, so {@link #append} and {@link #remove} never wait
 * for the disk, and bounds are decided at once from the per-queue and total counters kept in
 * memory (counted from the file when it opens). The id index entries of new appends wait in memory
 * until the next commit, so an append acknowledged before its group commits costs the index nothing
 * on disk. The {@link GroupCommitter} writes everything
 * changed since its last commit as one version, fsyncs it, then completes the {@code durable}
 * stage of the appends of that group. {@link #read} takes no lock: it walks a snapshot of the maps.
 * {@link #expire} removes in batches and releases the lock between them.
 *
 * <p>Expiry: a message with an expiry of its own (earlier than the retention) is in the expiry
 * index; one that only the retention expires is not, because in each queue those leave in
 * sequence order: the retention cap grows with the sequence, so the sweep stops at the first one
 * not expired. Thread-safe.
 */
final class H2Store implements MessageStore {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final byte[] SHARED = new byte[0];
    private static final int EXPIRE_BATCH = 256;

    private final StoreFile file;
    private final StoreLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final GroupCommitter committer;
    private final Queues queues;
    /**
     * The id index entries of the appends since the last commit, written to {@code file.ids} just
     * before the next one ({@link #beforeCommit}): a message acknowledged before its group commits,
     * the common case of a live stream, never touches the index on disk. Guarded by the lock.
     */
    private final Map<IdKey, Slot> newIds = new HashMap<>();
    private long sequence;
    private long savedSequence;
    private long messages;
    private long entries;
    private long bytes;
    private long expired;
    private long dropped;
    private long refused;
    private volatile boolean closed;

    private H2Store(StoreFile file, H2Settings settings) {
        this.file = file;
        this.limits = settings.limits();
        this.queues = new Queues(file);
        this.committer = new GroupCommitter(file, lock, settings.commitInterval(), this::beforeCommit);
    }

    /**
     * Opens the store: checks the file, counts its queues, and starts the writer.
     *
     * @throws StoreException if the file is in use, damaged, or of a newer schema
     */
    static H2Store open(H2Settings settings) {
        StoreFile file = StoreFile.open(settings.file(), settings.cacheBytes());
        H2Store store = new H2Store(file, settings);
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

    private void load() {
        Queues.Totals totals = queues.load();
        messages = totals.messages();
        entries = totals.entries();
        bytes = totals.bytes();
        savedSequence = Long.parseLong(file.meta.getOrDefault(StoreFile.SEQUENCE_KEY, "0"));
        sequence = Math.max(savedSequence, totals.lastSequence());
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> targets) {
        Objects.requireNonNull(message, "message");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one queue");
        }
        long now = System.currentTimeMillis();
        long own = message.expiresAt();
        long cap = limits.retention().isZero() ? 0 : now + limits.retention().toMillis();
        // a message that only the retention expires leaves in sequence order and needs no index entry
        boolean indexed = own != 0 && (cap == 0 || own <= cap);
        Slot slot = new Slot(0, message.size(), indexed ? own : cap, false, indexed);
        byte[] body = Records.body(message);
        lock.lock();
        try {
            requireOpen();
            long seq = ++sequence;
            Set<QueueKey> refusedQueues = new HashSet<>();
            List<QueueKey> taking = queuesThatFit(message.id(), slot.size(), targets, refusedQueues);
            if (!taking.isEmpty() && !makeRoomInTotal(slot.size())) {
                refusedQueues.addAll(taking);
                taking.clear();
            }
            refused += refusedQueues.size();
            if (taking.isEmpty()) {
                return new AppendResult(seq, refusedQueues, DONE);
            }
            List<QueueState> holders = new ArrayList<>(taking.size());
            for (QueueKey key : taking) {
                makeRoomInQueue(key, slot.size());
                holders.add(queues.getOrCreate(key));
            }
            keep(new Slot(seq, slot.size(), slot.expiresAt(), holders.size() > 1, indexed), message.id(), body, holders);
            return new AppendResult(seq, refusedQueues, committer.joinGroup());
        } catch (RuntimeException e) {
            throw failed("append", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The target queues that take the message, once each; a queue that already holds its id is left
     * as it is, and one that cannot take it is added to {@code refusedQueues}.
     */
    private List<QueueKey> queuesThatFit(String id, long size, Collection<QueueKey> targets, Set<QueueKey> refusedQueues) {
        Collection<QueueKey> distinct = targets.size() == 1 || targets instanceof Set ? targets : new LinkedHashSet<>(targets);
        List<QueueKey> taking = new ArrayList<>(distinct.size());
        for (QueueKey key : distinct) {
            QueueState q = queues.get(Objects.requireNonNull(key, "queue"));
            if (q != null && holdsId(new IdKey(q.id, id))) {
                continue;
            }
            if (size > limits.maxQueueBytes() || limits.overflow() == OverflowPolicy.REJECT_NEW && q != null
                    && (q.count >= limits.maxQueueMessages() || q.bytes + size > limits.maxQueueBytes())) {
                refusedQueues.add(key);
            } else {
                taking.add(key);
            }
        }
        return taking;
    }

    /** Whether the store can take one more message of that size, dropping the oldest if the policy says so. */
    private boolean makeRoomInTotal(long size) {
        if (size > limits.maxTotalBytes()) {
            return false;
        }
        while (messages >= limits.maxTotalMessages() || bytes + size > limits.maxTotalBytes()) {
            if (limits.overflow() != OverflowPolicy.DROP_OLDEST) {
                return false;
            }
            dropped += deleteEverywhere(oldestMessage());
        }
        return true;
    }

    /** The oldest message of the store: the first entry with the lowest sequence over all queues. */
    private Pair oldestMessage() {
        Pair oldest = null;
        for (QueueState q : queues.all()) {
            Pair first = file.entries.ceilingKey(new Pair(q.id, Long.MIN_VALUE));
            if (oldest == null || first.low() < oldest.low()) {
                oldest = first;
            }
        }
        return oldest;
    }

    /** Drops the queue's oldest entries until the message fits; only needed under {@code drop-oldest}. */
    private void makeRoomInQueue(QueueKey key, long size) {
        QueueState q = queues.get(key);
        while (q != null && (q.count >= limits.maxQueueMessages() || q.bytes + size > limits.maxQueueBytes())) {
            Pair first = file.entries.ceilingKey(new Pair(q.id, Long.MIN_VALUE));
            Slot slot = takeId(new IdKey(q.id, Records.id(record(first))));
            removeEntry(q, slot);
            dropped++;
            q = queues.get(key);
        }
    }

    private void keep(Slot slot, String id, byte[] body, List<QueueState> holders) {
        long seq = slot.sequence();
        long[] queueIds = new long[holders.size()];
        for (int i = 0; i < queueIds.length; i++) {
            queueIds[i] = holders.get(i).id;
        }
        byte[] record = Records.record(slot.expiresAt(), slot.indexed(), slot.size(), queueIds, queueIds.length, body);
        if (slot.shared()) {
            file.shared.put(seq, record);
        }
        for (QueueState q : holders) {
            file.entries.put(new Pair(q.id, seq), slot.shared() ? SHARED : record);
            newIds.put(new IdKey(q.id, id), slot);
            q.count++;
            q.bytes += slot.size();
            entries++;
        }
        if (slot.indexed()) {
            file.expiry.put(new Pair(slot.expiresAt(), seq), slot.shared() ? 0L : queueIds[0]);
        }
        messages++;
        bytes += slot.size();
    }

    /** The record of an entry: its value, or the shared record. */
    private byte[] record(Pair entry) {
        byte[] value = file.entries.get(entry);
        return value == null || value.length != 0 ? value : file.shared.get(entry.low());
    }

    /**
     * Removes a message from every queue that still holds it, and the message itself.
     *
     * @return the entries removed
     */
    private long deleteEverywhere(Pair entry) {
        long seq = entry.low();
        byte[] record = record(entry);
        String id = Records.id(record);
        long size = Records.size(record);
        long[] holders = Records.queues(record);
        long removed = 0;
        for (long queueId : holders) {
            if (file.entries.remove(new Pair(queueId, seq)) != null) {
                takeId(new IdKey(queueId, id));
                QueueState q = queues.byId(queueId);
                q.count--;
                q.bytes -= size;
                entries--;
                removed++;
                if (q.count == 0) {
                    queues.forget(q);
                }
            }
        }
        release(seq, size, Records.expiresAt(record), holders.length > 1, Records.indexed(record));
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
        if (q.count == 0) {
            queues.forget(q);
        }
        if (slot.shared()) {
            for (long other : Records.queues(file.shared.get(seq))) {
                if (other != q.id && file.entries.containsKey(new Pair(other, seq))) {
                    return;
                }
            }
        }
        release(seq, slot.size(), slot.expiresAt(), slot.shared(), slot.indexed());
    }

    /** Deletes a message that no queue holds any more. */
    private void release(long seq, long size, long expiresAt, boolean shared, boolean indexed) {
        if (shared) {
            file.shared.remove(seq);
        }
        if (indexed) {
            file.expiry.remove(new Pair(expiresAt, seq));
        }
        messages--;
        bytes -= size;
    }

    @Override
    public List<QueuedMessage> read(QueueKey key, long afterSequence, int limit) {
        Objects.requireNonNull(key, "queue");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        requireOpen();
        long now = System.currentTimeMillis();
        QueueState q = queues.get(key);
        if (q == null || afterSequence == Long.MAX_VALUE) {
            return List.of();
        }
        // keeps the pages of this version from being reused while the cursor walks them
        MVStore.TxCounter usage = file.store.registerVersionUsage();
        try {
            List<QueuedMessage> page = new ArrayList<>(Math.min(limit, 1024));
            Cursor<Pair, byte[]> c = file.entries.cursor(new Pair(q.id, afterSequence + 1),
                    new Pair(q.id, Long.MAX_VALUE), false);
            while (page.size() < limit && c.hasNext()) {
                long seq = c.next().low();
                byte[] record = c.getValue().length != 0 ? c.getValue() : file.shared.get(seq);
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
        Objects.requireNonNull(key, "queue");
        Objects.requireNonNull(ids, "ids");
        lock.lock();
        try {
            requireOpen();
            QueueState q = queues.get(key);
            if (q == null) {
                return;
            }
            boolean changed = false;
            for (String id : ids) {
                Slot slot = q.count == 0 ? null : takeId(new IdKey(q.id, id));
                if (slot != null) {
                    removeEntry(q, slot);
                    changed = true;
                }
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
        Objects.requireNonNull(key, "queue");
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            requireOpen();
            QueueState q = queues.get(key);
            if (q == null) {
                return 0;
            }
            // entries whose message expired but is not swept yet: usually none
            long n = q.count;
            for (Cursor<Pair, Long> c = file.expiry.cursor(null); c.hasNext() && c.next().high() <= now; ) {
                long holder = c.getValue();
                if (holder == q.id || holder == 0 && file.entries.containsKey(new Pair(q.id, c.getKey().low()))) {
                    n--;
                }
            }
            Cursor<Pair, byte[]> c = file.entries.cursor(new Pair(q.id, Long.MIN_VALUE), new Pair(q.id, Long.MAX_VALUE), false);
            while (c.hasNext()) {
                byte[] record = record(c.next());
                if (!Records.expiredAt(record, now)) {
                    break;
                }
                if (!Records.indexed(record)) {
                    n--;
                }
            }
            return n;
        } catch (RuntimeException e) {
            throw failed("count", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes expired messages in batches, releasing the lock between them: first those in the
     * expiry index, then, queue by queue, the oldest entries while they are past their expiry.
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
                Cursor<Pair, Long> c = file.expiry.cursor(null);
                while (swept < EXPIRE_BATCH && c.hasNext() && c.next().high() <= nowMillis) {
                    long holder = c.getValue();
                    long seq = c.getKey().low();
                    removed += deleteEverywhere(holder != 0 ? new Pair(holder, seq) : firstHolder(seq));
                    swept++;
                }
                for (QueueState q : List.copyOf(queues.all())) {
                    Pair first;
                    while (swept < EXPIRE_BATCH && q.count > 0
                            && Records.expiredAt(record(first = file.entries.ceilingKey(new Pair(q.id, Long.MIN_VALUE))),
                            nowMillis)) {
                        removed += deleteEverywhere(first);
                        swept++;
                    }
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

    /** An entry of a shared message: the first of its queues that still holds it. */
    private Pair firstHolder(long seq) {
        for (long queueId : Records.queues(file.shared.get(seq))) {
            Pair entry = new Pair(queueId, seq);
            if (file.entries.containsKey(entry)) {
                return entry;
            }
        }
        throw new IllegalStateException("shared message " + seq + " has no queue");
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
            // a last change, so H2's closing commit also settles the versions that reads used
            file.meta.put(StoreFile.CLOSED_KEY, Instant.now().toString());
            file.store.close();
        } catch (RuntimeException e) {
            file.store.closeImmediately();
            throw new StoreException("h2 store file " + file.file + " could not be closed cleanly: " + e, e);
        }
    }

    /** Whether a queue holds a message id. Caller holds the lock. */
    private boolean holdsId(IdKey key) {
        return newIds.containsKey(key) || file.ids.containsKey(key);
    }

    /** Removes a queue's message id from the index. @return its slot, or null if the queue does not hold it */
    private Slot takeId(IdKey key) {
        Slot slot = newIds.remove(key);
        return slot != null ? slot : file.ids.remove(key);
    }

    /** Runs under the lock just before each commit: completes the id index, records the sequence. */
    private void beforeCommit() {
        if (!newIds.isEmpty()) {
            newIds.forEach(file.ids::put);
            newIds.clear();
        }
        saveSequence();
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
        if (e instanceof StoreException || e instanceof IllegalArgumentException || e instanceof NullPointerException) {
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
