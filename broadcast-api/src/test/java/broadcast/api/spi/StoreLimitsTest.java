package broadcast.api.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoreLimitsTest {

    private static final StoreLimits DEFAULTS = new StoreLimits(10, 1000, 100, 10_000, OverflowPolicy.REJECT_NEW, Duration.ZERO);

    @Test
    void unsetKeysKeepTheDefaults() {
        assertEquals(DEFAULTS, StoreLimits.from(ProviderConfig.of("store \"x\"", Map.of()), DEFAULTS));
    }

    @Test
    void readsEveryKey() {
        StoreLimits l = StoreLimits.from(ProviderConfig.of("store \"x\"", Map.of("max-queue-messages", "5",
                "max-queue-bytes", "64KiB", "max-total-messages", "50", "max-total-bytes", "64MiB",
                "overflow", "Drop-Oldest", "retention", "7d")), DEFAULTS);

        assertEquals(new StoreLimits(5, 65_536, 50, 64L * 1024 * 1024, OverflowPolicy.DROP_OLDEST, Duration.ofDays(7)), l);
    }

    @Test
    void theKeysAreTheDocumentedOnes() {
        assertEquals(java.util.Set.of("max-queue-messages", "max-queue-bytes", "max-total-messages", "max-total-bytes",
                "overflow", "retention"), StoreLimits.KEYS);
    }

    @Test
    void aBadValueNamesTheProviderTheKeyAndTheValue() {
        assertBad("store \"x\" setting max-queue-messages must be a whole number, was \"ten\"", "max-queue-messages", "ten");
        assertBad("store \"x\" setting max-queue-messages must be positive, was \"0\"", "max-queue-messages", "0");
        assertBad("store \"x\" setting max-total-messages must be positive, was \"-3\"", "max-total-messages", "-3");
        assertBad("store \"x\" setting max-queue-bytes must be positive, was \"0KiB\"", "max-queue-bytes", "0KiB");
        assertBad("store \"x\" setting max-total-bytes must be a size in bytes such as 65536, 64KiB or 16MiB, was \"1TB\"",
                "max-total-bytes", "1TB");
        assertBad("store \"x\" setting overflow must be reject-new or drop-oldest, was \"drop-newest\"", "overflow", "drop-newest");
        assertBad("store \"x\" setting retention must be a duration such as 500ms, 10s, 5m, 2h, 7d or PT10S, was \"week\"",
                "retention", "week");
        assertBad("store \"x\" setting retention must not be negative, was \"-1d\"", "retention", "-1d");
    }

    @Test
    void theConstructorRefusesBadBoundsByName() {
        assertEquals("max-queue-bytes must be positive, was 0", assertThrows(IllegalArgumentException.class,
                () -> new StoreLimits(1, 0, 1, 1, OverflowPolicy.REJECT_NEW, Duration.ZERO)).getMessage());
        assertEquals("retention must not be negative, was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new StoreLimits(1, 1, 1, 1, OverflowPolicy.REJECT_NEW, Duration.ofSeconds(-1))).getMessage());
        assertEquals("overflow", assertThrows(NullPointerException.class,
                () -> new StoreLimits(1, 1, 1, 1, null, Duration.ZERO)).getMessage());
    }

    @Test
    void overflowPoliciesHaveSettingValues() {
        assertEquals("reject-new", OverflowPolicy.REJECT_NEW.settingValue());
        assertEquals("drop-oldest", OverflowPolicy.DROP_OLDEST.settingValue());
        assertSame(OverflowPolicy.DROP_OLDEST, OverflowPolicy.fromSetting(" DROP-oldest "));
        assertEquals("overflow must be reject-new or drop-oldest, was \"drop_oldest\"",
                assertThrows(IllegalArgumentException.class, () -> OverflowPolicy.fromSetting("drop_oldest")).getMessage());
    }

    private static void assertBad(String expected, String key, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreLimits.from(ProviderConfig.of("store \"x\"", Map.of(key, value)), DEFAULTS));
        assertEquals(expected, e.getMessage());
    }
}
