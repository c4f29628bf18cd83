package broadcast.api.spi;

import java.util.Objects;

/**
 * A message in a queue, with its sequence: the store's order of appends, increasing across the
 * whole store (and across restarts, for a durable store).
 *
 * @param sequence the position; a later append has a larger one
 * @param message the message
 */
public record QueuedMessage(long sequence, StoredMessage message) {
    public QueuedMessage {
        Objects.requireNonNull(message, "message");
    }
}
