package broadcast.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BroadcastConfigTest {

    @Test
    void defaults() {
        BroadcastConfig c = BroadcastConfig.defaults();

        assertEquals("127.0.0.1", c.host());
        assertEquals(9000, c.port());
        assertEquals(Optional.empty(), c.url());
        assertEquals(Optional.empty(), c.clientName());
        assertEquals("json", c.codec());
        assertEquals(Map.of(), c.codecSettings());
        assertEquals("memory", c.store());
        assertEquals(Map.of(), c.storeSettings());
        assertEquals(Optional.empty(), c.token());
        assertEquals(1024 * 1024, c.maxFrameBytes());
        assertEquals(Duration.ofSeconds(5), c.heartbeatInterval());
        assertEquals(Duration.ofSeconds(15), c.heartbeatTimeout());
        assertEquals(Duration.ofSeconds(5), c.connectTimeout());
        assertSame(ReconnectPolicy.defaults(), c.reconnect());
        assertEquals(10_000, c.outboxMessages());
        assertEquals(16_384, c.deduplicationWindow());
        assertFalse(c.transientOutcomes());
        assertSame(HubLimits.defaults(), c.limits());
        assertEquals("127.0.0.1:9000", c.address());
    }

    @Test
    void theBuilderSetsEverySettingAndToBuilderKeepsThem() {
        ReconnectPolicy reconnect = ReconnectPolicy.of(Duration.ofMillis(1), Duration.ofMillis(2), 3);
        HubLimits limits = HubLimits.builder().maxConnections(3).build();
        BroadcastConfig c = BroadcastConfig.builder().host("hub.local").port(0).url(Path.of("/tmp/b.sock"))
                .clientName("orders-1").codec("KRYO").codecSetting("register", "a.B").store(" H2 ")
                .storeSetting("path", "/var/lib/b").token("s3cret").maxFrameBytes(4096)
                .heartbeatInterval(Duration.ofSeconds(1)).heartbeatTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(3)).reconnect(reconnect).outboxMessages(7).deduplicationWindow(8)
                .transientOutcomes(true).limits(limits).build();

        for (BroadcastConfig x : new BroadcastConfig[] {c, c.toBuilder().build()}) {
            assertEquals("hub.local", x.host());
            assertEquals(0, x.port());
            assertEquals(Optional.of(Path.of("/tmp/b.sock")), x.url());
            assertEquals(Optional.of("orders-1"), x.clientName());
            assertEquals("kryo", x.codec(), "lower-cased");
            assertEquals(Map.of("register", "a.B"), x.codecSettings());
            assertEquals("h2", x.store(), "trimmed and lower-cased");
            assertEquals(Map.of("path", "/var/lib/b"), x.storeSettings());
            assertEquals(Optional.of("s3cret"), x.token());
            assertEquals(4096, x.maxFrameBytes());
            assertEquals(Duration.ofSeconds(1), x.heartbeatInterval());
            assertEquals(Duration.ofSeconds(2), x.heartbeatTimeout());
            assertEquals(Duration.ofSeconds(3), x.connectTimeout());
            assertSame(reconnect, x.reconnect());
            assertEquals(7, x.outboxMessages());
            assertEquals(8, x.deduplicationWindow());
            assertTrue(x.transientOutcomes());
            assertSame(limits, x.limits());
            assertEquals("/tmp/b.sock", x.address());
        }
    }

    @Test
    void codecSettingsByNameApplyToThatCodecAndTheUnnamedOnesToTheConfiguredCodec() {
        BroadcastConfig c = BroadcastConfig.builder().codec("json").codecSetting("max-nesting-depth", "10")
                .codecSetting("KRYO", "classes", "100:a.B").codecSetting("json", "max-nesting-depth", "20")
                .codecSetting("protobuf", "types", "a.C").build();

        for (BroadcastConfig x : new BroadcastConfig[] {c, c.toBuilder().build()}) {
            assertEquals(Map.of("classes", "100:a.B"), x.codecSettings("kryo"));
            assertEquals(Map.of("classes", "100:a.B"), x.codecSettings(" Kryo "), "trimmed, ignoring case");
            assertEquals(Map.of("types", "a.C"), x.codecSettings("protobuf"));
            assertEquals(Map.of("max-nesting-depth", "20"), x.codecSettings("json"), "the one given by name wins");
            assertEquals(x.codecSettings("json"), x.codecSettings());
            assertEquals(Map.of(), x.codecSettings("yaml"));
            assertEquals(Set.of("kryo", "json", "protobuf"), x.codecsWithSettings());
        }
        BroadcastConfig kryo = c.toBuilder().codec("kryo").build();
        assertEquals(Map.of("classes", "100:a.B", "max-nesting-depth", "10"), kryo.codecSettings(),
                "unnamed settings follow the configured codec");
        assertEquals(Map.of("max-nesting-depth", "20"), kryo.codecSettings("json"));
        assertMessage("codec must not be blank, was \"\"", () -> BroadcastConfig.builder().codecSetting("", "k", "v"));
        assertMessage("codec setting key must not be blank, was \" \"",
                () -> BroadcastConfig.builder().codecSetting("kryo", " ", "v"));
    }

    @Test
    void settingsMapsAreImmutableCopies() {
        BroadcastConfig.Builder b = BroadcastConfig.builder().storeSetting("path", "a");
        BroadcastConfig c = b.build();
        b.storeSetting("path", "b");

        assertEquals(Map.of("path", "a"), c.storeSettings());
        assertThrows(UnsupportedOperationException.class, () -> c.storeSettings().put("x", "y"));
        assertThrows(UnsupportedOperationException.class, () -> c.codecSettings().put("x", "y"));
    }

    @Test
    void toStringHidesTheToken() {
        String text = BroadcastConfig.builder().token("s3cret").build().toString();

        assertFalse(text.contains("s3cret"), text);
        assertTrue(text.contains("token=***"), text);
        assertTrue(BroadcastConfig.defaults().toString().contains("token=none"));
    }

    @Test
    void everyBadValueIsRefusedByName() {
        assertMessage("host must not be blank, was \"\"", () -> BroadcastConfig.builder().host(""));
        assertMessage("host must not be blank, was null", () -> BroadcastConfig.builder().host(null));
        assertMessage("port must be within 0..65535, was -1", () -> BroadcastConfig.builder().port(-1));
        assertMessage("port must be within 0..65535, was 65536", () -> BroadcastConfig.builder().port(65536));
        assertMessage("url must not be empty", () -> BroadcastConfig.builder().url(Path.of("")));
        assertMessage("clientName must not contain control characters, found U+000A at index 1 in \"a?\"",
                () -> BroadcastConfig.builder().clientName("a\n"));
        assertMessage("clientName must be at most 256 characters, was 300 (\"" + "n".repeat(32) + "...\")",
                () -> BroadcastConfig.builder().clientName("n".repeat(300)));
        assertMessage("codec must not be blank, was \" \"", () -> BroadcastConfig.builder().codec(" "));
        assertMessage("store must not be blank, was null", () -> BroadcastConfig.builder().store(null));
        assertMessage("codec setting key must not be blank, was \"\"", () -> BroadcastConfig.builder().codecSetting("", "v"));
        assertMessage("store setting key must not be blank, was null", () -> BroadcastConfig.builder().storeSetting(null, "v"));
        assertMessage("token must not be blank, was \"\"", () -> BroadcastConfig.builder().token(""));
        assertMessage("maxFrameBytes must be within 4096..67108864, was 4095", () -> BroadcastConfig.builder().maxFrameBytes(4095));
        assertMessage("maxFrameBytes must be within 4096..67108864, was 67108865",
                () -> BroadcastConfig.builder().maxFrameBytes(64 * 1024 * 1024 + 1));
        assertMessage("heartbeatInterval must be positive, was PT0S",
                () -> BroadcastConfig.builder().heartbeatInterval(Duration.ZERO));
        assertMessage("heartbeatTimeout must be positive, was PT-1S",
                () -> BroadcastConfig.builder().heartbeatTimeout(Duration.ofSeconds(-1)));
        assertMessage("connectTimeout must be positive, was PT0S", () -> BroadcastConfig.builder().connectTimeout(Duration.ZERO));
        assertMessage("outboxMessages must be positive, was 0", () -> BroadcastConfig.builder().outboxMessages(0));
        assertMessage("deduplicationWindow must be positive, was -5", () -> BroadcastConfig.builder().deduplicationWindow(-5));
        assertEquals("reconnect", assertThrows(NullPointerException.class, () -> BroadcastConfig.builder().reconnect(null)).getMessage());
        assertEquals("limits", assertThrows(NullPointerException.class, () -> BroadcastConfig.builder().limits(null)).getMessage());
        assertEquals("path", assertThrows(NullPointerException.class, () -> BroadcastConfig.builder().storeSetting("path", null)).getMessage());
    }

    @Test
    void theHeartbeatTimeoutMustBeLongerThanTheInterval() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BroadcastConfig.builder().heartbeatInterval(Duration.ofSeconds(15)).build());

        assertEquals("heartbeatTimeout (PT15S) must be longer than heartbeatInterval (PT15S)", e.getMessage());
    }

    @Test
    void aClientNameMayBeCleared() {
        assertEquals(Optional.empty(), BroadcastConfig.builder().clientName("a").clientName(null).build().clientName());
        assertEquals(Optional.empty(), BroadcastConfig.builder().token("a").token(null).build().token());
        assertEquals(Optional.empty(), BroadcastConfig.builder().url(Path.of("/x")).url(null).build().url());
    }

    private static void assertMessage(String expected, Runnable r) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }
}
