package broadcast.api;

import java.util.concurrent.CompletionStage;

/**
 * A handler registered for a channel. Closing it removes the handler; when the last handler of a
 * channel goes, the client unsubscribes from the channel at the hub. Thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /** The channel. */
    String channel();

    /**
     * Completes when the hub has accepted the subscription; completes exceptionally with a
     * {@link BroadcastException} (code {@link ErrorCode#FORBIDDEN} or {@link ErrorCode#LIMIT_EXCEEDED})
     * when it refused it. While disconnected it completes after the next connection.
     */
    CompletionStage<Void> ready();

    /** Removes the handler. Idempotent. */
    @Override
    void close();
}
