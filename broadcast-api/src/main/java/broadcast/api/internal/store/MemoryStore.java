package broadcast.api.internal.store;

import broadcast.api.internal.IdMap;
import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.OverflowPolicy;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoreLimits;
import broadcast.api.spi.StoreStats;
import broadcast.api.spi.StoredMessage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues in the heap.
 *
 * <p>Each message is held once ({@link Held}) and knows the queues that hold it; it is forgotten
 * when the last of them lets it go. Held messages form a list in sequence order, so the oldest for
 * {@code drop-oldest} is at hand, and the ones that expire are also indexed by expiry, so
 * {@link #expire} and {@link #count} touch only expired messages. Each queue finds its entries by
 * id (ack) and by sequence (paging). Append, remove and read cost a few map operations, logarithmic
 * at most; one lock guards everything. Thread-safe.
 */
final class MemoryStore implements MessageStore {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
    private static final Comparator<Held> BY_EXPIRY =
            Comparator.comparingLong((Held h) -> h.message.expiresAt()).thenComparingLong(h -> h.sequence);

    private final StoreLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<QueueKey, Queue> queues = new HashMap<>();
    /** Held messages that expire, soonest first. */
    private final TreeSet<Held> byExpiry = new TreeSet<>(BY_EXPIRY);
    /** The oldest and newest held message, ends of the list in sequence order. */
    private Held oldest;
    private Held newest;
    private long messages;
    private long sequence;
    private long entries;
    private long bytes;
    private long expired;
    private long dropped;
    private long refused;
    private boolean closed;

    MemoryStore(StoreLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** One message, held once whatever the number of queues that hold it. */
    private static final class Held {
        final StoredMessage message;
        final long sequence;
        final long size;
        /** The id's {@link IdMap#hash}, computed once. */
        final int idHash;
        /** The queues that hold it: nearly always one or two. */
        final List<Queue> holders = new ArrayList<>(2);
        Held previous;
        Held next;

        Held(StoredMessage message, long sequence) {
            this.message = message;
            this.sequence = sequence;
            this.size = message.size();
            this.idHash = IdMap.hash(message.id());
        }
    }

    private static final class Queue {
        final QueueKey key;
        final Entries bySequence = new Entries();
        final IdMap<Held> byId = new IdMap<>();
        long bytes;

        Queue(QueueKey key) {
            this.key = key;
        }

        int size() {
            return byId.size();
        }
    }

    /**
     * A queue's entries in sequence order. Appends come in increasing sequence (one lock, one
     * counter), so a sorted array with a moving head does what a tree would, without a node per
     * entry: an entry leaves a hole (its sequence stays, for the binary search), holes at the ends
     * are trimmed and the rest compacted when they make up half the array.
     */
    private static final class Entries {
        private Held[] items = new Held[8];
        private long[] sequences = new long[8];
        private int head;
        private int tail;
        private int holes;

        void add(Held held) {
            if (tail == items.length) {
                makeRoom();
            }
            items[tail] = held;
            sequences[tail++] = held.sequence;
        }

        void remove(Held held) {
            int i = java.util.Arrays.binarySearch(sequences, head, tail, held.sequence);
            if (i < 0 || items[i] != held) {
                return;
            }
            items[i] = null;
            holes++;
            while (head < tail && items[head] == null) {
                head++;
                holes--;
            }
            while (tail > head && items[tail - 1] == null) {
                tail--;
                holes--;
            }
            if (holes > 16 && holes * 2 > tail - head) {
                compact(items.length);
            }
        }

        /** The entry with the lowest sequence, or null. */
        Held first() {
            return head < tail ? items[head] : null;
        }

        /** The index of the first entry after {@code sequence}; walk from there with {@link #at} up to {@link #end}. */
        int after(long sequence) {
            int i = java.util.Arrays.binarySearch(sequences, head, tail, sequence);
            return i >= 0 ? i + 1 : -1 - i;
        }

        /** The entry at an index, or null for a hole. */
        Held at(int i) {
            return items[i];
        }

        int end() {
            return tail;
        }

        private void makeRoom() {
            int live = tail - head - holes;
            compact(live * 2 + 8 > items.length ? items.length * 2 : items.length);
        }

        private void compact(int capacity) {
            Held[] moved = new Held[capacity];
            long[] movedSequences = new long[capacity];
            int n = 0;
            for (int i = head; i < tail; i++) {
                if (items[i] != null) {
                    moved[n] = items[i];
                    movedSequences[n++] = sequences[i];
                }
            }
            items = moved;
            sequences = movedSequences;
            head = 0;
            tail = n;
            holes = 0;
        }
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> targets) {
        Objects.requireNonNull(message, "message");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one queue");
        }
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            requireOpen();
            Held held = new Held(withRetention(message, now), ++sequence);
            Set<QueueKey> refusedQueues = new HashSet<>(4);
            List<QueueKey> taking = queuesThatFit(held, targets, refusedQueues);
            if (!taking.isEmpty() && !makeRoomInTotal(held.size)) {
                refusedQueues.addAll(taking);
                taking.clear();
            }
            for (QueueKey key : taking) {
                Queue q = queues.computeIfAbsent(key, Queue::new);
                makeRoomInQueue(q, held.size);
                q.bySequence.add(held);
                q.byId.put(held.message.id(), held.idHash, held);
                q.bytes += held.size;
                held.holders.add(q);
                entries++;
            }
            if (!held.holders.isEmpty()) {
                keep(held);
            }
            refused += refusedQueues.size();
            return new AppendResult(held.sequence, refusedQueues.isEmpty() ? Set.of() : refusedQueues, DONE);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The target queues that take the message, once each; a queue that already holds its id is left
     * as it is, and one that cannot take it is added to {@code refusedQueues}.
     */
    private List<QueueKey> queuesThatFit(Held held, Collection<QueueKey> targets, Set<QueueKey> refusedQueues) {
        Collection<QueueKey> distinct = targets.size() == 1 || targets instanceof Set ? targets : new LinkedHashSet<>(targets);
        List<QueueKey> taking = new ArrayList<>(distinct.size());
        for (QueueKey key : distinct) {
            Queue q = queues.get(Objects.requireNonNull(key, "queue"));
            if (q != null && q.byId.containsKey(held.message.id(), held.idHash)) {
                continue;
            }
            if (held.size > limits.maxQueueBytes() || limits.overflow() == OverflowPolicy.REJECT_NEW && q != null
                    && (q.size() >= limits.maxQueueMessages() || q.bytes + held.size > limits.maxQueueBytes())) {
                refusedQueues.add(key);
            } else {
                taking.add(key);
            }
        }
        return taking;
    }

    private StoredMessage withRetention(StoredMessage m, long now) {
        if (limits.retention().isZero()) {
            return m;
        }
        long limit = now + limits.retention().toMillis();
        if (m.expiresAt() != 0 && m.expiresAt() <= limit) {
            return m;
        }
        return new StoredMessage(m.id(), m.sender(), m.client(), m.channel(), m.name(), limit, m.contentType(), m.payload());
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
            Held victim = oldest;
            for (Queue q : List.copyOf(victim.holders)) {
                removeEntry(q, victim);
                dropped++;
            }
        }
        return true;
    }

    /** Drops the queue's oldest entries until the message fits; only needed under {@code drop-oldest}. */
    private void makeRoomInQueue(Queue q, long size) {
        while (q.size() >= limits.maxQueueMessages() || q.bytes + size > limits.maxQueueBytes()) {
            removeEntry(q, q.bySequence.first());
            dropped++;
        }
    }

    /** Adds a message to the list of held messages and to the expiry index. */
    private void keep(Held held) {
        held.previous = newest;
        if (newest == null) {
            oldest = held;
        } else {
            newest.next = held;
        }
        newest = held;
        messages++;
        bytes += held.size;
        if (held.message.expiresAt() != 0) {
            byExpiry.add(held);
        }
    }

    /** Removes one entry; forgets the queue when it is empty, and the message when no queue holds it. */
    private void removeEntry(Queue q, Held held) {
        q.bySequence.remove(held);
        q.byId.remove(held.message.id(), held.idHash);
        q.bytes -= held.size;
        entries--;
        if (q.byId.isEmpty()) {
            queues.remove(q.key);
        }
        held.holders.remove(q);
        if (held.holders.isEmpty()) {
            forget(held);
        }
    }

    private void forget(Held held) {
        if (held.previous == null) {
            oldest = held.next;
        } else {
            held.previous.next = held.next;
        }
        if (held.next == null) {
            newest = held.previous;
        } else {
            held.next.previous = held.previous;
        }
        held.previous = null;
        held.next = null;
        messages--;
        bytes -= held.size;
        if (held.message.expiresAt() != 0) {
            byExpiry.remove(held);
        }
    }

    @Override
    public List<QueuedMessage> read(QueueKey key, long afterSequence, int limit) {
        Objects.requireNonNull(key, "queue");
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            requireOpen();
            Queue q = queues.get(key);
            if (q == null) {
                return List.of();
            }
            List<QueuedMessage> page = new ArrayList<>(Math.min(limit, q.size()));
            for (int i = q.bySequence.after(afterSequence), end = q.bySequence.end(); i < end; i++) {
                Held held = q.bySequence.at(i);
                if (held == null || held.message.expiredAt(now)) {
                    continue;
                }
                page.add(new QueuedMessage(held.sequence, held.message));
                if (page.size() == limit) {
                    break;
                }
            }
            return page;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void remove(QueueKey key, Collection<String> ids) {
        Objects.requireNonNull(key, "queue");
        Objects.requireNonNull(ids, "ids");
        lock.lock();
        try {
            requireOpen();
            Queue q = queues.get(key);
            if (q == null) {
                return;
            }
            for (String id : ids) {
                Held held = q.byId.get(id);
                if (held != null) {
                    removeEntry(q, held);
                }
            }
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
            Queue q = queues.get(key);
            if (q == null) {
                return 0;
            }
            // only messages that expired and were not yet removed by expire() are visited
            long n = q.size();
            for (Held held : byExpiry) {
                if (!held.message.expiredAt(now)) {
                    break;
                }
                if (held.holders.contains(q)) {
                    n--;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long expire(long nowMillis) {
        lock.lock();
        try {
            requireOpen();
            long removed = 0;
            while (!byExpiry.isEmpty() && byExpiry.first().message.expiredAt(nowMillis)) {
                Held held = byExpiry.first();
                for (Queue q : List.copyOf(held.holders)) {
                    removeEntry(q, held);
                    removed++;
                }
            }
            expired += removed;
            return removed;
        } finally {
            lock.unlock();
        }
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
            closed = true;
            queues.clear();
            byExpiry.clear();
            oldest = null;
            newest = null;
            messages = 0;
            entries = 0;
            bytes = 0;
        } finally {
            lock.unlock();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreException("the memory store is closed");
        }
    }
}
