package broadcast.transport.tcp;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoredMessage;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** A store whose appends become durable only when the test opens the gate, as a slow disk would. Thread-safe. */
final class GatedStore extends CountingStore {

    private CompletableFuture<Void> gate = new CompletableFuture<>();

    GatedStore(MessageStore delegate) {
        super(delegate);
    }

    @Override
    public AppendResult append(StoredMessage message, Collection<QueueKey> queues) {
        appends.incrementAndGet();
        AppendResult r = delegate.append(message, queues);
        CompletableFuture<Void> durable;
        synchronized (this) {
            durable = gate;
        }
        return new AppendResult(r.sequence(), r.refused(), durable);
    }

    /** Makes every append so far durable, and the next ones durable at once. */
    synchronized void open() {
        gate.complete(null);
    }
}
