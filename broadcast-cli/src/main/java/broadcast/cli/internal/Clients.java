package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Making and connecting the client of {@code sub} and {@code pub}. Stateless. */
final class Clients {

    /** The environment settings a client command reads. */
    static final List<String> SETTINGS = List.of(Environment.HOST, Environment.PORT, Environment.URL,
            Environment.CLIENT_NAME, Environment.CODEC, Environment.TOKEN, Environment.MAX_FRAME,
            Environment.HEARTBEAT_INTERVAL, Environment.HEARTBEAT_TIMEOUT, Environment.TLS, Environment.TLS_CERT,
            Environment.TLS_KEY, Environment.TLS_KEYSTORE, Environment.TLS_KEY_PASSWORD, Environment.TLS_CA,
            Environment.TLS_VERIFY_HOSTNAME);

    private Clients() {
    }

    /**
     * The environment's settings with the command line's on top.
     *
     * @param name {@code --name}, or null
     * @param codec {@code --codec}, or null
     */
    static BroadcastConfig.Builder config(Environment environment, Endpoint endpoint, String name, String codec) {
        List<String> replaced = new ArrayList<>(endpoint.replaced());
        if (name != null) {
            replaced.add(Environment.CLIENT_NAME);
        }
        if (codec != null) {
            replaced.add(Environment.CODEC);
        }
        BroadcastConfig fromEnvironment = environment.config(SETTINGS, replaced);
        BroadcastConfig.Builder b = fromEnvironment.toBuilder();
        endpoint.applyTo(b, fromEnvironment);
        if (name != null) {
            Options.apply("--name", name, () -> b.clientName(name));
        }
        if (codec != null) {
            Options.apply("--codec", codec, () -> b.codec(codec));
        }
        return b;
    }

    /** A client. @throws CliException if its codec is not installed (the message lists those that are) */
    static BroadcastTcpClient create(BroadcastConfig config) {
        try {
            return new BroadcastTcpClient(config);
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    /**
     * Connects, waiting at most the timeout.
     *
     * @throws CliException if the hub refused the client, or could not be reached in time
     */
    static void connect(BroadcastTcpClient client, BroadcastConfig config, Duration timeout) {
        try {
            client.connect(timeout);
        } catch (BroadcastException e) {
            client.close();
            if (e.code().isPresent()) {
                throw new CliException(e.getMessage(), e);
            }
            Throwable cause = e.getCause();
            throw new CliException("cannot connect to the hub at " + config.address() + " within " + seconds(timeout)
                    + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
        }
    }

    static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
