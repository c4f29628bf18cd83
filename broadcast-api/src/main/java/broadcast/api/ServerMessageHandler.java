package broadcast.api;

/**
 * Sees every data message a client sends to the hub, with its sender. Called off the I/O threads,
 * in arrival order per sender; it observes the message and does not change its routing.
 */
@FunctionalInterface
public interface ServerMessageHandler {
    /** Handles one message from a client. */
    void onMessage(ConnectedClient sender, BroadcastMessage message);
}
