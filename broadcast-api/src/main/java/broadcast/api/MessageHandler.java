package broadcast.api;

/**
 * Handles a received message. Called on the client's callback executor, never on an I/O thread,
 * one message at a time per client, in arrival order. A persistent message is acknowledged to the
 * hub when the handler returns; if it throws, the exception is reported to the
 * {@link FailureListener}s, counted, and the message is acknowledged all the same (it will not come
 * back).
 */
@FunctionalInterface
public interface MessageHandler {
    /** Handles one message. */
    void onMessage(BroadcastMessage message);
}
