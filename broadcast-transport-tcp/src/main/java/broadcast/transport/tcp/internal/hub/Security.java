package broadcast.transport.tcp.internal.hub;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.transport.tcp.internal.auth.Authenticator;
import broadcast.transport.tcp.internal.tls.TlsContexts;
import broadcast.transport.tcp.internal.tls.TlsGate;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;

/**
 * A hub's security, read at its start: who may connect ({@link Authenticator}: no token, a shared
 * token or a users file) and the TLS context, if any. Reading it fails on any mistake in the users
 * file or the key material, so that a hub never runs with a setting it could not read. Immutable
 * and thread-safe.
 */
final class Security {

    final Authenticator authenticator;
    private final SslContext ssl;
    private final long tlsHandshakeMs;

    private Security(Authenticator authenticator, SslContext ssl, long tlsHandshakeMs) {
        this.authenticator = authenticator;
        this.ssl = ssl;
        this.tlsHandshakeMs = tlsHandshakeMs;
    }

    /** @throws BroadcastException {@code hub <id> cannot start: ...} naming the setting and the file at fault */
    static Security load(BroadcastConfig config, String hubId) {
        Authenticator authenticator;
        try {
            authenticator = Authenticator.forHub(config);
        } catch (IllegalArgumentException e) {
            throw new BroadcastException("hub " + hubId + " cannot start: " + e.getMessage(), e);
        }
        try {
            SslContext ssl = config.tls().map(TlsContexts::forHub).orElse(null);
            return new Security(authenticator, ssl, config.tls().map(t -> t.handshakeTimeout().toMillis()).orElse(0L));
        } catch (BroadcastException e) {
            throw new BroadcastException("hub " + hubId + " cannot start: " + e.getMessage(), e);
        }
    }

    /** Whether connections must speak TLS. */
    boolean tls() {
        return ssl != null;
    }

    /** Puts the TLS gate first in a new connection's pipeline, when TLS is on. */
    void addTlsGate(ChannelPipeline pipeline) {
        if (ssl != null) {
            pipeline.addLast("tls-gate", new TlsGate(ssl, tlsHandshakeMs));
        }
    }

    /** For the hub's start line. */
    String describe(BroadcastConfig config) {
        return (ssl != null ? ", TLS" : "") + (config.usersFile().isPresent() ? ", users from "
                + config.usersFile().get() : config.token().isPresent() ? ", shared token" : "");
    }
}
