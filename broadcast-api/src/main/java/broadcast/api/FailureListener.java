package broadcast.api;

/**
 * Told about failures that no caller is waiting for. One default no-op method per kind, so new
 * kinds can be added without breaking implementations. Called on the callback executor; must not
 * throw and must not block for long.
 */
public interface FailureListener {

    /**
     * A message sent by this client reached nobody and is not kept: {@code NOT_DELIVERED} for a
     * persistent message, or the failure notice for a transient one.
     */
    default void onNotDelivered(BroadcastClient client, Outcome outcome) {
    }

    /** A message handler threw. The message was acknowledged all the same. */
    default void onHandlerFailed(BroadcastClient client, BroadcastMessage message, Throwable failure) {
    }

    /** The hub reported an error, or the connection failed. */
    default void onError(BroadcastClient client, BroadcastException failure) {
    }

    /**
     * A message was dropped locally: the outbox was full, or a received message could not be
     * decoded (its raw bytes are in {@code message.payload()} when they could be read).
     */
    default void onDropped(BroadcastClient client, String messageId, String reason) {
    }
}
