package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.OverflowPolicy;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.Providers;
import broadcast.api.spi.QueueKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2StoreProviderTest {

    @TempDir
    Path dir;

    private static ProviderConfig config(Map<String, String> values) {
        return ProviderConfig.of("store \"h2\"", values);
    }

    @Test
    void shouldBeFoundByNameAndOpenAFileInNewDirectories() {
        Path path = dir.resolve("a/b/orders");
        try (MessageStore store = Providers.installed().store("H2", Map.of("path", path.toString()))) {
            store.append(Stores.message("m1"), List.of(QueueKey.client("bob")));
        }
        assertTrue(Files.isRegularFile(dir.resolve("a/b/orders.mv.db")));
        assertTrue(Providers.installed().storeNames().contains("h2"));
    }

    @Test
    void shouldRefuseAnUnknownSettingListingTheSupportedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new H2StoreProvider().create(config(Map.of("pth", "x"))));
        assertTrue(e.getMessage().contains("store \"h2\" has no setting pth"), e.getMessage());
        assertTrue(e.getMessage().contains("commit-interval, max-queue-bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("path"), e.getMessage());
    }

    @Test
    void shouldNameTheSettingAndValueThatAreInvalid() {
        assertMessage(Map.of("commit-interval", "2s"), "commit-interval must be between 0 and 1s, was \"2s\"");
        assertMessage(Map.of("commit-interval", "soon"), "commit-interval");
        assertMessage(Map.of("cache-size", "1k"), "cache-size must be between 1MiB and 1TiB, was \"1k\"");
        assertMessage(Map.of("max-queue-messages", "many"), "max-queue-messages");
        assertMessage(Map.of("overflow", "drop-newest"), "drop-newest");
        assertMessage(Map.of("path", ""), "path must name a file, was \"\"");
    }

    private void assertMessage(Map<String, String> settings, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new H2StoreProvider().create(config(settings)));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void shouldHaveDocumentedDefaults() {
        H2Settings settings = H2Settings.from(ProviderConfig.empty());
        assertEquals(Path.of("./broadcast-data/broadcast"), settings.path());
        assertEquals(Path.of("./broadcast-data/broadcast.mv.db"), settings.file());
        assertEquals(5_000_000, settings.limits().maxQueueMessages());
        assertEquals(2L << 30, settings.limits().maxQueueBytes());
        assertEquals(20_000_000, settings.limits().maxTotalMessages());
        assertEquals(8L << 30, settings.limits().maxTotalBytes());
        assertEquals(OverflowPolicy.REJECT_NEW, settings.limits().overflow());
        assertEquals(Duration.ZERO, settings.limits().retention());
        assertEquals(Duration.ofMillis(1), settings.commitInterval());
        assertEquals(64L << 20, settings.cacheBytes());
    }
}
