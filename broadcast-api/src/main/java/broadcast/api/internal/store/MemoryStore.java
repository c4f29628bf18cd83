package broadcast.api.internal.store;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Queues in the heap. Each message is held once with a count of the queues that hold it; each
 * queue orders its entries by sequence and finds them by id. One lock guards everything: the work
 * under it is a few map operations. Thread-safe.
 */
final class MemoryStore implements MessageStore {

    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    private final StoreLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    /** Every message by id, in append order. */
    private final LinkedHashMap<String, Held> messages = new LinkedHashMap<>();
    private final Map<QueueKey, Queue> queues = new HashMap<>();
    private long sequence;
    private long entries;
    private long bytes;
    private long expired;
    private long dropped;
    private long refused;
    private boolean closed;

    MemoryStore(StoreLimits limits) {
        this.limits = limits;
    }

    private static final class Held {
        final StoredMessage message;
        final long sequence;
        final long size;
        int references;

        Held(StoredMessage message, long sequence) {
            this.message = message;
            this.sequence = sequence;
            this.size = message.size();
        }
    }

    private static final class Queue {
        final TreeMap<Long, Held> bySequence = new TreeMap<>();
        final HashMap<String, Long> sequenceById = new HashMap<>();
        long bytes;
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("append needs at least one queue");
        }
        long now = System.currentTimeMillis();
        lock.lock();
        try {
            requireOpen();
            StoredMessage kept = withRetention(message, now);
            Held held = new Held(kept, ++sequence);
            Set<QueueKey> refusedQueues = new HashSet<>();
            if (!makeRoomInTotal(held.size)) {
                refusedQueues.addAll(targets);
                refused += targets.size();
                return new AppendResult(held.sequence, refusedQueues, DONE);
            }
            for (QueueKey key : targets) {
                Queue q = queues.computeIfAbsent(key, k -> new Queue());
                if (q.sequenceById.containsKey(message.id())) {
                    continue;
                }
                if (!makeRoomInQueue(q, held.size)) {
                    refusedQueues.add(key);
                    refused++;
                    if (q.bySequence.isEmpty()) {
                        queues.remove(key);
                    }
                    continue;
                }
                q.bySequence.put(held.sequence, held);
                q.sequenceById.put(message.id(), held.sequence);
                q.bytes += held.size;
                held.references++;
                entries++;
            }
            if (held.references > 0) {
                messages.put(message.id() + "#" + held.sequence, held);
                bytes += held.size;
            }
            return new AppendResult(held.sequence, refusedQueues, DONE);
        } finally {
            lock.unlock();
        }
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

    private boolean makeRoomInTotal(long size) {
        while (messages.size() + 1 > limits.maxTotalMessages() || bytes + size > limits.maxTotalBytes()) {
            if (limits.overflow() != OverflowPolicy.DROP_OLDEST || messages.isEmpty()) {
                return false;
            }
            Held oldest = messages.values().iterator().next();
            dropEverywhere(oldest);
        }
        return true;
    }

    private boolean makeRoomInQueue(Queue q, long size) {
        while (q.bySequence.size() + 1 > limits.maxQueueMessages() || q.bytes + size > limits.maxQueueBytes()) {
            if (limits.overflow() != OverflowPolicy.DROP_OLDEST || q.bySequence.isEmpty()) {
                return false;
            }
            Held oldest = q.bySequence.firstEntry().getValue();
            removeEntry(q, oldest);
            dropped++;
        }
        return true;
    }

    private void dropEverywhere(Held held) {
        Iterator<Map.Entry<QueueKey, Queue>> it = queues.entrySet().iterator();
        while (it.hasNext()) {
            Queue q = it.next().getValue();
            if (q.bySequence.get(held.sequence) == held) {
                removeEntry(q, held);
                dropped++;
                if (q.bySequence.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** Removes one entry; forgets the message when no queue holds it. Caller holds the lock. */
    private void removeEntry(Queue q, Held held) {
        q.bySequence.remove(held.sequence);
        q.sequenceById.remove(held.message.id());
        q.bytes -= held.size;
        entries--;
        if (--held.references == 0) {
            messages.remove(held.message.id() + "#" + held.sequence);
            bytes -= held.size;
        }
    }

    @Override
    public List<QueuedMessage> read(QueueKey key, long afterSequence, int limit) {
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
            List<QueuedMessage> page = new ArrayList<>(Math.min(limit, q.bySequence.size()));
            for (Held held : q.bySequence.tailMap(afterSequence, false).values()) {
                if (held.message.expiredAt(now)) {
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
        lock.lock();
        try {
            requireOpen();
            Queue q = queues.get(key);
            if (q == null) {
                return;
            }
            for (String id : ids) {
                Long seq = q.sequenceById.get(id);
                if (seq != null) {
                    removeEntry(q, q.bySequence.get(seq));
                }
            }
            if (q.bySequence.isEmpty()) {
                queues.remove(key);
            }
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
            Queue q = queues.get(key);
            if (q == null) {
                return 0;
            }
            long n = 0;
            for (Held held : q.bySequence.values()) {
                if (!held.message.expiredAt(now)) {
                    n++;
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
            Iterator<Map.Entry<QueueKey, Queue>> it = queues.entrySet().iterator();
            while (it.hasNext()) {
                Queue q = it.next().getValue();
                List<Held> gone = new ArrayList<>();
                for (Held held : q.bySequence.values()) {
                    if (held.message.expiredAt(nowMillis)) {
                        gone.add(held);
                    }
                }
                for (Held held : gone) {
                    removeEntry(q, held);
                    removed++;
                }
                if (q.bySequence.isEmpty()) {
                    it.remove();
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
            return new StoreStats(messages.size(), entries, bytes, queues.size(), expired, dropped, refused);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            messages.clear();
            queues.clear();
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
