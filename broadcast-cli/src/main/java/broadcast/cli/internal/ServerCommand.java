package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.HubLimits;
import broadcast.api.TlsConfig;
import broadcast.transport.tcp.BroadcastTcpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code broadcast server}: runs a hub until SIGINT or SIGTERM. Once it listens it prints
 * {@code broadcast hub listening on ADDRESS} on stdout; it logs on stderr. Not thread-safe.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Run a hub.",
        description = {"Runs a hub until stopped with Ctrl-C (SIGINT) or SIGTERM, which close it cleanly: outcomes "
                + "still due are sent and the store is flushed and closed; the status is then 0.",
                "Once it listens it prints one line on stdout, 'broadcast hub listening on 127.0.0.1:9000' (or 'on "
                + "/path/to.sock'), and it logs connections and failures on stderr. If it cannot listen (the port "
                + "is in use) it prints one line on stderr and exits with status 1.",
                "Each option falls back to its environment variable (or system property, e.g. broadcast.port); "
                + "an option given on the command line wins."})
public final class ServerCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(ServerCommand.class.getName());

    static final List<String> SETTINGS = List.of(Environment.HOST, Environment.PORT, Environment.URL,
            Environment.CODEC, Environment.STORE, Environment.STORE_PATH, Environment.TOKEN, Environment.USERS_FILE,
            Environment.MAX_FRAME, Environment.HEARTBEAT_INTERVAL, Environment.HEARTBEAT_TIMEOUT, Environment.TLS,
            Environment.TLS_CERT, Environment.TLS_KEY, Environment.TLS_KEYSTORE, Environment.TLS_KEY_PASSWORD,
            Environment.TLS_CA, Environment.TLS_CLIENT_AUTH, Environment.MAX_CONNECTIONS, Environment.MAX_SUBSCRIPTIONS,
            Environment.MAX_NAME_LENGTH, Environment.HANDSHAKE_TIMEOUT, Environment.WRITE_BUFFER,
            Environment.SLOW_CONSUMER_TIMEOUT);
    static final double DEFAULT_STATS_INTERVAL_SECONDS = 60;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Host name or address to listen on (env BROADCAST_HOST; default 127.0.0.1; 0.0.0.0 for "
                    + "every interface).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT",
            description = "TCP port to listen on (env BROADCAST_PORT; default 9000; 0 takes a free port, printed "
                    + "in the first line).")
    private Integer port;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Listen on this Unix domain socket instead of TCP (env BROADCAST_URL).")
    private Path socket;

    @Option(names = "--store", paramLabel = "STORE",
            description = "Where queued messages are kept: memory (lost when the hub stops) or h2 (a file, "
                    + "with the broadcast-store-h2 module) (env BROADCAST_STORE; default memory).")
    private String store;

    @Option(names = "--store-path", paramLabel = "PATH",
            description = "The store's file, for h2 (env BROADCAST_STORE_PATH; default: the store's own).")
    private String storePath;

    @Option(names = "--max-frame", paramLabel = "BYTES",
            description = "Largest frame the hub accepts, 4KiB to 64MiB, e.g. 1048576, 512KiB, 16MiB "
                    + "(env BROADCAST_MAX_FRAME; default 1MiB).")
    private String maxFrame;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Token every client must present (env BROADCAST_TOKEN; default: none required).")
    private String token;

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file: who may connect (token USER:SECRET), under which names, and where they may "
                    + "publish and subscribe; see the README, \"Running it safely\" (env BROADCAST_USERS_FILE).")
    private Path users;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Speak TLS: the hub's certificate chain, a PEM file, with --tls-key (env BROADCAST_TLS_CERT; "
                    + "the other BROADCAST_TLS_... variables apply too, e.g. BROADCAST_TLS_CLIENT_AUTH).")
    private Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The private key of --tls-cert, a PEM file (env BROADCAST_TLS_KEY; an encrypted key's "
                    + "password in BROADCAST_TLS_KEY_PASSWORD).")
    private Path tlsKey;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections the hub accepts at once; one more is refused LIMIT_EXCEEDED "
                    + "(env BROADCAST_MAX_CONNECTIONS; default 10000).")
    private Integer maxConnections;

    @Option(names = "--max-subscriptions", paramLabel = "N",
            description = "Channels one connection may subscribe to; more are refused LIMIT_EXCEEDED one by one "
                    + "(env BROADCAST_MAX_SUBSCRIPTIONS; default 1000).")
    private Integer maxSubscriptions;

    @Option(names = "--max-name-length", paramLabel = "N",
            description = "Longest client or channel name, 1 to 256 characters (env BROADCAST_MAX_NAME_LENGTH; "
                    + "default 256).")
    private Integer maxNameLength;

    @Option(names = "--handshake-timeout", paramLabel = "SECONDS",
            description = "Time a new connection has to send its HELLO before it is closed HANDSHAKE_TIMEOUT "
                    + "(env BROADCAST_HANDSHAKE_TIMEOUT; default 10).")
    private Double handshakeTimeout;

    @Option(names = "--write-buffer", paramLabel = "BYTES",
            description = "Bytes waiting to be written to one connection before it counts as a slow consumer, "
                    + "64KiB or more, e.g. 4MiB (env BROADCAST_WRITE_BUFFER; default 16MiB).")
    private String writeBuffer;

    @Option(names = "--slow-consumer-timeout", paramLabel = "SECONDS",
            description = "Time a slow consumer may stay behind before it is disconnected SLOW_CONSUMER "
                    + "(env BROADCAST_SLOW_CONSUMER_TIMEOUT; default 30).")
    private Double slowConsumerTimeout;

    @Option(names = "--stats-interval", paramLabel = "SECONDS",
            description = "Log a one-line summary of the hub's counters this often; 0 turns it off "
                    + "(env BROADCAST_STATS_INTERVAL; default 60).")
    private Double statsInterval;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "What to log on stderr: ERROR, WARN, INFO or DEBUG (connections, refusals, lost "
                    + "connections) (default ${DEFAULT-VALUE}).", defaultValue = "DEBUG")
    private Logging.LogLevel logLevel;

    private final Environment environment;

    ServerCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        BroadcastConfig config = config();
        Duration interval = statsInterval();
        Logging.configure(logLevel);
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onStop(stop::countDown);
        BroadcastTcpServer hub = new BroadcastTcpServer(config);
        try {
            hub.start();
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("broadcast hub listening on " + hub.address());
        out.flush();
        ScheduledExecutorService statsLog = logStats(hub, interval);
        stop.await();
        if (statsLog != null) {
            statsLog.shutdownNow();
        }
        LOG.log(System.Logger.Level.INFO, "stopping: closing the connections and the store");
        hub.close();
        return Status.OK;
    }

    /** The stats interval from the option, the environment or the default; zero for none. */
    Duration statsInterval() {
        double seconds;
        if (statsInterval != null) {
            seconds = statsInterval;
        } else {
            String value = environment.value(Environment.STATS_INTERVAL);
            try {
                seconds = value == null ? DEFAULT_STATS_INTERVAL_SECONDS : Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new CliException("BROADCAST_STATS_INTERVAL=\"" + value + "\" is invalid: give a number of seconds, "
                        + "such as 60, or 0 for none");
            }
        }
        return seconds == 0 ? Duration.ZERO : Options.seconds("--stats-interval", seconds);
    }

    /** Logs the hub's counters on one line at the interval, on a daemon thread; null for none. */
    private static ScheduledExecutorService logStats(BroadcastTcpServer hub, Duration interval) {
        if (interval.isZero()) {
            return null;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broadcast-server-stats");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        executor.scheduleAtFixedRate(() -> LOG.log(System.Logger.Level.INFO, () -> "stats: " + hub.stats().summary()),
                ms, ms, TimeUnit.MILLISECONDS);
        return executor;
    }

    BroadcastConfig config() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CliException("--tls-cert and --tls-key go together: give both, or neither");
        }
        Endpoint endpoint = new Endpoint(host, port, socket, token, false, null);
        List<String> replaced = new ArrayList<>(endpoint.replaced());
        if (store != null) {
            replaced.add(Environment.STORE);
        }
        if (storePath != null) {
            replaced.add(Environment.STORE_PATH);
        }
        if (maxFrame != null) {
            replaced.add(Environment.MAX_FRAME);
        }
        if (users != null) {
            replaced.add(Environment.USERS_FILE);
        }
        replaceIfGiven(replaced, maxConnections, Environment.MAX_CONNECTIONS);
        replaceIfGiven(replaced, maxSubscriptions, Environment.MAX_SUBSCRIPTIONS);
        replaceIfGiven(replaced, maxNameLength, Environment.MAX_NAME_LENGTH);
        replaceIfGiven(replaced, handshakeTimeout, Environment.HANDSHAKE_TIMEOUT);
        replaceIfGiven(replaced, writeBuffer, Environment.WRITE_BUFFER);
        replaceIfGiven(replaced, slowConsumerTimeout, Environment.SLOW_CONSUMER_TIMEOUT);
        if (tlsCert != null) {
            replaced.addAll(List.of(Environment.TLS, Environment.TLS_CERT, Environment.TLS_KEY, Environment.TLS_KEYSTORE));
        }
        BroadcastConfig fromEnvironment = environment.config(SETTINGS, replaced);
        BroadcastConfig.Builder b = fromEnvironment.toBuilder();
        endpoint.applyTo(b, fromEnvironment);
        if (store != null) {
            Options.apply("--store", store, () -> b.store(store));
        }
        if (storePath != null) {
            Options.apply("--store-path", storePath, () -> b.storeSetting("path", storePath));
        }
        if (maxFrame != null) {
            long bytes = Options.bytes("--max-frame", maxFrame);
            Options.apply("--max-frame", maxFrame, () -> b.maxFrameBytes((int) Math.min(Integer.MAX_VALUE, bytes)));
        }
        if (users != null) {
            Options.apply("--users", users, () -> b.usersFile(users));
        }
        if (tlsCert != null) {
            TlsConfig.Builder tls = fromEnvironment.tls().map(TlsConfig::toBuilder).orElseGet(TlsConfig::builder);
            Options.apply("--tls-cert", tlsCert, () -> b.tls(tls.certificate(tlsCert, tlsKey).build()));
        }
        b.limits(limits(fromEnvironment.limits().toBuilder()));
        return b.build();
    }

    private static void replaceIfGiven(List<String> replaced, Object option, String key) {
        if (option != null) {
            replaced.add(key);
        }
    }

    private HubLimits limits(HubLimits.Builder l) {
        if (maxConnections != null) {
            Options.apply("--max-connections", maxConnections, () -> l.maxConnections(maxConnections));
        }
        if (maxSubscriptions != null) {
            Options.apply("--max-subscriptions", maxSubscriptions, () -> l.maxSubscriptions(maxSubscriptions));
        }
        if (maxNameLength != null) {
            Options.apply("--max-name-length", maxNameLength, () -> l.maxNameLength(maxNameLength));
        }
        if (handshakeTimeout != null) {
            l.handshakeTimeout(Options.seconds("--handshake-timeout", handshakeTimeout));
        }
        if (writeBuffer != null) {
            long bytes = Options.bytes("--write-buffer", writeBuffer);
            Options.apply("--write-buffer", writeBuffer, () -> l.writeBufferBytes((int) Math.min(Integer.MAX_VALUE, bytes)));
        }
        if (slowConsumerTimeout != null) {
            l.slowConsumerTimeout(Options.seconds("--slow-consumer-timeout", slowConsumerTimeout));
        }
        return l.build();
    }
}
