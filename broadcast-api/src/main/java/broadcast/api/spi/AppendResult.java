package broadcast.api.spi;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What {@link MessageStore#append} did: the sequence it gave the message, the queues that refused
 * it because they were full, and when it is durable.
 *
 * @param sequence the message's sequence in every queue that took it
 * @param refused the queues that were full and refused it (overflow policy {@code reject-new}); empty when all took it
 * @param durable completes when the message is safe (on disk for a durable store), or exceptionally
 *     when the store failed to keep it
 */
public record AppendResult(long sequence, Set<QueueKey> refused, CompletionStage<Void> durable) {
    public AppendResult {
        refused = Set.copyOf(refused);
        Objects.requireNonNull(durable, "durable");
    }
}
