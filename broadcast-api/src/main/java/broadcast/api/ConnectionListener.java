package broadcast.api;

/**
 * Told when a client's connection state changes. Called on the client's callback executor, in
 * order; must not block for long.
 */
@FunctionalInterface
public interface ConnectionListener {
    /**
     * The state changed.
     *
     * @param client the client
     * @param previous the state before
     * @param current the state now
     * @param cause why, when a failure caused it (a lost connection, a refusal); otherwise {@code null}
     */
    void onStateChanged(BroadcastClient client, ConnectionState previous, ConnectionState current, Throwable cause);
}
