package broadcast.transport.tcp;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoredMessage;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * A store whose n-th append throws, as a full disk would, and whose m-th append fails later, when
 * it should become durable. Thread-safe.
 */
final class FailingStore extends CountingStore {

    private final int throwingAppend;
    private final int notDurableAppend;

    FailingStore(MessageStore delegate, int throwingAppend, int notDurableAppend) {
        super(delegate);
        this.throwingAppend = throwingAppend;
        this.notDurableAppend = notDurableAppend;
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> queues) {
        int n = appends.incrementAndGet();
        if (n == throwingAppend) {
            throw new StoreException("disk on fire");
        }
        AppendResult r = delegate.append(message, queues);
        if (n == notDurableAppend) {
            return new AppendResult(r.sequence(), r.refused(),
                    CompletableFuture.failedFuture(new StoreException("fsync failed")));
        }
        return r;
    }
}
