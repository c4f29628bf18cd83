package broadcast.transport.tcp;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreStats;
import broadcast.api.spi.StoredMessage;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A store that passes every call to another and counts appends. Thread-safe. */
class CountingStore implements MessageStore {

    final MessageStore delegate;
    final AtomicInteger appends = new AtomicInteger();
    final AtomicInteger removes = new AtomicInteger();

    CountingStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> queues) {
        appends.incrementAndGet();
        return delegate.append(message, queues);
    }

    @Override
    public List<QueuedMessage> read(QueueKey queue, long afterSequence, int limit) {
        return delegate.read(queue, afterSequence, limit);
    }

    @Override
    public void remove(QueueKey queue, Collection<String> ids) {
        removes.incrementAndGet();
        delegate.remove(queue, ids);
    }

    @Override
    public long count(QueueKey queue) {
        return delegate.count(queue);
    }

    @Override
    public long expire(long nowMillis) {
        return delegate.expire(nowMillis);
    }

    @Override
    public StoreStats stats() {
        return delegate.stats();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
