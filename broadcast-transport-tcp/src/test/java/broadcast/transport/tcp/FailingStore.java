package broadcast.transport.tcp;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoredMessage;

import java.util.Collection;

/** A store whose n-th append throws, as a full disk would. Thread-safe. */
final class FailingStore extends CountingStore {

    private final int failingAppend;

    FailingStore(MessageStore delegate, int failingAppend) {
        super(delegate);
        this.failingAppend = failingAppend;
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> queues) {
        if (appends.incrementAndGet() == failingAppend) {
            throw new StoreException("disk on fire");
        }
        return delegate.append(message, queues);
    }
}
