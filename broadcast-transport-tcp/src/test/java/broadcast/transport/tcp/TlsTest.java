package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.FailureListener;
import broadcast.api.HubLimits;
import broadcast.api.Outcome;
import broadcast.api.TlsConfig;
import broadcast.transport.tcp.internal.tls.TlsGate;
import broadcast.transport.tcp.internal.wire.Welcome;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hub and clients over TLS, end to end on loopback with certificates made at run time: PEM and
 * PKCS#12 key material, a client's trust, host names, client certificates, and clear errors when
 * one side speaks TLS and the other does not.
 */
class TlsTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(dir);
    }

    static TlsConfig hubPem() throws Exception {
        return TlsConfig.builder().certificate(pki.hubCertPem(), pki.hubKeyPem()).build();
    }

    static TlsConfig trustingClient() throws Exception {
        return TlsConfig.builder().trustedCertificates(pki.caPem()).build();
    }

    static TestHub tlsHub(TlsConfig tls) {
        return TestHub.start(TestHub.config().tls(tls).build());
    }

    static BroadcastTcpClient client(TestHub hub, String name, TlsConfig tls) {
        return hub.client(name, hub.clientConfig().tls(tls).build(), TestCodec.BIN);
    }

    /** Sends a message from one client to another over the hub and waits for it. */
    static void exchange(BroadcastTcpClient from, BroadcastTcpClient to, String channel) throws Exception {
        Inbox inbox = new Inbox();
        to.onMessage(channel, inbox).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Outcome outcome = from.sendMessage(BroadcastMessage.createChannelMessage(channel, "over TLS"))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(Outcome.Status.DELIVERED, outcome.status(), outcome.toString());
        assertEquals(List.of("over TLS"), inbox.await(1).stream().map(m -> String.valueOf(m.data())).toList());
    }

    @Test
    void clientsExchangeMessagesWithAHubOverTlsWithPemKeyMaterial() throws Exception {
        try (TestHub hub = tlsHub(hubPem())) {
            BroadcastTcpClient a = client(hub, "a", trustingClient());
            BroadcastTcpClient b = client(hub, "b", trustingClient());
            a.connect(WAIT);
            b.connect(WAIT);
            exchange(a, b, "quotes");
        }
    }

    @Test
    void aHubWithAPkcs12KeyStoreAndAnEncryptedPemKeyOnTheClientSide() throws Exception {
        TlsConfig hubTls = TlsConfig.builder().keyStore(pki.p12("hub.p12", pki.hub, pki.ca, TestPki.PASSWORD))
                .keyPassword(TestPki.PASSWORD).clientAuth(TlsConfig.ClientAuth.REQUIRED)
                .trustedCertificates(pki.caPem()).build();
        try (TestHub hub = tlsHub(hubTls)) {
            TlsConfig withEncryptedKey = TlsConfig.builder().trustedCertificates(pki.caPem())
                    .certificate(pki.clientCertPem(), pki.encryptedKeyPem("client-enc.pem", pki.client, "k3y"))
                    .keyPassword("k3y").build();
            TlsConfig withKeyStore = TlsConfig.builder().trustedCertificates(pki.caPem())
                    .keyStore(pki.p12("client.p12", pki.client, pki.ca, TestPki.PASSWORD)).keyPassword(TestPki.PASSWORD)
                    .build();
            BroadcastTcpClient a = client(hub, "a", withEncryptedKey);
            BroadcastTcpClient b = client(hub, "b", withKeyStore);
            a.connect(WAIT);
            b.connect(WAIT);
            exchange(a, b, "orders");
        }
    }

    @Test
    void mutualTlsAdmitsOnlyClientsWithACertificateFromTheTrustedCa() throws Exception {
        TlsConfig hubTls = hubPem().toBuilder().clientAuth(TlsConfig.ClientAuth.REQUIRED)
                .trustedCertificates(pki.caPem()).build();
        try (TestHub hub = tlsHub(hubTls)) {
            BroadcastTcpClient withCert = client(hub, "with-cert", trustingClient().toBuilder()
                    .certificate(pki.clientCertPem(), pki.clientKeyPem()).build());
            withCert.connect(WAIT);
            assertEquals(ConnectionState.CONNECTED, withCert.state());

            BroadcastTcpClient withoutCert = client(hub, "without-cert", trustingClient());
            BroadcastException e = assertThrows(BroadcastException.class, () -> withoutCert.connect(WAIT));
            assertTrue(e.getMessage().startsWith("the TLS handshake of client 'without-cert' with the hub at 127.0.0.1:"
                    + hub.port() + " failed: "), e.getMessage());
            assertTrue(e.getMessage().contains("the hub wants a client certificate signed by a CA it trusts"), e.getMessage());
            assertEquals(ConnectionState.CLOSED, withoutCert.state(), "a TLS failure before any connection stops the client");

            TlsConfig strangerTls = trustingClient().toBuilder()
                    .certificate(pki.pem("stranger.pem", pki.stranger.certificate()), pki.keyPem("stranger-key.pem", pki.stranger))
                    .build();
            BroadcastTcpClient stranger = client(hub, "stranger", strangerTls);
            e = assertThrows(BroadcastException.class, () -> stranger.connect(WAIT));
            assertTrue(e.getMessage().contains("the hub wants a client certificate signed by a CA it trusts"), e.getMessage());
            assertEquals(ConnectionState.CLOSED, stranger.state());
            assertTrue(hub.server.client("stranger").isEmpty());
            assertTrue(hub.server.client("without-cert").isEmpty());
        }
    }

    @Test
    void optionalClientAuthAdmitsClientsWithoutACertificate() throws Exception {
        TlsConfig hubTls = hubPem().toBuilder().clientAuth(TlsConfig.ClientAuth.OPTIONAL)
                .trustedCertificates(pki.caPem()).build();
        try (TestHub hub = tlsHub(hubTls)) {
            BroadcastTcpClient a = client(hub, "a", trustingClient());
            BroadcastTcpClient b = client(hub, "b", trustingClient().toBuilder()
                    .certificate(pki.clientCertPem(), pki.clientKeyPem()).build());
            a.connect(WAIT);
            b.connect(WAIT);
            exchange(a, b, "x");
        }
    }

    @Test
    void aPlainClientIsRefusedByATlsHubWithAClearErrorAndStops() throws Exception {
        try (TestHub hub = tlsHub(hubPem())) {
            BroadcastTcpClient plain = hub.client("plain", hub.clientConfig().tls(null).build(), TestCodec.BIN);
            BroadcastException e = assertThrows(BroadcastException.class, () -> plain.connect(Duration.ofSeconds(30)));
            assertEquals(ErrorCode.UNAUTHORIZED, e.code().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().endsWith("UNAUTHORIZED " + TlsGate.REQUIRES_TLS), e.getMessage());
            assertEquals(ConnectionState.CLOSED, plain.state());

            // The refusal is plain bytes any client can read, also one that never heard of TLS.
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(RawClient.hello("raw", List.of()));
                Welcome w = raw.readWelcome();
                assertEquals(ErrorCode.UNAUTHORIZED, w.refusal().code());
                assertEquals(TlsGate.REQUIRES_TLS, w.refusal().message());
                assertTrue(raw.closedByPeer());
            }
        }
    }

    @Test
    void aTlsClientToAPlainHubGetsAClearErrorAndStops() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient tls = client(hub, "tls", trustingClient());
            BroadcastException e = assertThrows(BroadcastException.class, () -> tls.connect(Duration.ofSeconds(30)));
            assertEquals("client 'tls' uses TLS, but the hub at 127.0.0.1:" + hub.port() + " does not: it answered in "
                    + "plain text; turn TLS off for this client, or on at the hub", e.getMessage());
            assertEquals(ConnectionState.CLOSED, tls.state());
            hub.connected("still-fine");
        }
    }

    @Test
    void aClientRefusesAHubCertificateItDoesNotTrustOrThatNamesAnotherHost() throws Exception {
        try (TestHub hub = tlsHub(hubPem())) {
            BroadcastTcpClient jdkTrust = client(hub, "jdk-trust", TlsConfig.defaults());
            BroadcastException e = assertThrows(BroadcastException.class, () -> jdkTrust.connect(WAIT));
            assertTrue(e.getMessage().contains("not signed by a CA this client trusts: set tls trustedCertificates"),
                    e.getMessage());
            assertEquals(ConnectionState.CLOSED, jdkTrust.state());
        }
        TestPki.Issued otherHost = TestPki.leaf(pki.ca, "CN=elsewhere", KeyPurposeId.id_kp_serverAuth, "elsewhere.example");
        TlsConfig elsewhere = TlsConfig.builder().certificate(pki.pem("elsewhere.pem", otherHost.certificate()),
                pki.keyPem("elsewhere-key.pem", otherHost)).build();
        try (TestHub hub = tlsHub(elsewhere)) {
            BroadcastTcpClient checking = client(hub, "checking", trustingClient());
            BroadcastException e = assertThrows(BroadcastException.class, () -> checking.connect(WAIT));
            assertTrue(e.getMessage().contains("the hub's certificate does not name the host '127.0.0.1'"), e.getMessage());

            BroadcastTcpClient trusting = client(hub, "not-checking", trustingClient().toBuilder().verifyHostname(false).build());
            trusting.connect(WAIT);
            assertEquals(ConnectionState.CONNECTED, trusting.state());
        }
    }

    @Test
    void aTlsClientOverTheConnectionLimitReadsTheRefusal() throws Exception {
        BroadcastConfig config = TestHub.config().tls(hubPem())
                .limits(HubLimits.builder().maxConnections(1).build()).build();
        try (TestHub hub = TestHub.start(config)) {
            client(hub, "first", trustingClient()).connect(WAIT);
            List<BroadcastException> errors = new CopyOnWriteArrayList<>();
            BroadcastTcpClient second = client(hub, "second", trustingClient());
            second.onFailure(new FailureListener() {
                @Override
                public void onError(broadcast.api.BroadcastClient client, BroadcastException failure) {
                    errors.add(failure);
                }
            });
            second.connect();
            Eventually.until(() -> !errors.isEmpty(), "an error for the second client");
            BroadcastException e = errors.get(0);
            assertEquals(ErrorCode.LIMIT_EXCEEDED, e.code().orElseThrow(), e.getMessage());
            assertTrue(e.getMessage().endsWith("the hub has reached its limit of 1 connections (maxConnections)"),
                    e.getMessage());
            assertFalse(second.state() == ConnectionState.CLOSED, "a limit is no reason to stop trying");
        }
    }
}
