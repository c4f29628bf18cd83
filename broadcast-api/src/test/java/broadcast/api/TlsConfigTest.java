package broadcast.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsConfigTest {

    @Test
    void defaults() {
        TlsConfig d = TlsConfig.defaults();
        assertEquals(Optional.empty(), d.certificateChain());
        assertEquals(Optional.empty(), d.privateKey());
        assertEquals(Optional.empty(), d.keyStore());
        assertEquals(Optional.empty(), d.keyPassword());
        assertEquals(Optional.empty(), d.trustedCertificates());
        assertEquals(TlsConfig.ClientAuth.NONE, d.clientAuth());
        assertTrue(d.verifyHostname());
        assertEquals(Duration.ofSeconds(10), d.handshakeTimeout());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), d.protocols());
        assertFalse(d.hasKeyMaterial());
        assertEquals(Optional.empty(), BroadcastConfig.defaults().tls());
        assertEquals(Optional.empty(), BroadcastConfig.defaults().usersFile());
    }

    @Test
    void theBuilderSetsEverySettingAndToBuilderKeepsThem() {
        TlsConfig t = TlsConfig.builder().certificate(Path.of("c.pem"), Path.of("k.pem")).keyPassword("pw")
                .trustedCertificates(Path.of("ca.pem")).clientAuth(TlsConfig.ClientAuth.REQUIRED).verifyHostname(false)
                .handshakeTimeout(Duration.ofSeconds(3)).protocols("TLSv1.3").build();
        for (TlsConfig x : new TlsConfig[] {t, t.toBuilder().build()}) {
            assertEquals(Optional.of(Path.of("c.pem")), x.certificateChain());
            assertEquals(Optional.of(Path.of("k.pem")), x.privateKey());
            assertEquals(Optional.of("pw"), x.keyPassword());
            assertEquals(Optional.of(Path.of("ca.pem")), x.trustedCertificates());
            assertEquals(TlsConfig.ClientAuth.REQUIRED, x.clientAuth());
            assertFalse(x.verifyHostname());
            assertEquals(Duration.ofSeconds(3), x.handshakeTimeout());
            assertEquals(List.of("TLSv1.3"), x.protocols());
            assertTrue(x.hasKeyMaterial());
        }
        assertFalse(t.toString().contains("pw"), t.toString());
        BroadcastConfig c = BroadcastConfig.builder().tls(t).usersFile(Path.of("users")).build();
        assertEquals(Optional.of(t), c.toBuilder().build().tls());
        assertEquals(Optional.of(Path.of("users")), c.toBuilder().build().usersFile());
        assertFalse(c.toString().contains("pw"), c.toString());
    }

    @Test
    void conflictingOrBadSettingsAreRefused() {
        assertEquals("tls certificateChain and privateKey go together; certificateChain c.pem has no privateKey",
                assertThrows(IllegalStateException.class,
                        () -> TlsConfig.builder().certificateChain(Path.of("c.pem")).build()).getMessage());
        assertEquals("tls takes a certificateChain and privateKey, or a keyStore, not both; got c.pem, k.pem and s.p12",
                assertThrows(IllegalStateException.class, () -> TlsConfig.builder()
                        .certificate(Path.of("c.pem"), Path.of("k.pem")).keyStore(Path.of("s.p12")).build()).getMessage());
        assertEquals("tls clientAuth OPTIONAL needs trustedCertificates: the CA certificates that sign client certificates",
                assertThrows(IllegalStateException.class,
                        () -> TlsConfig.builder().clientAuth(TlsConfig.ClientAuth.OPTIONAL).build()).getMessage());
        assertEquals("tls protocols must be among [TLSv1.3, TLSv1.2], was \"TLSv1\"",
                assertThrows(IllegalArgumentException.class, () -> TlsConfig.builder().protocols("TLSv1")).getMessage());
        assertEquals("tls handshakeTimeout must be positive, was PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> TlsConfig.builder().handshakeTimeout(Duration.ZERO)).getMessage());
    }

    @Test
    void theEnvironmentTurnsTlsOnAndSetsIt() {
        BroadcastConfig c = BroadcastConfig.fromEnvironment("orders", Map.of(
                "ORDERS_BROADCAST_TLS_CERT", "/etc/hub.pem", "ORDERS_BROADCAST_TLS_KEY", "/etc/hub-key.pem",
                "ORDERS_BROADCAST_TLS_KEY_PASSWORD", "pw", "ORDERS_BROADCAST_TLS_CA", "/etc/ca.pem",
                "ORDERS_BROADCAST_TLS_CLIENT_AUTH", "Required", "ORDERS_BROADCAST_TLS_VERIFY_HOSTNAME", "false",
                "ORDERS_BROADCAST_USERS_FILE", "/etc/broadcast-users"), new Properties());
        TlsConfig t = c.tls().orElseThrow();
        assertEquals(Optional.of(Path.of("/etc/hub.pem")), t.certificateChain());
        assertEquals(Optional.of(Path.of("/etc/hub-key.pem")), t.privateKey());
        assertEquals(Optional.of("pw"), t.keyPassword());
        assertEquals(Optional.of(Path.of("/etc/ca.pem")), t.trustedCertificates());
        assertEquals(TlsConfig.ClientAuth.REQUIRED, t.clientAuth());
        assertFalse(t.verifyHostname());
        assertEquals(Optional.of(Path.of("/etc/broadcast-users")), c.usersFile());

        Properties p = new Properties();
        p.setProperty("broadcast.tls", "true");
        assertEquals(TlsConfig.defaults().toString(), BroadcastConfig.fromEnvironment(null, Map.of(), p).tls()
                .orElseThrow().toString());
        assertEquals(Optional.empty(), BroadcastConfig.fromEnvironment(null, Map.of("BROADCAST_TLS", "false"),
                new Properties()).tls());
        TlsConfig store = BroadcastConfig.fromEnvironment(null, Map.of("BROADCAST_TLS_KEYSTORE", "/etc/hub.p12"),
                new Properties()).tls().orElseThrow();
        assertEquals(Optional.of(Path.of("/etc/hub.p12")), store.keyStore());
    }

    @Test
    void badTlsVariablesAreNamedAndPasswordsHidden() {
        assertEnv("BROADCAST_TLS_CLIENT_AUTH=\"maybe\" is invalid: tls clientAuth must be none, optional or required, "
                + "was \"maybe\"", Map.of("BROADCAST_TLS_CLIENT_AUTH", "maybe"));
        assertEnv("BROADCAST_TLS=\"yes\" is invalid: tls must be true or false, was \"yes\"", Map.of("BROADCAST_TLS", "yes"));
        assertEnv("BROADCAST_TLS_CERT=\" \" is invalid: tls certificateChain must not be blank, was \" \"",
                Map.of("BROADCAST_TLS_CERT", " "));
        assertEnv("tls certificateChain and privateKey go together; certificateChain /c.pem has no privateKey; read "
                + "BROADCAST_TLS_CERT=\"/c.pem\"", Map.of("BROADCAST_TLS_CERT", "/c.pem"));
        assertEnv("TLS settings conflict: BROADCAST_TLS=\"false\", BROADCAST_TLS_KEY_PASSWORD=\"***\"",
                Map.of("BROADCAST_TLS", "false", "BROADCAST_TLS_KEY_PASSWORD", "pw"));
    }

    static void assertEnv(String expected, Map<String, String> env) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BroadcastConfig.fromEnvironment(null, env, new Properties()));
        assertEquals(expected, e.getMessage());
    }
}
