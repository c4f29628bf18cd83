package broadcast.transport.tcp;

import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionListener;
import broadcast.api.ConnectionState;
import broadcast.api.FailureListener;
import broadcast.api.MessageHandler;
import broadcast.api.Outcome;
import broadcast.api.OutcomeListener;
import broadcast.api.Subscription;
import broadcast.api.internal.Names;
import broadcast.api.spi.Codec;
import broadcast.transport.tcp.internal.Codecs;
import broadcast.transport.tcp.internal.client.ClientCore;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A Broadcast client over TCP, or over a Unix domain socket when the config has a {@code url}.
 *
 * <pre>{@code
 * try (BroadcastTcpClient client = new BroadcastTcpClient(config, "prices")) {
 *     client.onMessage("quotes", message -> System.out.println(message.data()));
 *     client.onDirectMessage(message -> System.out.println("to me: " + message.data()));
 *     client.connect(Duration.ofSeconds(5));
 *     client.sendMessage(BroadcastMessage.createChannelMessage("orders", Map.of("id", 1)))
 *           .thenAccept(System.out::println);        // ID DELIVERED, ID QUEUED or ID NOT_DELIVERED REASON
 * }
 * }</pre>
 *
 * <p><b>Connection.</b> {@link #connect()} returns at once; the client connects, and after a lost
 * connection reconnects, with the config's {@link broadcast.api.ReconnectPolicy} (exponential
 * backoff with full jitter: the first retry within 100 ms, waits capped at 5 s, unlimited attempts
 * by default). A refusal with a fatal {@link broadcast.api.ErrorCode} (a wrong token, an unknown
 * codec, an invalid name, a name or permission its user lacks), a {@code TAKEN_OVER} error
 * (another connection took this client's name), or running out of attempts closes the client
 * instead. Subscriptions made before connecting travel in the handshake; every reconnection
 * subscribes again.
 *
 * <p><b>TLS.</b> With {@link BroadcastConfig#tls()} the client connects over TLS, checking the
 * hub's certificate against the configured CA certificates (or the JDK's) and, by default, that it
 * names the host. Its files are read by {@link #connect()}, which fails on a missing or bad one. A
 * TLS failure (the hub speaks no TLS, or requires it, or the certificate is not trusted) closes a
 * client that has never been connected, with a message saying what to set; a client that was
 * connected before retries.
 *
 * <p><b>Sending.</b> {@link #sendMessage} encodes the message at once, on the caller's thread
 * (a codec that cannot encode the data throws {@link broadcast.api.spi.CodecException} there), and
 * queues it; writes are batched. The returned stage completes with:
 * <ul>
 *   <li>for a persistent message, and for a transient one when the config asks for
 *       {@linkplain BroadcastConfig#transientOutcomes() transient outcomes}: the hub's outcome.
 *       Until it arrives the client keeps the message and, after a reconnect, sends it again,
 *       in order, before the outbox and before anything newer; the hub drops the copy it already
 *       has and answers with the outcome it gave.</li>
 *   <li>for any other transient message: {@code DELIVERED} once written to the hub connection,
 *       meaning handed over, not received. If it reached nobody, the hub's {@code NOT_DELIVERED
 *       NO_RECIPIENT} notice comes later to the {@link OutcomeListener}s and
 *       {@link FailureListener#onNotDelivered}.</li>
 *   <li>{@code NOT_DELIVERED OUTBOX_FULL} at once when {@link BroadcastConfig#outboxMessages()}
 *       messages are already waiting to be written or answered (while disconnected, or faster than
 *       the hub answers); {@code TOO_LARGE} when the message exceeds the frame size agreed with the
 *       hub; {@code CLOSED} for what is still waiting when the client is closed.</li>
 * </ul>
 * Messages from one client are written in the order {@code sendMessage} was called.
 *
 * <p><b>Receiving.</b> A message to a subscribed channel goes to that channel's handlers; a
 * message addressed to this client's name to the {@linkplain #onDirectMessage direct handlers}; a
 * message with both, to both, once. Handlers and listeners run on this client's callback thread,
 * never on an I/O thread, one at a time, in arrival order: a handler that blocks delays the next
 * one, not the connection. A persistent message is acknowledged to the hub after its handlers
 * return (also when one threw: the failure goes to {@link FailureListener#onHandlerFailed}), in
 * batches; the hub keeps it until then and sends it again after a reconnect. Copies are dropped
 * by id ({@link BroadcastConfig#deduplicationWindow()} ids remembered), so handlers see each
 * message once.
 *
 * <p>Thread-safe.
 */
public final class BroadcastTcpClient implements BroadcastClient {

    private final ClientCore core;

    /** A client with the config's name (or one the hub assigns) and codec. */
    public BroadcastTcpClient(BroadcastConfig config) {
        this(config, Objects.requireNonNull(config, "config").clientName().orElse(null));
    }

    /**
     * A client with the given name (as in the original: {@code new BroadcastTcpClient(config, name)}).
     *
     * @param clientName the name, or {@code null} for the config's (or one the hub assigns)
     * @throws IllegalArgumentException if the name is invalid
     * @throws broadcast.api.ProviderNotFoundException if the config's codec is not installed
     */
    public BroadcastTcpClient(BroadcastConfig config, String clientName) {
        this(config, clientName, Codecs.installed(Objects.requireNonNull(config, "config")).codec(config.codec()));
    }

    /** A client with a given codec instance (tests, embedding). */
    BroadcastTcpClient(BroadcastConfig config, String clientName, Codec codec) {
        String name = clientName != null ? Names.requireValid("clientName", clientName) : config.clientName().orElse(null);
        this.core = new ClientCore(this, config, codec, name);
    }

    @Override
    public String name() {
        return core.name();
    }

    @Override
    public ConnectionState state() {
        return core.state();
    }

    @Override
    public CompletionStage<Void> connect() {
        return core.connect();
    }

    /**
     * {@inheritDoc} After a timeout the client goes on trying in the background until closed.
     */
    @Override
    public void connect(Duration timeout) {
        core.connect(timeout);
    }

    @Override
    public Subscription onMessage(String channel, MessageHandler handler) {
        return core.onMessage(channel, handler);
    }

    @Override
    public void removeMessageHandlers(String channel) {
        core.removeMessageHandlers(Objects.requireNonNull(channel, "channel"));
    }

    @Override
    public Subscription onDirectMessage(MessageHandler handler) {
        return core.onDirectMessage(handler);
    }

    @Override
    public void onFailure(FailureListener listener) {
        core.onFailure(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onConnectionState(ConnectionListener listener) {
        core.onConnectionState(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onOutcome(OutcomeListener listener) {
        core.onOutcome(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public CompletionStage<Outcome> sendMessage(BroadcastMessage message) {
        return core.sendMessage(message);
    }

    @Override
    public List<CompletionStage<Outcome>> sendMessages(List<BroadcastMessage> messages) {
        return core.sendMessages(Objects.requireNonNull(messages, "messages"));
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
