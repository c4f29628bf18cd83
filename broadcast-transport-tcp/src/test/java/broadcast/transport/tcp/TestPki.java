package broadcast.transport.tcp;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates made at test time with BouncyCastle (no key material in the repository): a CA, a
 * hub certificate for {@code localhost} and {@code 127.0.0.1}, a client certificate, and, from a
 * second CA nobody trusts, a stranger's client certificate; written as PEM and PKCS#12 files.
 */
public final class TestPki {

    /** Password of the PKCS#12 files and encrypted keys. */
    public static final String PASSWORD = "changeit";

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    public final Path dir;
    public final Issued ca;
    public final Issued hub;
    public final Issued client;
    public final Issued strangerCa;
    public final Issued stranger;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        ca = authority("CN=Broadcast Test CA");
        hub = leaf(ca, "CN=hub", KeyPurposeId.id_kp_serverAuth, "localhost", "127.0.0.1");
        client = leaf(ca, "CN=client", KeyPurposeId.id_kp_clientAuth);
        strangerCa = authority("CN=Stranger CA");
        stranger = leaf(strangerCa, "CN=stranger", KeyPurposeId.id_kp_clientAuth);
    }

    /** Makes the certificates; files are written into {@code dir} on demand. */
    public static TestPki create(Path dir) throws Exception {
        return new TestPki(dir);
    }

    /** A new EC P-256 key pair (fast to make). */
    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    /** A CA certificate, self-signed. */
    public static Issued authority(String subject) throws Exception {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder b = builder(new X500Name(subject), new X500Name(subject), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(b, keys));
    }

    /** A certificate signed by {@code issuer}, with the host names and IP addresses given. */
    public static Issued leaf(Issued issuer, String subject, KeyPurposeId purpose, String... hosts) throws Exception {
        return leaf(issuer, subject, purpose, ecKeys(), hosts);
    }

    /** A certificate for given keys, signed by {@code issuer}. */
    public static Issued leaf(Issued issuer, String subject, KeyPurposeId purpose, KeyPair keys, String... hosts)
            throws Exception {
        X509v3CertificateBuilder b = builder(new X500Name(issuer.certificate().getSubjectX500Principal().getName()),
                new X500Name(subject), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (hosts.length > 0) {
            GeneralName[] names = new GeneralName[hosts.length];
            for (int i = 0; i < hosts.length; i++) {
                boolean ip = Character.isDigit(hosts[i].charAt(0));
                names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new Issued(keys, sign(b, issuer.keys()));
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        String algorithm = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    }

    // ---- files ----

    /** The CA certificate as PEM. */
    public Path caPem() throws IOException {
        return pem("ca.pem", ca.certificate());
    }

    /** The hub's certificate chain (its own, then the CA's) as PEM. */
    public Path hubCertPem() throws IOException {
        return pem("hub.pem", hub.certificate(), ca.certificate());
    }

    /** The hub's key as unencrypted PKCS#8 PEM. */
    public Path hubKeyPem() throws IOException {
        return keyPem("hub-key.pem", hub);
    }

    public Path clientCertPem() throws IOException {
        return pem("client.pem", client.certificate(), ca.certificate());
    }

    public Path clientKeyPem() throws IOException {
        return keyPem("client-key.pem", client);
    }

    /** A certificate (and its chain) as a PEM file. */
    public Path pem(String name, X509Certificate... certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (X509Certificate c : certificates) {
                w.writeObject(c);
            }
        }
        return write(name, text.toString());
    }

    /** A private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
    public Path keyPem(String name, Issued issued) throws IOException {
        return write(name, pemText(new JcaPKCS8Generator(issued.keys().getPrivate(), null)));
    }

    /**
     * A private key in OpenSSL's traditional form: {@code RSA PRIVATE KEY} (PKCS#1), or
     * {@code EC PRIVATE KEY} (SEC1) naming its curve (P-256) and holding the public key, as
     * {@code openssl ecparam -genkey} writes it.
     */
    public Path traditionalKeyPem(String name, KeyPair keys) throws IOException {
        if (keys.getPrivate() instanceof ECPrivateKey ec) {
            SubjectPublicKeyInfo pub = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(), pub.getPublicKeyData(),
                    SECObjectIdentifiers.secp256r1).getEncoded();
            return write(name, pemText(new PemObject("EC PRIVATE KEY", sec1)));
        }
        return write(name, pemText(keys.getPrivate()));
    }

    /** A private key as encrypted PKCS#8 PEM, AES-256-CBC with a key from PBKDF2-HMAC-SHA256, as OpenSSL writes it. */
    public Path encryptedKeyPem(String name, Issued issued, String password) throws Exception {
        JceOpenSSLPKCS8EncryptorBuilder encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPRF(PKCS8Generator.PRF_HMACSHA256).setIterationCount(10_000).setPassword(password.toCharArray());
        return write(name, pemText(new JcaPKCS8Generator(issued.keys().getPrivate(), encryptor.build())));
    }

    /** A PKCS#12 key store with the key and its chain (leaf, then the issuer). */
    public Path p12(String name, Issued issued, Issued issuer, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", issued.keys().getPrivate(), password.toCharArray(),
                new X509Certificate[] {issued.certificate(), issuer.certificate()});
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static String pemText(PemObjectGenerator generator) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(generator);
        }
        return text.toString();
    }

    private static String pemText(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(object);
        }
        return text.toString();
    }

    /** Writes a text file. */
    public Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
