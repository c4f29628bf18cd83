package broadcast.transport.tcp;

import broadcast.api.BroadcastException;
import broadcast.api.ConnectionState;
import broadcast.api.TlsConfig;
import broadcast.transport.tcp.internal.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad TLS settings stop a hub at start() and a client at connect(), naming the setting and the file. */
class TlsSettingsTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir);
    }

    /** Starts a hub with the TLS settings, expecting it to refuse; returns the message. */
    static String startFails(TlsConfig tls) {
        BroadcastTcpServer server = new BroadcastTcpServer(TestHub.config().tls(tls).build(), Codecs.of(TestCodec.BIN),
                TestHub.memory());
        try {
            BroadcastException e = assertThrows(BroadcastException.class, server::start);
            assertThrows(IllegalStateException.class, server::port, "a hub that failed to start does not listen");
            assertTrue(e.getMessage().startsWith("hub hub-"), e.getMessage());
            return e.getMessage().substring(e.getMessage().indexOf(" cannot start: ") + " cannot start: ".length());
        } finally {
            server.close();
        }
    }

    @Test
    void aHubWithoutKeyMaterialDoesNotStart() {
        assertEquals("a hub with TLS needs a certificate and its key: set tls certificateChain and privateKey "
                + "(BROADCAST_TLS_CERT, BROADCAST_TLS_KEY) or tls keyStore (BROADCAST_TLS_KEYSTORE)",
                startFails(TlsConfig.defaults()));
    }

    @Test
    void missingFilesAreNamedWithTheirSetting() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertEquals("tls privateKey (BROADCAST_TLS_KEY) " + missing + " does not exist",
                startFails(TlsConfig.builder().certificate(pki.hubCertPem(), missing).build()));
        assertEquals("tls certificateChain (BROADCAST_TLS_CERT) " + missing + " does not exist",
                startFails(TlsConfig.builder().certificate(missing, pki.hubKeyPem()).build()));
        assertEquals("tls keyStore (BROADCAST_TLS_KEYSTORE) " + missing + " does not exist",
                startFails(TlsConfig.builder().keyStore(missing).build()));
        assertEquals("tls trustedCertificates (BROADCAST_TLS_CA) " + missing + " does not exist",
                startFails(TlsConfig.builder().certificate(pki.hubCertPem(), pki.hubKeyPem())
                        .clientAuth(TlsConfig.ClientAuth.REQUIRED).trustedCertificates(missing).build()));
    }

    @Test
    void unreadableKeyMaterialIsNamed() throws Exception {
        Path notPem = pki.write("not-pem.txt", "hello");
        assertEquals("tls privateKey (BROADCAST_TLS_KEY) " + notPem + ": it holds no PEM private key "
                + "(-----BEGIN PRIVATE KEY-----, or ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY)",
                startFails(TlsConfig.builder().certificate(pki.hubCertPem(), notPem).build()));
        assertEquals("tls certificateChain (BROADCAST_TLS_CERT) " + notPem + ": it holds no PEM certificate "
                + "(-----BEGIN CERTIFICATE-----)",
                startFails(TlsConfig.builder().certificate(notPem, pki.hubKeyPem()).build()));
        assertTrue(startFails(TlsConfig.builder().keyStore(notPem).build())
                .startsWith("tls keyStore (BROADCAST_TLS_KEYSTORE) " + notPem + " is not a readable PKCS#12 key store"));
    }

    @Test
    void wrongOrMissingPasswordsAreNamed() throws Exception {
        Path p12 = pki.p12("hub.p12", pki.hub, pki.ca, TestPki.PASSWORD);
        assertEquals("tls keyStore (BROADCAST_TLS_KEYSTORE) " + p12 + ": the tls keyPassword "
                + "(BROADCAST_TLS_KEY_PASSWORD) is wrong",
                startFails(TlsConfig.builder().keyStore(p12).keyPassword("guess").build()));

        Path encrypted = pki.encryptedKeyPem("hub-enc.pem", pki.hub, "k3y");
        assertEquals("tls privateKey (BROADCAST_TLS_KEY) " + encrypted + ": its private key is encrypted and no "
                + "keyPassword is set", startFails(TlsConfig.builder().certificate(pki.hubCertPem(), encrypted).build()));
        assertEquals("tls privateKey (BROADCAST_TLS_KEY) " + encrypted + ": its private key cannot be decrypted: "
                + "the keyPassword is wrong", startFails(TlsConfig.builder().certificate(pki.hubCertPem(), encrypted)
                .keyPassword("guess").build()));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        Path clientKey = pki.clientKeyPem();
        String message = startFails(TlsConfig.builder().certificate(pki.hubCertPem(), clientKey).build());
        assertEquals("tls privateKey (BROADCAST_TLS_KEY) " + clientKey + " and tls certificateChain (BROADCAST_TLS_CERT) "
                + pki.hubCertPem() + ": the private key does not belong to the first certificate (CN=hub)", message);
    }

    @Test
    void aClientWithBadSettingsFailsAtConnectAndStops() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.config().tls(TlsConfig.builder()
                .certificate(pki.hubCertPem(), pki.hubKeyPem()).build()).build())) {
            Path missing = dir.resolve("no-ca.pem");
            BroadcastTcpClient c = hub.client("c", hub.clientConfig()
                    .tls(TlsConfig.builder().trustedCertificates(missing).build()).build(), TestCodec.BIN);
            BroadcastException e = assertThrows(BroadcastException.class, () -> c.connect(Duration.ofSeconds(10)));
            assertEquals("client 'c' cannot connect: tls trustedCertificates (BROADCAST_TLS_CA) " + missing
                    + " does not exist", e.getMessage());
            assertEquals(ConnectionState.CLOSED, c.state());
        }
    }
}
