package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.TlsConfig;
import broadcast.transport.tcp.BroadcastTcpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

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
            Environment.TLS_CA, Environment.TLS_CLIENT_AUTH);

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
        stop.await();
        LOG.log(System.Logger.Level.INFO, "stopping: closing the connections and the store");
        hub.close();
        return Status.OK;
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
        return b.build();
    }
}
