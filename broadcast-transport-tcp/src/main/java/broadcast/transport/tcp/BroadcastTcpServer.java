package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.BroadcastServer;
import broadcast.api.ConnectedClient;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.ServerMessageHandler;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.Providers;
import broadcast.transport.tcp.internal.Codecs;
import broadcast.transport.tcp.internal.hub.Hub;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A Broadcast hub over TCP, or over a Unix domain socket when the config has a {@code url}.
 *
 * <pre>{@code
 * BroadcastConfig config = BroadcastConfig.builder().port(9000).build();
 * try (BroadcastTcpServer hub = new BroadcastTcpServer(config)) {
 *     hub.onMessage((sender, message) -> System.out.println(sender.name() + ": " + message.data()));
 *     hub.start();                       // returns once listening; throws if it cannot
 *     hub.sendMessage(BroadcastMessage.createChannelMessage("news", "hub is up"));
 *     ...
 * }
 * }</pre>
 *
 * <p><b>What the hub does with a message.</b> A message to a channel goes to every subscriber but
 * its sender; a message to a client goes to the client with that name, or with that remote address
 * ({@code host:port}); a message with both reaches each recipient once. A transient message is
 * written to the recipients online and forgotten. A persistent message is kept in the store (the
 * config's {@code store}, {@code memory} by default) until each recipient acknowledges it: queued
 * under the client's name for a client that is offline, under the channel for a channel with no
 * subscriber (handed to the first client that subscribes, never back to its sender). The sender
 * hears the outcome: {@code DELIVERED}, {@code QUEUED} or {@code NOT_DELIVERED} with a reason. The
 * wire protocol is described in {@code docs/protocol.md}.
 *
 * <p><b>Security.</b> With {@link BroadcastConfig#tls()} the hub speaks TLS only (clients without
 * it are refused {@code UNAUTHORIZED}), and may require client certificates. With a shared
 * {@link BroadcastConfig#token()}, every client must send it; with a
 * {@link BroadcastConfig#usersFile()}, each client sends {@code user:secret}, may take only the
 * client names of its user, and may publish, subscribe and send to clients directly only where the
 * file allows it (refused: {@code NOT_DELIVERED FORBIDDEN}, a {@code FORBIDDEN} subscription). Key
 * material and the users file are read by {@link #start()}, which fails on any mistake in them.
 * The hub's own calls are not limited by the file. Details: {@code docs/protocol.md}, "TLS" and
 * "Authentication and permissions".
 *
 * <p><b>Durability.</b> With the {@code memory} store, messages the hub acknowledged and held only
 * in memory are lost if the hub process dies; the {@code h2} store keeps them on disk.
 *
 * <p><b>Threads.</b> The hub runs one event loop per core for connections, and one thread for the
 * {@link #onMessage} hook and the stages returned by {@link #sendMessage}: a slow or throwing hook
 * hurts no connection. {@link #close()} stops every thread it started. Thread-safe.
 */
public final class BroadcastTcpServer implements BroadcastServer {

    private final Hub hub;

    /**
     * A hub with the given settings, the installed codecs and the configured store. Nothing
     * happens until {@link #start()}.
     */
    public BroadcastTcpServer(BroadcastConfig config) {
        this(config, Codecs.installed(Objects.requireNonNull(config, "config")),
                () -> Providers.installed().store(config.store(), config.storeSettings()));
    }

    /** A hub with the given codecs and store (tests, embedding). */
    BroadcastTcpServer(BroadcastConfig config, Codecs codecs, Supplier<MessageStore> store) {
        this.hub = new Hub(config, codecs, store);
    }

    /**
     * Opens the store and starts listening; returns once the hub listens. Calling it again does nothing.
     *
     * @throws broadcast.api.BroadcastException if it cannot listen (the message names the address
     *     and the cause), if the codec or the store cannot be found or opened, if the TLS key material
     *     or the users file cannot be read or has a mistake (the message names the setting and the
     *     file), or if the hub was closed
     */
    @Override
    public void start() {
        hub.start();
    }

    @Override
    public int port() {
        return hub.port();
    }

    @Override
    public String address() {
        return hub.address();
    }

    /** The hub's id, the sender of its own messages. */
    public String hubId() {
        return hub.hubId();
    }

    @Override
    public void onMessage(ServerMessageHandler handler) {
        hub.onMessage(handler);
    }

    /**
     * {@inheritDoc}
     *
     * @throws broadcast.api.spi.CodecException if the hub's codec cannot encode the data
     */
    @Override
    public CompletionStage<Outcome> sendMessage(BroadcastMessage message) {
        return hub.sendMessage(Objects.requireNonNull(message, "message"));
    }

    @Override
    public Collection<ConnectedClient> clients() {
        return hub.clients();
    }

    @Override
    public Optional<ConnectedClient> client(String name) {
        return hub.client(Objects.requireNonNull(name, "name"));
    }

    /**
     * {@inheritDoc} Also in JMX, as the MXBean {@code broadcast:type=Hub,name=<hubId>} while the
     * hub runs. Cheap: the counters are kept without locks; a snapshot sums them.
     */
    @Override
    public HubStats stats() {
        return hub.stats();
    }

    @Override
    public void close() {
        hub.close();
    }

    @Override
    public String toString() {
        return hub.toString();
    }
}
