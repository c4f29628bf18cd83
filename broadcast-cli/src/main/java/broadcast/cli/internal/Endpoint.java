package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the hub is, as given on the command line: host and port, or a Unix socket path, and the
 * token. Absent values leave the environment's or the defaults. Immutable.
 *
 * @param host {@code --host}, or null
 * @param port {@code --port}, or null
 * @param socket {@code --socket}, or null
 * @param token {@code --token}, or null
 */
public record Endpoint(String host, Integer port, Path socket, String token) {

    /** @throws CliException if a socket is given with a host or a port */
    public Endpoint {
        if (socket != null && (host != null || port != null)) {
            throw new CliException("--socket goes without --host and --port: give either a Unix socket path or "
                    + "a host and port");
        }
    }

    /** Whether the command line says where the hub is. */
    public boolean given() {
        return host != null || port != null || socket != null;
    }

    /**
     * The environment settings these options replace: each its own variable, and a host or a port
     * (TCP) also a socket path of the environment, which would otherwise win over them.
     */
    List<String> replaced() {
        List<String> keys = new ArrayList<>();
        if (host != null) {
            keys.add(Environment.HOST);
        }
        if (port != null) {
            keys.add(Environment.PORT);
        }
        if (host != null || port != null || socket != null) {
            keys.add(Environment.URL);
        }
        if (token != null) {
            keys.add(Environment.TOKEN);
        }
        return keys;
    }

    /** Applies the options given. @throws CliException naming the option if a value is invalid */
    public void applyTo(BroadcastConfig.Builder b) {
        if (host != null) {
            Options.apply("--host", host, () -> b.host(host));
        }
        if (port != null) {
            Options.apply("--port", port, () -> b.port(port));
        }
        if (socket != null) {
            Options.apply("--socket", socket, () -> b.url(socket));
        }
        if (token != null) {
            Options.apply("--token", "***", () -> b.token(token));
        }
    }
}
