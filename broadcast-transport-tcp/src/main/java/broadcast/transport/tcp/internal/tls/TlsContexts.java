package broadcast.transport.tcp.internal.tls;

import broadcast.api.BroadcastException;
import broadcast.api.TlsConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;

/**
 * Makes the Netty {@link SslContext} of a hub or a client from its {@link TlsConfig}, on the JDK's
 * {@code SSLEngine} (no native library). Every file is read here, so a bad setting fails at
 * {@code start()} or {@code connect()} with a message naming the setting and the file. Stateless.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * The context of a hub: its key material, and the CA certificates for client certificates when it asks for them.
     *
     * @throws BroadcastException if there is no key material, or a file is missing, unreadable or invalid
     */
    public static SslContext forHub(TlsConfig tls) {
        if (!tls.hasKeyMaterial()) {
            throw new BroadcastException("a hub with TLS needs a certificate and its key: set tls certificateChain and "
                    + "privateKey (BROADCAST_TLS_CERT, BROADCAST_TLS_KEY) or tls keyStore (BROADCAST_TLS_KEYSTORE)");
        }
        KeyMaterial own = KeyMaterial.load(tls);
        SslContextBuilder b = SslContextBuilder.forServer(own.key(), own.chain());
        if (tls.clientAuth() != TlsConfig.ClientAuth.NONE) {
            b.trustManager(KeyMaterial.trusted(tls.trustedCertificates().orElseThrow()))
                    .clientAuth(tls.clientAuth() == TlsConfig.ClientAuth.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        return build(b, tls);
    }

    /**
     * The context of a client: the hub's certificate checked against the trusted certificates (or
     * the JDK's), the host name checked unless turned off, its own key material when it has some.
     *
     * @throws BroadcastException if a file is missing, unreadable or invalid
     */
    public static SslContext forClient(TlsConfig tls) {
        SslContextBuilder b = SslContextBuilder.forClient()
                .endpointIdentificationAlgorithm(tls.verifyHostname() ? "HTTPS" : null);
        if (tls.hasKeyMaterial()) {
            KeyMaterial own = KeyMaterial.load(tls);
            b.keyManager(own.key(), own.chain());
        }
        tls.trustedCertificates().ifPresent(file -> b.trustManager(KeyMaterial.trusted(file)));
        return build(b, tls);
    }

    /**
     * The handler of a client connection to {@code host:port}: the host is what the hub's
     * certificate must name (and the SNI name), with the settings' handshake timeout.
     */
    public static SslHandler clientHandler(SslContext context, ByteBufAllocator alloc, String host, int port,
                                           TlsConfig tls) {
        SslHandler ssl = context.newHandler(alloc, host, port);
        ssl.setHandshakeTimeoutMillis(tls.handshakeTimeout().toMillis());
        return ssl;
    }

    private static SslContext build(SslContextBuilder b, TlsConfig tls) {
        try {
            return b.sslProvider(SslProvider.JDK).protocols(tls.protocols()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new BroadcastException("the TLS settings cannot be used: " + e.getMessage(), e);
        }
    }
}
