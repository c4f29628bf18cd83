package broadcast.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A client of a Broadcast hub: it subscribes to channels, receives messages sent to those channels
 * and to its own name, and sends messages to channels and clients.
 *
 * <pre>{@code
 * try (BroadcastClient client = new BroadcastTcpClient(config, "prices")) {
 *     client.onMessage("quotes", message -> System.out.println(message.data()));
 *     client.onDirectMessage(message -> System.out.println("to me: " + message.data()));
 *     client.connect().toCompletableFuture().join();
 *     client.sendMessage(BroadcastMessage.createChannelMessage("orders", Map.of("id", 1)))
 *           .thenAccept(outcome -> System.out.println(outcome));
 * }
 * }</pre>
 *
 * <p>The client reconnects by itself after a lost connection, with backoff, resubscribes, and
 * sends again what the hub had not acknowledged; handlers see each message once.
 *
 * <p>Handlers and listeners run on the client's callback executor, never on an I/O thread.
 * Implementations are thread-safe.
 */
public interface BroadcastClient extends AutoCloseable {

    /** The client's name: the one asked for, or the one the hub assigned once connected; empty before. */
    String name();

    /** The connection state now. */
    ConnectionState state();

    /**
     * Starts connecting, without blocking. Subscriptions made before are sent on connect.
     *
     * @return completes when the hub has accepted the first connection; completes exceptionally
     *     with a {@link BroadcastException} when the hub refused it (a wrong token, an unknown codec),
     *     or the client was closed first
     */
    CompletionStage<Void> connect();

    /**
     * Connects and waits.
     *
     * @throws BroadcastException if not connected within the timeout (the message says the address
     *     and the last failure), or refused
     */
    void connect(Duration timeout);

    /**
     * Adds a handler for messages to a channel, and subscribes to the channel at the hub when it
     * is the channel's first handler.
     *
     * @throws IllegalArgumentException if the channel name is invalid
     */
    Subscription onMessage(String channel, MessageHandler handler);

    /** Removes every handler of the channel and unsubscribes from it. */
    void removeMessageHandlers(String channel);

    /** Adds a handler for messages addressed to this client by name (the original dropped them). */
    Subscription onDirectMessage(MessageHandler handler);

    /** Adds a listener for failures. */
    void onFailure(FailureListener listener);

    /** Adds a listener for connection state changes. */
    void onConnectionState(ConnectionListener listener);

    /** Adds a listener for the outcome of every message sent. */
    void onOutcome(OutcomeListener listener);

    /**
     * Sends a message. While disconnected the message waits in a bounded outbox and is sent, in
     * order, before anything newer once connected again.
     *
     * @return the outcome: for a persistent message, the one the hub reports once it has taken
     *     responsibility ({@code DELIVERED}, {@code QUEUED}) or refused it ({@code NOT_DELIVERED});
     *     for a transient message, {@code DELIVERED} as soon as it is written to the hub (at most
     *     once, fire and forget), unless {@link BroadcastConfig#transientOutcomes()} asks the hub for
     *     its outcome, which then completes the stage. A transient message that reached nobody is
     *     reported to {@link FailureListener#onNotDelivered} either way.
     */
    CompletionStage<Outcome> sendMessage(BroadcastMessage message);

    /** Sends several messages in one write; each has its own outcome, in the same order. */
    List<CompletionStage<Outcome>> sendMessages(List<BroadcastMessage> messages);

    /**
     * Closes the connection and stops reconnecting; messages still in the outbox complete with
     * {@code NOT_DELIVERED CLOSED}. Idempotent.
     */
    @Override
    void close();
}
