package broadcast.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BroadcastConfig#fromEnvironment(String, Map, Properties)}: the original's variables and prefix rule. */
class BroadcastConfigEnvironmentTest {

    @Test
    void noVariablesGiveTheDefaults() {
        BroadcastConfig c = BroadcastConfig.fromEnvironment(null, Map.of("UNRELATED", "x"), new Properties());

        assertEquals(BroadcastConfig.defaults().toString(), c.toString());
    }

    @Test
    void withoutAPrefixItReadsEveryBroadcastVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("BROADCAST_HOST", "hub.local");
        env.put("BROADCAST_PORT", "9100");
        env.put("BROADCAST_URL", "/run/broadcast.sock");
        env.put("BROADCAST_CLIENT_NAME", "orders-1");
        env.put("BROADCAST_CODEC", "Kryo");
        env.put("BROADCAST_STORE", "h2");
        env.put("BROADCAST_STORE_PATH", "/var/lib/broadcast/store");
        env.put("BROADCAST_TOKEN", "s3cret");
        env.put("BROADCAST_MAX_FRAME", "2MiB");
        env.put("BROADCAST_HEARTBEAT_INTERVAL", "500ms");
        env.put("BROADCAST_HEARTBEAT_TIMEOUT", "PT10S");

        BroadcastConfig c = BroadcastConfig.fromEnvironment("", env, new Properties());

        assertEquals("hub.local", c.host());
        assertEquals(9100, c.port());
        assertEquals(Optional.of(Path.of("/run/broadcast.sock")), c.url());
        assertEquals(Optional.of("orders-1"), c.clientName());
        assertEquals("kryo", c.codec());
        assertEquals("h2", c.store());
        assertEquals(Map.of("path", "/var/lib/broadcast/store"), c.storeSettings());
        assertEquals(Optional.of("s3cret"), c.token());
        assertEquals(2 * 1024 * 1024, c.maxFrameBytes());
        assertEquals(Duration.ofMillis(500), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(10), c.heartbeatTimeout());
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders_", "ORDERS", "Orders_", " orders "})
    void aPrefixIsUpperCasedAndFollowedByAnUnderscore(String prefix) {
        Map<String, String> env = Map.of("ORDERS_BROADCAST_PORT", "9200", "BROADCAST_PORT", "9300",
                "ORDERS_BROADCAST_CODEC", "protobuf", "ORDERSBROADCAST_HOST", "wrong");

        BroadcastConfig c = BroadcastConfig.fromEnvironment(prefix, env, new Properties());

        assertEquals(9200, c.port());
        assertEquals("protobuf", c.codec());
        assertEquals(BroadcastConfig.DEFAULT_HOST, c.host());
    }

    @Test
    void withAPrefixTheUnprefixedVariablesAreIgnored() {
        BroadcastConfig c = BroadcastConfig.fromEnvironment("orders", Map.of("BROADCAST_PORT", "9300"), new Properties());

        assertEquals(BroadcastConfig.DEFAULT_PORT, c.port());
    }

    @Test
    void aSystemPropertyWinsOverTheVariable() {
        Properties props = new Properties();
        props.setProperty("orders.broadcast.port", "9400");
        props.setProperty("orders.broadcast.client.name", "from-property");
        props.setProperty("broadcast.store", "h2");

        BroadcastConfig c = BroadcastConfig.fromEnvironment("orders",
                Map.of("ORDERS_BROADCAST_PORT", "9200", "ORDERS_BROADCAST_CLIENT_NAME", "from-env", "ORDERS_BROADCAST_HOST", "h"),
                props);

        assertEquals(9400, c.port());
        assertEquals(Optional.of("from-property"), c.clientName());
        assertEquals("h", c.host(), "the variable applies where no property is set");
        assertEquals("memory", c.store(), "an unprefixed property is not read with a prefix");

        Properties plain = new Properties();
        plain.setProperty("broadcast.port", "9500");
        assertEquals(9500, BroadcastConfig.fromEnvironment(null, Map.of("BROADCAST_PORT", "9600"), plain).port());
    }

    @Test
    void aBadValueNamesTheVariableAndQuotesTheValue() {
        assertMessage("ORDERS_BROADCAST_PORT=\"abc\" is invalid: port must be a whole number, was \"abc\"",
                "orders", "ORDERS_BROADCAST_PORT", "abc");
        assertMessage("BROADCAST_PORT=\"70000\" is invalid: port must be within 0..65535, was 70000",
                null, "BROADCAST_PORT", "70000");
        assertMessage("BROADCAST_PORT=\"\" is invalid: port must be a whole number, was \"\"", null, "BROADCAST_PORT", "");
        assertMessage("BROADCAST_HOST=\" \" is invalid: host must not be blank, was \" \"", null, "BROADCAST_HOST", " ");
        assertMessage("BROADCAST_URL=\"\" is invalid: url must not be empty", null, "BROADCAST_URL", "");
        assertMessage("BROADCAST_CLIENT_NAME=\"a\tb\" is invalid: clientName must not contain control characters, "
                + "found U+0009 at index 1 in \"a?b\"", null, "BROADCAST_CLIENT_NAME", "a\tb");
        assertMessage("BROADCAST_CODEC=\"\" is invalid: codec must not be blank, was \"\"", null, "BROADCAST_CODEC", "");
        assertMessage("BROADCAST_STORE=\" \" is invalid: store must not be blank, was \" \"", null, "BROADCAST_STORE", " ");
        assertMessage("BROADCAST_TOKEN=\"\" is invalid: token must not be blank, was \"\"", null, "BROADCAST_TOKEN", "");
        assertMessage("BROADCAST_MAX_FRAME=\"huge\" is invalid: maxFrameBytes must be a size in bytes such as 65536, "
                + "64KiB or 16MiB, was \"huge\"", null, "BROADCAST_MAX_FRAME", "huge");
        assertMessage("BROADCAST_MAX_FRAME=\"1k\" is invalid: maxFrameBytes must be within 4096..67108864, was 1024",
                null, "BROADCAST_MAX_FRAME", "1k");
        assertMessage("BROADCAST_MAX_FRAME=\"8GiB\" is invalid: maxFrameBytes must be within 4096..67108864, was 8589934592",
                null, "BROADCAST_MAX_FRAME", "8GiB");
        assertMessage("BROADCAST_HEARTBEAT_INTERVAL=\"soon\" is invalid: heartbeatInterval must be a duration such as "
                + "500ms, 10s, 5m, 2h, 7d or PT10S, was \"soon\"", null, "BROADCAST_HEARTBEAT_INTERVAL", "soon");
        assertMessage("BROADCAST_HEARTBEAT_TIMEOUT=\"-5s\" is invalid: heartbeatTimeout must not be negative, was \"-5s\"",
                null, "BROADCAST_HEARTBEAT_TIMEOUT", "-5s");
        assertMessage("BROADCAST_HEARTBEAT_TIMEOUT=\"0s\" is invalid: heartbeatTimeout must be positive, was PT0S",
                null, "BROADCAST_HEARTBEAT_TIMEOUT", "0s");
    }

    @Test
    void aBadPropertyNamesTheProperty() {
        Properties props = new Properties();
        props.setProperty("orders.broadcast.port", "x1");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BroadcastConfig.fromEnvironment("orders", Map.of("ORDERS_BROADCAST_PORT", "9000"), props));

        assertEquals("orders.broadcast.port=\"x1\" is invalid: port must be a whole number, was \"x1\"", e.getMessage());
    }

    @Test
    void conflictingHeartbeatsNameTheVariablesRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BroadcastConfig.fromEnvironment(
                "orders", Map.of("ORDERS_BROADCAST_HEARTBEAT_INTERVAL", "20s"), new Properties()));

        assertEquals("heartbeatTimeout (PT15S) must be longer than heartbeatInterval (PT20S); "
                + "read ORDERS_BROADCAST_HEARTBEAT_INTERVAL=\"20s\"", e.getMessage());
    }

    @Test
    void theTokenNeverAppearsInAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BroadcastConfig.fromEnvironment(
                null, Map.of("BROADCAST_TOKEN", "s3cret", "BROADCAST_HEARTBEAT_INTERVAL", "1m"), new Properties()));

        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("BROADCAST_HEARTBEAT_INTERVAL=\"1m\""), e.getMessage());
    }

    private static void assertMessage(String expected, String prefix, String variable, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BroadcastConfig.fromEnvironment(prefix, Map.of(variable, value), new Properties()));
        assertEquals(expected, e.getMessage());
    }
}
