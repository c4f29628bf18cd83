package broadcast.api;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A Broadcast hub: it accepts clients, routes their messages to channels and named clients, keeps
 * what it cannot deliver yet, and tells senders what became of their messages.
 *
 * <pre>{@code
 * try (BroadcastServer server = new BroadcastTcpServer(BroadcastConfig.builder().port(9000).build())) {
 *     server.onMessage((sender, message) -> System.out.println(sender.name() + ": " + message.data()));
 *     server.start();
 *     server.sendMessage(BroadcastMessage.createChannelMessage("news", "hub is up"));
 *     ...
 * }
 * }</pre>
 *
 * <p>Implementations are thread-safe.
 */
public interface BroadcastServer extends AutoCloseable {

    /**
     * Starts listening and returns once the hub listens.
     *
     * @throws BroadcastException if it cannot listen (the message names the address and the
     *     cause), if the store cannot be opened, or if the server was closed
     */
    void start();

    /** The bound TCP port, the actual one when port 0 was asked. @throws IllegalStateException before start or for a Unix socket */
    int port();

    /** What the hub listens on: {@code host:port} or the socket path. */
    String address();

    /** Sets the hook that sees every data message a client sends. Replaces the previous one. */
    void onMessage(ServerMessageHandler handler);

    /**
     * Sends a message from the hub under the same rules as a client's: to a channel's subscribers,
     * to a named client, queued if persistent and nobody is online.
     */
    CompletionStage<Outcome> sendMessage(BroadcastMessage message);

    /** The clients connected now. */
    Collection<ConnectedClient> clients();

    /** The connected client with that name. */
    Optional<ConnectedClient> client(String name);

    /**
     * A snapshot of the hub's counters: connections, subscriptions, messages in and out, queued,
     * expired, dropped and refused, slow consumers.
     */
    HubStats stats();

    /**
     * Stops accepting, closes the connections, sends outcomes still due, and closes the store.
     * Idempotent.
     */
    @Override
    void close();
}
