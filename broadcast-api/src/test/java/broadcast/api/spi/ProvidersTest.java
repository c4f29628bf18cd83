package broadcast.api.spi;

import broadcast.api.ProviderNotFoundException;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery with only this module on the path: the memory store is there, no codec is. Several
 * modules together are tested in {@code broadcast-it}.
 */
class ProvidersTest {

    private final Providers installed = Providers.installed();

    @Test
    void theMemoryStoreIsBuiltIn() {
        assertEquals(Set.of("memory"), installed.storeNames());
        assertEquals(Set.of(), installed.codecNames());
        assertEquals(List.of(), installed.failures());
        assertSame(installed, Providers.installed(), "loaded once");
    }

    @Test
    void namesMatchIgnoringCaseAndSpaces() {
        assertEquals("memory", installed.storeProvider("MEMORY").name());
        assertEquals("memory", installed.storeProvider(" Memory ").name());
        try (MessageStore store = installed.store("Memory", Map.of("max-queue-messages", "5"))) {
            assertEquals(0, store.stats().messages());
        }
    }

    @Test
    void theSameProvidersAreFoundThroughTheBootLayerAndTheClassLoader() {
        assertEquals(Set.of("memory"), Providers.load(ModuleLayer.boot()).storeNames());
        assertEquals(Set.of("memory"), Providers.load(Providers.class.getClassLoader()).storeNames());
    }

    @Test
    void anUnknownNameListsTheNamesFound() {
        assertEquals("no store named \"h2\"; available stores: [memory]",
                assertThrows(ProviderNotFoundException.class, () -> installed.store("h2", Map.of())).getMessage());
        assertEquals("no codec named \"json\"; available codecs: []",
                assertThrows(ProviderNotFoundException.class, () -> installed.codec("json", Map.of())).getMessage());
        assertEquals("a codec name is required; available codecs: []",
                assertThrows(ProviderNotFoundException.class, () -> installed.codecProvider(" ")).getMessage());
        assertEquals("a store name is required; available stores: [memory]",
                assertThrows(ProviderNotFoundException.class, () -> installed.storeProvider(null)).getMessage());
    }

    @Test
    void settingsAreCheckedByTheProviderAndNamedAfterIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> installed.store("MEMORY", Map.of("path", "x")));
        assertTrue(e.getMessage().startsWith("store \"memory\" has no setting path; supported settings: ["), e.getMessage());
    }

    @Test
    void theNameListsAreSortedAndUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> installed.storeNames().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> installed.failures().add("x"));
        assertEquals(installed.storeNames().comparator(), null, "natural order");
        assertEquals("Providers[codecs=[], stores=[memory], failures=[]]", installed.toString());
    }
}
