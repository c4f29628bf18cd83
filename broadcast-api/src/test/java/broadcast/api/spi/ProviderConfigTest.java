package broadcast.api.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderConfigTest {

    private static final String OWNER = "store \"h2\"";

    @Test
    void holdsAnImmutableCopyOfTheSettings() {
        Map<String, String> values = new HashMap<>(Map.of("path", "/tmp/x"));
        ProviderConfig c = ProviderConfig.of(OWNER, values);
        values.put("path", "changed");

        assertEquals(OWNER, c.owner());
        assertEquals(Map.of("path", "/tmp/x"), c.asMap());
        assertEquals(Optional.of("/tmp/x"), c.string("path"));
        assertEquals(Optional.empty(), c.string("other"));
        assertEquals("fallback", c.string("other", "fallback"));
        assertThrows(UnsupportedOperationException.class, () -> c.asMap().put("a", "b"));
        assertTrue(ProviderConfig.empty().asMap().isEmpty());
        assertEquals("store \"h2\" {path=/tmp/x}", c.toString());
    }

    @ParameterizedTest
    @CsvSource({"100, 100", "100b, 100", "64k, 65536", "64KiB, 65536", "64kb, 65536", "64MiB, 67108864",
            "16m, 16777216", "2 MiB, 2097152", "1g, 1073741824", "1GiB, 1073741824", "' 7 ', 7", "0, 0"})
    void readsSizes(String text, long expected) {
        assertEquals(expected, config("size", text).bytes("size", -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "-1", "1.5MiB", "MiB", "", "64 TiB", "99999999999GiB"})
    void aBadSizeNamesTheProviderTheKeyAndTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("size", text).bytes("size", 1));

        assertEquals(OWNER + " setting size must be a size in bytes such as 65536, 64KiB or 16MiB, was \"" + text + "\"",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"10s, PT10S", "PT10S, PT10S", "pt1m30s, PT1M30S", "500ms, PT0.5S", "250, PT0.25S", "5m, PT5M",
            "2h, PT2H", "7d, PT168H", "0, PT0S", "' 3 s ', PT3S", "10S, PT10S"})
    void readsDurations(String text, String expected) {
        assertEquals(Duration.parse(expected), config("wait", text).duration("wait", Duration.ZERO));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "10x", "s", "", "1.5s", "P", "ten seconds"})
    void aBadDurationNamesTheProviderTheKeyAndTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("wait", text).duration("wait", Duration.ZERO));

        assertEquals(OWNER + " setting wait must be a duration such as 500ms, 10s, 5m, 2h, 7d or PT10S, was \"" + text + "\"",
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "PT-1S", "-100"})
    void aNegativeDurationIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("wait", text).duration("wait", Duration.ZERO));

        assertEquals(OWNER + " setting wait must not be negative, was \"" + text + "\"", e.getMessage());
    }

    @Test
    void readsWholeNumbersAndBooleans() {
        ProviderConfig c = ProviderConfig.of(OWNER, Map.of("n", " 42 ", "big", "9000000000", "on", "TRUE", "off", "false"));

        assertEquals(42, c.intValue("n", 0));
        assertEquals(9_000_000_000L, c.longValue("big", 0));
        assertTrue(c.booleanValue("on", false));
        assertFalse(c.booleanValue("off", true));
        assertEquals(7, c.intValue("absent", 7));
        assertEquals(8L, c.longValue("absent", 8));
        assertTrue(c.booleanValue("absent", true));
        assertEquals(9, c.bytes("absent", 9));
        assertSame(Duration.ZERO, c.duration("absent", Duration.ZERO));
    }

    @Test
    void badNumbersAndBooleansNameTheProviderTheKeyAndTheValue() {
        assertEquals(OWNER + " setting pool must be a whole number, was \"many\"", assertThrows(IllegalArgumentException.class,
                () -> config("pool", "many").intValue("pool", 1)).getMessage());
        assertEquals(OWNER + " setting pool must be a whole number, was \"9000000000\"",
                assertThrows(IllegalArgumentException.class, () -> config("pool", "9000000000").intValue("pool", 1)).getMessage());
        assertEquals(OWNER + " setting cap must be a whole number, was \"1e6\"", assertThrows(IllegalArgumentException.class,
                () -> config("cap", "1e6").longValue("cap", 1)).getMessage());
        assertEquals(OWNER + " setting sync must be true or false, was \"yes\"", assertThrows(IllegalArgumentException.class,
                () -> config("sync", "yes").booleanValue("sync", false)).getMessage());
    }

    @Test
    void unknownKeysAreRefusedListingTheSupportedOnes() {
        Set<String> supported = Set.of("path", "retention", "overflow");

        assertEquals(OWNER + " has no setting pth; supported settings: [overflow, path, retention]",
                assertThrows(IllegalArgumentException.class,
                        () -> ProviderConfig.of(OWNER, Map.of("pth", "x")).requireKnownKeys(supported)).getMessage());
        assertEquals(OWNER + " has no setting a, b; supported settings: [overflow, path, retention]",
                assertThrows(IllegalArgumentException.class,
                        () -> ProviderConfig.of(OWNER, Map.of("b", "1", "a", "2", "path", "p")).requireKnownKeys(supported))
                        .getMessage());
        ProviderConfig ok = ProviderConfig.of(OWNER, Map.of("path", "p"));
        assertSame(ok, ok.requireKnownKeys(supported));
    }

    private static ProviderConfig config(String key, String value) {
        return ProviderConfig.of(OWNER, Map.of(key, value));
    }
}
