package broadcast.api;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The hub's view of one connected client (the original's {@code BroadcastClientCast}).
 * Thread-safe.
 */
public interface ConnectedClient {

    /** The client's name, unique on the hub. */
    String name();

    /** The remote address: {@code host:port}, or the socket path for a Unix socket. */
    String address();

    /** The channels the client subscribes to now. */
    Set<String> channels();

    /**
     * Sends a message to this client from the hub, whatever the message's own target.
     *
     * @return the outcome, as for {@link BroadcastServer#sendMessage(BroadcastMessage)}
     */
    CompletionStage<Outcome> send(BroadcastMessage message);

    /** Subscribes the client to a channel on its behalf. @throws IllegalArgumentException if the name is invalid */
    void addChannel(String channel);

    /** Unsubscribes the client from a channel. */
    void removeChannel(String channel);

    /** Whether the connection is still open. */
    boolean connected();
}
