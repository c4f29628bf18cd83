package broadcast.transport.tcp.internal.tls;

import broadcast.transport.tcp.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PEM keys in every form OpenSSL writes, and the errors for the ones that cannot be read. */
class PemTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir);
    }

    static byte[] bytes(Path file) throws Exception {
        return Files.readAllBytes(file);
    }

    @Test
    void pkcs8AndSec1EcKeysReadAsTheSameKey() throws Exception {
        KeyPair keys = pki.hub.keys();
        PrivateKey pkcs8 = Pem.privateKey(bytes(pki.keyPem("ec8.pem", pki.hub)), null);
        Path sec1File = pki.traditionalKeyPem("ec1.pem", keys);
        assertTrue(Files.readString(sec1File).startsWith("-----BEGIN EC PRIVATE KEY-----"));
        PrivateKey sec1 = Pem.privateKey(bytes(sec1File), null);
        assertArrayEquals(keys.getPrivate().getEncoded(), pkcs8.getEncoded());
        assertEquals("EC", sec1.getAlgorithm());
        assertEquals(((java.security.interfaces.ECPrivateKey) keys.getPrivate()).getS(),
                ((java.security.interfaces.ECPrivateKey) sec1).getS());
    }

    @Test
    void pkcs1RsaKeysAreRead() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Path file = pki.traditionalKeyPem("rsa1.pem", keys);
        assertTrue(Files.readString(file).startsWith("-----BEGIN RSA PRIVATE KEY-----"));
        PrivateKey key = Pem.privateKey(bytes(file), null);
        assertEquals("RSA", key.getAlgorithm());
        assertArrayEquals(keys.getPrivate().getEncoded(), key.getEncoded());
    }

    @Test
    void encryptedPkcs8KeysNeedTheirPassword() throws Exception {
        byte[] text = bytes(pki.encryptedKeyPem("enc.pem", pki.client, "k3y"));
        assertArrayEquals(pki.client.keys().getPrivate().getEncoded(), Pem.privateKey(text, "k3y").getEncoded());
        assertMessage("its private key is encrypted and no keyPassword is set", () -> Pem.privateKey(text, null));
        assertMessage("its private key cannot be decrypted: the keyPassword is wrong", () -> Pem.privateKey(text, "nope"));
    }

    @Test
    void oldStyleEncryptedKeysAreRefusedWithTheFix() {
        String text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n";
        assertMessage("its RSA PRIVATE KEY is encrypted in the old OpenSSL form, which is not supported; convert it "
                + "with: openssl pkcs8 -topk8 -in old.pem -out new.pem", () -> Pem.privateKey(text.getBytes(), "x"));
    }

    @Test
    void damagedKeysAndCertificatesAreRefused() {
        String key = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
        assertMessage("its private key is damaged or of an algorithm this JDK does not know (tried RSA, EC, EdDSA, "
                + "RSASSA-PSS, DSA)", () -> Pem.privateKey(key.getBytes(), null));
        String ec = "-----BEGIN EC PRIVATE KEY-----\nMAUCAQEEAA==\n-----END EC PRIVATE KEY-----\n";
        assertMessage("its EC PRIVATE KEY does not name its curve; convert it with: openssl pkcs8 -topk8 -nocrypt "
                + "-in old.pem -out new.pem", () -> Pem.privateKey(ec.getBytes(), null));
        String cert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pem.certificates(cert.getBytes()));
        assertTrue(e.getMessage().startsWith("certificate 1 is damaged: "), e.getMessage());
    }

    @Test
    void aChainIsReadInOrderSkippingOtherBlocks() throws Exception {
        String text = Files.readString(pki.hubCertPem()) + Files.readString(pki.keyPem("k.pem", pki.hub));
        List<X509Certificate> chain = Pem.certificates(text.getBytes());
        assertEquals(List.of(pki.hub.certificate(), pki.ca.certificate()), chain);
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
