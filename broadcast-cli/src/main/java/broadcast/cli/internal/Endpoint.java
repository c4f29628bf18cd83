package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.TlsConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the hub is, as given on the command line: host and port, or a Unix socket path, the token,
 * and for a client whether to speak TLS. Absent values leave the environment's or the defaults.
 * Immutable.
 *
 * @param host {@code --host}, or null
 * @param port {@code --port}, or null
 * @param socket {@code --socket}, or null
 * @param token {@code --token}, or null
 * @param tls {@code --tls}: TLS with the JDK's trusted authorities, or the environment's TLS settings
 * @param tlsCa {@code --tls-ca}: the CA certificates to trust, or null; TLS on when given
 */
public record Endpoint(String host, Integer port, Path socket, String token, boolean tls, Path tlsCa) {

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
        if (tls || tlsCa != null) {
            keys.add(Environment.TLS);
        }
        if (tlsCa != null) {
            keys.add(Environment.TLS_CA);
        }
        return keys;
    }

    /**
     * Applies the options given, on top of the environment's settings.
     *
     * @param environment the settings read from the environment, for the TLS settings the options add to
     * @throws CliException naming the option if a value is invalid
     */
    public void applyTo(BroadcastConfig.Builder b, BroadcastConfig environment) {
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
        if (tls || tlsCa != null) {
            TlsConfig.Builder t = environment.tls().map(TlsConfig::toBuilder).orElseGet(TlsConfig::builder);
            if (tlsCa != null) {
                Options.apply("--tls-ca", tlsCa, () -> t.trustedCertificates(tlsCa));
            }
            Options.apply(tlsCa != null ? "--tls-ca" : "--tls", tlsCa != null ? tlsCa : true, () -> b.tls(t.build()));
        }
    }
}
