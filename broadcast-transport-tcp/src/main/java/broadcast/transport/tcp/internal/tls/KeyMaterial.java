package broadcast.transport.tcp.internal.tls;

import broadcast.api.BroadcastException;
import broadcast.api.TlsConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.List;

/**
 * A private key and its certificate chain, read from the PEM files or the PKCS#12 key store of a
 * {@link TlsConfig}; and the trusted certificates. Every failure is a {@link BroadcastException}
 * naming the setting, its environment variable and the file. Immutable.
 *
 * @param key the private key
 * @param chain the certificate of the key first, then its intermediates
 */
record KeyMaterial(PrivateKey key, X509Certificate[] chain) {

    private static final System.Logger LOG = System.getLogger(KeyMaterial.class.getName());

    static final String CERT = "tls certificateChain (BROADCAST_TLS_CERT)";
    static final String KEY = "tls privateKey (BROADCAST_TLS_KEY)";
    static final String KEY_STORE = "tls keyStore (BROADCAST_TLS_KEYSTORE)";
    static final String CA = "tls trustedCertificates (BROADCAST_TLS_CA)";

    /** Reads the key material of the settings, which must have some. */
    static KeyMaterial load(TlsConfig tls) {
        String password = tls.keyPassword().orElse(null);
        KeyMaterial material;
        String source;
        if (tls.keyStore().isPresent()) {
            Path file = tls.keyStore().get();
            material = fromKeyStore(read(KEY_STORE, file), password, KEY_STORE + " " + file);
            source = KEY_STORE + " " + file;
        } else {
            Path certFile = tls.certificateChain().orElseThrow();
            Path keyFile = tls.privateKey().orElseThrow();
            List<X509Certificate> chain = parse(CERT, certFile, () -> Pem.certificates(read(CERT, certFile)));
            PrivateKey key = parse(KEY, keyFile, () -> Pem.privateKey(read(KEY, keyFile), password));
            material = new KeyMaterial(key, chain.toArray(new X509Certificate[0]));
            source = KEY + " " + keyFile + " and " + CERT + " " + certFile;
        }
        material.checkMatches(source);
        material.warnIfNotValidNow(source);
        return material;
    }

    /** The certificates of the trusted-certificates file. */
    static X509Certificate[] trusted(Path file) {
        return parse(CA, file, () -> Pem.certificates(read(CA, file))).toArray(new X509Certificate[0]);
    }

    private static byte[] read(String setting, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BroadcastException(setting + " " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new BroadcastException(setting + " " + file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new BroadcastException(setting + " " + file + " cannot be read: " + e, e);
        }
    }

    private static <T> T parse(String setting, Path file, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new BroadcastException(setting + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyMaterial fromKeyStore(byte[] bytes, String password, String what) {
        char[] pw = password == null ? null : password.toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), pw);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new BroadcastException(what + ": the tls keyPassword (BROADCAST_TLS_KEY_PASSWORD) is wrong", e);
            }
            throw new BroadcastException(what + " is not a readable PKCS#12 key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new BroadcastException(what + " is not a readable PKCS#12 key store: " + e, e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, pw);
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
                    X509Certificate[] x509 = new X509Certificate[chain.length];
                    for (int i = 0; i < chain.length; i++) {
                        x509[i] = (X509Certificate) chain[i];
                    }
                    return new KeyMaterial(privateKey, x509);
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new BroadcastException(what + ": the tls keyPassword (BROADCAST_TLS_KEY_PASSWORD) is "
                    + (password == null ? "missing" : "wrong") + " for its private key", e);
        } catch (GeneralSecurityException e) {
            throw new BroadcastException(what + " cannot be read: " + e, e);
        }
        throw new BroadcastException(what + " holds no private key with a certificate chain");
    }

    /** Signs and verifies a few bytes, so that a key from another certificate fails here and not in every handshake. */
    private void checkMatches(String source) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "broadcast".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(chain[0].getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new BroadcastException(source + ": the private key does not belong to the first certificate ("
                    + chain[0].getSubjectX500Principal().getName() + ")");
        }
    }

    private void warnIfNotValidNow(String source) {
        Date now = new Date();
        X509Certificate leaf = chain[0];
        if (now.after(leaf.getNotAfter()) || now.before(leaf.getNotBefore())) {
            LOG.log(Level.WARNING, () -> source + ": the certificate " + leaf.getSubjectX500Principal().getName()
                    + " is valid from " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant()
                    + ", not now; peers will refuse it");
        }
    }
}
