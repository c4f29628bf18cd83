package broadcast.it;

import broadcast.it.Discovery.Failure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static broadcast.it.FakeProviders.BROKEN;
import static broadcast.it.FakeProviders.DISK;
import static broadcast.it.FakeProviders.GHOST;
import static broadcast.it.FakeProviders.JSON_A;
import static broadcast.it.FakeProviders.JSON_B;
import static broadcast.it.FakeProviders.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Provider discovery with everything on the class path: each test makes a class loader over the
 * api jar and the provider folders it names, found through their {@code META-INF/services} files.
 */
class ClassPathDiscoveryTest {

    private static final String NOT_FOUND = "broadcast.api.ProviderNotFoundException";

    private static FakeProviders fakes;
    private final List<Discovery> opened = new ArrayList<>();

    @BeforeAll
    static void compileProviders() throws Exception {
        fakes = FakeProviders.shared();
    }

    @AfterEach
    void closeLoaders() throws Exception {
        for (Discovery d : opened) {
            d.close();
        }
    }

    @Test
    void theApiAloneHasTheMemoryStoreFromItsServiceFile() {
        Discovery d = onClassPath();

        assertEquals(Set.of("memory"), d.storeNames());
        assertEquals(Set.of(), d.codecNames());
        assertEquals(List.of(), d.failures());
        assertEquals(0, d.openStore("Memory"));
    }

    @Test
    void aCodecIsFoundByNameOnlyWhenItIsOnTheClassPath() {
        Discovery with = onClassPath(YAML);
        Discovery without = onClassPath(DISK);

        assertEquals(Set.of("yaml"), with.codecNames());
        assertEquals("yaml", with.codec("YAML", Map.of()));
        assertEquals(new Failure(NOT_FOUND, "no codec named \"yaml\"; available codecs: []"),
                without.codecLookupFailure("yaml"));
    }

    @Test
    void aStoreIsFoundByNameOnlyWhenItIsOnTheClassPath() {
        Discovery with = onClassPath(DISK);
        Discovery without = onClassPath(YAML);

        assertEquals(Set.of("disk", "memory"), with.storeNames());
        assertEquals(0, with.openStore("disk"));
        assertEquals(new Failure(NOT_FOUND, "no store named \"disk\"; available stores: [memory]"),
                without.storeLookupFailure("disk"));
    }

    @Test
    void providersThatFailToLoadAreListedWithTheirErrors() {
        Discovery d = onClassPath(GHOST, YAML, BROKEN);

        assertEquals(Set.of("yaml"), d.codecNames(), "the others still load");
        assertEquals(Set.of("broadcast.api.spi.CodecProvider: Provider it.codec.ghost.Missing not found",
                        "it.codec.broken.BrokenCodecProvider (class path): java.lang.IllegalStateException: broken on purpose"),
                Set.copyOf(d.failures()));
        Failure f = d.codecLookupFailure("ghost");
        assertEquals("no codec named \"ghost\"; available codecs: [yaml]; failed to load: "
                + String.join("; ", d.failures()), f.message());
    }

    @Test
    void twoProvidersWithOneNameIsAnError() {
        Discovery d = onClassPath(JSON_A, JSON_B);

        assertEquals(new Failure(NOT_FOUND, "2 codec providers are named \"json\": "
                + "it.codec.jsona.JsonCodecProvider (class path) and it.codec.jsonb.JsonCodecProvider (class path); "
                + "remove all but one from the module path and class path"), d.codecLookupFailure("json"));
    }

    private Discovery onClassPath(String... providers) {
        Path[] entries = new Path[providers.length + 1];
        entries[0] = Jars.api();
        for (int i = 0; i < providers.length; i++) {
            entries[i + 1] = fakes.module(providers[i]);
        }
        Discovery d = Discovery.onClassPath(entries);
        opened.add(d);
        return d;
    }
}
