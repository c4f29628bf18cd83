package broadcast.cli.internal;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The connection options of every client command: where the hub is, and the token. Not thread-safe. */
public final class ConnectionOptions {

    @Option(names = "--host", paramLabel = "HOST",
            description = "The hub's host name or address (env BROADCAST_HOST; default 127.0.0.1).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", description = "The hub's TCP port (env BROADCAST_PORT; default 9000).")
    private Integer port;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The hub's Unix domain socket, instead of host and port (env BROADCAST_URL).")
    private Path socket;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The token the hub requires; with a users file on the hub, USER:SECRET (env "
                    + "BROADCAST_TOKEN; default: none).")
    private String token;

    @Option(names = "--tls",
            description = "Speak TLS to the hub, trusting the JDK's certificate authorities (env BROADCAST_TLS and "
                    + "the other BROADCAST_TLS_... variables).")
    private boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "Speak TLS to the hub, trusting the CA certificates of this PEM file (env BROADCAST_TLS_CA).")
    private Path tlsCa;

    /** @throws CliException if a socket is given with a host or port */
    public Endpoint endpoint() {
        return new Endpoint(host, port, socket, token, tls, tlsCa);
    }
}
