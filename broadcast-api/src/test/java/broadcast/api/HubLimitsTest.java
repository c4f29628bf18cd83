package broadcast.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HubLimitsTest {

    @Test
    void defaults() {
        HubLimits d = HubLimits.defaults();

        assertEquals(10_000, d.maxConnections());
        assertEquals(1_000, d.maxSubscriptions());
        assertEquals(256, d.maxNameLength());
        assertEquals(Duration.ofSeconds(10), d.handshakeTimeout());
        assertEquals(16 * 1024 * 1024, d.writeBufferBytes());
        assertEquals(Duration.ofSeconds(30), d.slowConsumerTimeout());
        assertSame(d, HubLimits.defaults());
    }

    @Test
    void theBuilderSetsEveryLimitAndToBuilderKeepsThem() {
        HubLimits l = HubLimits.builder().maxConnections(5).maxSubscriptions(6).maxNameLength(7)
                .handshakeTimeout(Duration.ofSeconds(8)).writeBufferBytes(65_536)
                .slowConsumerTimeout(Duration.ofSeconds(9)).build();

        HubLimits copy = l.toBuilder().build();

        for (HubLimits x : new HubLimits[] {l, copy}) {
            assertEquals(5, x.maxConnections());
            assertEquals(6, x.maxSubscriptions());
            assertEquals(7, x.maxNameLength());
            assertEquals(Duration.ofSeconds(8), x.handshakeTimeout());
            assertEquals(65_536, x.writeBufferBytes());
            assertEquals(Duration.ofSeconds(9), x.slowConsumerTimeout());
        }
    }

    @Test
    void badValuesAreRefusedByName() {
        assertMessage("maxConnections must be positive, was 0", () -> HubLimits.builder().maxConnections(0));
        assertMessage("maxSubscriptions must be positive, was -1", () -> HubLimits.builder().maxSubscriptions(-1));
        assertMessage("maxNameLength must be positive, was 0", () -> HubLimits.builder().maxNameLength(0));
        assertMessage("maxNameLength must be at most 256, was 257", () -> HubLimits.builder().maxNameLength(257));
        assertMessage("handshakeTimeout must be positive, was PT0S", () -> HubLimits.builder().handshakeTimeout(Duration.ZERO));
        assertMessage("writeBufferBytes must be at least 65536, was 65535", () -> HubLimits.builder().writeBufferBytes(65_535));
        assertMessage("slowConsumerTimeout must be positive, was PT-1S",
                () -> HubLimits.builder().slowConsumerTimeout(Duration.ofSeconds(-1)));
        assertEquals("handshakeTimeout",
                assertThrows(NullPointerException.class, () -> HubLimits.builder().handshakeTimeout(null)).getMessage());
    }

    @Test
    void everyLimitIsReadFromTheEnvironmentAndABadOneIsNamed() {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("broadcast.slow.consumer.timeout", "2s");
        HubLimits l = BroadcastConfig.fromEnvironment(null, java.util.Map.of("BROADCAST_MAX_CONNECTIONS", "50",
                "BROADCAST_MAX_SUBSCRIPTIONS", "60", "BROADCAST_MAX_NAME_LENGTH", "70", "BROADCAST_HANDSHAKE_TIMEOUT",
                "1500ms", "BROADCAST_WRITE_BUFFER", "1MiB"), props).limits();
        assertEquals(50, l.maxConnections());
        assertEquals(60, l.maxSubscriptions());
        assertEquals(70, l.maxNameLength());
        assertEquals(Duration.ofMillis(1500), l.handshakeTimeout());
        assertEquals(1024 * 1024, l.writeBufferBytes());
        assertEquals(Duration.ofSeconds(2), l.slowConsumerTimeout());
        assertSame(HubLimits.defaults(), BroadcastConfig.fromEnvironment(null, java.util.Map.of(), new java.util.Properties())
                .limits(), "none set: the defaults");
        assertMessage("BROADCAST_WRITE_BUFFER=\"1KiB\" is invalid: writeBufferBytes must be at least 65536, was 1024",
                () -> BroadcastConfig.fromEnvironment(null, java.util.Map.of("BROADCAST_WRITE_BUFFER", "1KiB"),
                        new java.util.Properties()));
        assertMessage("BROADCAST_MAX_CONNECTIONS=\"0\" is invalid: maxConnections must be positive, was 0",
                () -> BroadcastConfig.fromEnvironment(null, java.util.Map.of("BROADCAST_MAX_CONNECTIONS", "0"),
                        new java.util.Properties()));
    }

    private static void assertMessage(String expected, Runnable r) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }
}
