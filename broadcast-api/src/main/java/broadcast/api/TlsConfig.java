package broadcast.api;

import broadcast.api.internal.Checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings of a hub or a client: its own key material, whom it trusts, and whether the hub asks
 * clients for a certificate. Present in a {@link BroadcastConfig#tls()}, it turns TLS on; the same
 * settings serve both sides. Immutable and thread-safe; made by {@link #builder()}, whose builder
 * is not thread-safe. Files are read at {@code start()} (hub) or {@code connect()} (client), not
 * here: a missing or unreadable file fails there, naming the setting and the file.
 *
 * <table class="striped">
 * <caption>Settings, their environment variables and defaults</caption>
 * <tr><th>setting</th><th>environment / system property</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@link #certificateChain()}</td><td>{@code BROADCAST_TLS_CERT} / {@code broadcast.tls.cert}</td><td>none</td>
 *     <td>PEM file: this side's certificate, then the intermediates</td></tr>
 * <tr><td>{@link #privateKey()}</td><td>{@code BROADCAST_TLS_KEY} / {@code broadcast.tls.key}</td><td>none</td>
 *     <td>PEM file: the certificate's private key (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC)</td></tr>
 * <tr><td>{@link #keyStore()}</td><td>{@code BROADCAST_TLS_KEYSTORE} / {@code broadcast.tls.keystore}</td><td>none</td>
 *     <td>PKCS#12 file holding the private key and its chain, instead of the two PEM files</td></tr>
 * <tr><td>{@link #keyPassword()}</td><td>{@code BROADCAST_TLS_KEY_PASSWORD} / {@code broadcast.tls.key.password}</td><td>none</td>
 *     <td>password of the key store, or of an encrypted PEM key</td></tr>
 * <tr><td>{@link #trustedCertificates()}</td><td>{@code BROADCAST_TLS_CA} / {@code broadcast.tls.ca}</td><td>none</td>
 *     <td>PEM file of CA certificates: a client trusts these instead of the JDK's; a hub checks client certificates against them</td></tr>
 * <tr><td>{@link #clientAuth()}</td><td>{@code BROADCAST_TLS_CLIENT_AUTH} / {@code broadcast.tls.client.auth}</td><td>{@code none}</td>
 *     <td>hub: {@code none}, {@code optional} or {@code required} client certificates</td></tr>
 * <tr><td>{@link #verifyHostname()}</td><td>{@code BROADCAST_TLS_VERIFY_HOSTNAME} / {@code broadcast.tls.verify.hostname}</td><td>{@code true}</td>
 *     <td>client: the hub's certificate must name the host connected to</td></tr>
 * <tr><td>{@link #handshakeTimeout()}</td><td></td><td>{@value #DEFAULT_HANDSHAKE_TIMEOUT_MS} ms</td><td>time for the TLS handshake</td></tr>
 * <tr><td>{@link #protocols()}</td><td></td><td>TLSv1.3, TLSv1.2</td><td>TLS versions allowed</td></tr>
 * </table>
 *
 * <p>A hub needs key material (a certificate chain and key, or a key store); so does a client whose
 * hub requires client certificates. A client without {@link #trustedCertificates()} trusts the
 * JDK's default certificate authorities. {@code BROADCAST_TLS=true} turns TLS on with the defaults
 * (a client trusting the JDK's authorities); any other {@code BROADCAST_TLS_...} variable turns it
 * on too.
 */
public final class TlsConfig {

    /** Default time for the TLS handshake, in milliseconds: {@value}. */
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
    /** The TLS versions allowed by default, and the only ones that may be chosen. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private static final TlsConfig DEFAULTS = builder().build();

    /** Whether a hub asks connecting clients for a certificate (mutual TLS). */
    public enum ClientAuth {
        /** No client certificate is asked for (the default). */
        NONE,
        /** A client certificate is asked for; a client without one is admitted, one with an untrusted one is not. */
        OPTIONAL,
        /** Only clients with a certificate signed by a {@linkplain TlsConfig#trustedCertificates() trusted} CA are admitted. */
        REQUIRED
    }

    private final Path certificateChain;
    private final Path privateKey;
    private final Path keyStore;
    private final String keyPassword;
    private final Path trustedCertificates;
    private final ClientAuth clientAuth;
    private final boolean verifyHostname;
    private final Duration handshakeTimeout;
    private final List<String> protocols;

    private TlsConfig(Builder b) {
        this.certificateChain = b.certificateChain;
        this.privateKey = b.privateKey;
        this.keyStore = b.keyStore;
        this.keyPassword = b.keyPassword;
        this.trustedCertificates = b.trustedCertificates;
        this.clientAuth = b.clientAuth;
        this.verifyHostname = b.verifyHostname;
        this.handshakeTimeout = b.handshakeTimeout;
        this.protocols = b.protocols;
    }

    /** TLS with the defaults: no key material of its own (enough for a client), the JDK's trusted authorities. */
    public static TlsConfig defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.certificateChain = certificateChain;
        b.privateKey = privateKey;
        b.keyStore = keyStore;
        b.keyPassword = keyPassword;
        b.trustedCertificates = trustedCertificates;
        b.clientAuth = clientAuth;
        b.verifyHostname = verifyHostname;
        b.handshakeTimeout = handshakeTimeout;
        b.protocols = protocols;
        return b;
    }

    /** PEM file with this side's certificate first, then its intermediates; goes with {@link #privateKey()}. */
    public Optional<Path> certificateChain() {
        return Optional.ofNullable(certificateChain);
    }

    /** PEM file with the private key of {@link #certificateChain()}. */
    public Optional<Path> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** PKCS#12 file with the private key and its certificate chain, instead of the PEM files. */
    public Optional<Path> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    /** The password of the key store or of an encrypted PEM key; none for an unencrypted key. */
    public Optional<String> keyPassword() {
        return Optional.ofNullable(keyPassword);
    }

    /**
     * PEM file of trusted CA certificates. A client trusts these (and only these) to sign the
     * hub's certificate; without it, the JDK's default authorities. A hub trusts these to sign
     * client certificates ({@link #clientAuth()}).
     */
    public Optional<Path> trustedCertificates() {
        return Optional.ofNullable(trustedCertificates);
    }

    /** Whether a hub asks clients for a certificate; {@link ClientAuth#NONE} by default. Clients ignore it. */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * Whether a client checks that the hub's certificate names the host it connects to (its DNS
     * name or IP address among the certificate's subject alternative names); {@code true} by
     * default. Hubs ignore it.
     */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** Time for the TLS handshake; default {@value #DEFAULT_HANDSHAKE_TIMEOUT_MS} ms. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The TLS versions allowed, from {@link #DEFAULT_PROTOCOLS}; both by default. */
    public List<String> protocols() {
        return protocols;
    }

    /** Whether this side has key material of its own (a certificate chain and key, or a key store). */
    public boolean hasKeyMaterial() {
        return certificateChain != null || keyStore != null;
    }

    @Override
    public String toString() {
        return "TlsConfig[" + (keyStore != null ? "keyStore=" + keyStore
                : certificateChain != null ? "certificateChain=" + certificateChain + ", privateKey=" + privateKey
                : "no key material")
                + ", keyPassword=" + (keyPassword == null ? "none" : "***")
                + ", trustedCertificates=" + (trustedCertificates == null ? "JDK default" : trustedCertificates)
                + ", clientAuth=" + clientAuth + ", verifyHostname=" + verifyHostname
                + ", handshakeTimeout=" + handshakeTimeout + ", protocols=" + protocols + "]";
    }

    /** Builds a {@link TlsConfig}. Not thread-safe. */
    public static final class Builder {
        private Path certificateChain;
        private Path privateKey;
        private Path keyStore;
        private String keyPassword;
        private Path trustedCertificates;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean verifyHostname = true;
        private Duration handshakeTimeout = Duration.ofMillis(DEFAULT_HANDSHAKE_TIMEOUT_MS);
        private List<String> protocols = DEFAULT_PROTOCOLS;

        private Builder() {
        }

        /**
         * The PEM certificate chain and its private key, both files; replaces a key store.
         *
         * @throws NullPointerException if either is null
         */
        public Builder certificate(Path certificateChain, Path privateKey) {
            return certificateChain(Objects.requireNonNull(certificateChain, "certificateChain"))
                    .privateKey(Objects.requireNonNull(privateKey, "privateKey"));
        }

        /** The PEM certificate chain; {@code null} for none. Needs {@link #privateKey(Path)}. */
        public Builder certificateChain(Path certificateChain) {
            this.certificateChain = certificateChain;
            return this;
        }

        /** The PEM private key; {@code null} for none. Needs {@link #certificateChain(Path)}. */
        public Builder privateKey(Path privateKey) {
            this.privateKey = privateKey;
            return this;
        }

        /** The PKCS#12 key store, instead of the PEM chain and key; {@code null} for none. */
        public Builder keyStore(Path keyStore) {
            this.keyStore = keyStore;
            return this;
        }

        /** The password of the key store or encrypted key; {@code null} for none. */
        public Builder keyPassword(String keyPassword) {
            this.keyPassword = keyPassword;
            return this;
        }

        /** PEM file of trusted CA certificates; {@code null} (the default) for the JDK's. */
        public Builder trustedCertificates(Path trustedCertificates) {
            this.trustedCertificates = trustedCertificates;
            return this;
        }

        /** Default {@link ClientAuth#NONE}. */
        public Builder clientAuth(ClientAuth clientAuth) {
            this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
            return this;
        }

        /** Default {@code true}. */
        public Builder verifyHostname(boolean verifyHostname) {
            this.verifyHostname = verifyHostname;
            return this;
        }

        /** Default {@value TlsConfig#DEFAULT_HANDSHAKE_TIMEOUT_MS} ms. @throws IllegalArgumentException if not positive */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Checks.positive("tls handshakeTimeout", timeout);
            return this;
        }

        /**
         * The TLS versions allowed; default both of {@link TlsConfig#DEFAULT_PROTOCOLS}.
         *
         * @throws IllegalArgumentException if empty, or a version is not {@code TLSv1.3} or {@code TLSv1.2}
         */
        public Builder protocols(String... protocols) {
            if (protocols == null || protocols.length == 0) {
                throw new IllegalArgumentException("tls protocols must name at least one of " + DEFAULT_PROTOCOLS);
            }
            for (String p : protocols) {
                if (!DEFAULT_PROTOCOLS.contains(p)) {
                    throw new IllegalArgumentException("tls protocols must be among " + DEFAULT_PROTOCOLS + ", was \""
                            + p + "\"");
                }
            }
            this.protocols = List.of(protocols).stream().distinct().toList();
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalStateException if a certificate chain comes without a private key or the
         *     other way round, or with a key store too; or if client certificates are asked for
         *     without trusted certificates to check them
         */
        public TlsConfig build() {
            if ((certificateChain == null) != (privateKey == null)) {
                throw new IllegalStateException("tls certificateChain and privateKey go together; "
                        + (certificateChain == null ? "privateKey " + privateKey + " has no certificateChain"
                        : "certificateChain " + certificateChain + " has no privateKey"));
            }
            if (certificateChain != null && keyStore != null) {
                throw new IllegalStateException("tls takes a certificateChain and privateKey, or a keyStore, not both; got "
                        + certificateChain + ", " + privateKey + " and " + keyStore);
            }
            if (clientAuth != ClientAuth.NONE && trustedCertificates == null) {
                throw new IllegalStateException("tls clientAuth " + clientAuth + " needs trustedCertificates: the CA "
                        + "certificates that sign client certificates");
            }
            return new TlsConfig(this);
        }
    }
}
