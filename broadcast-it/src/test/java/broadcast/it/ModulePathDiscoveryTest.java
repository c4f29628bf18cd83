package broadcast.it;

import broadcast.it.Discovery.Failure;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static broadcast.it.FakeProviders.BROKEN;
import static broadcast.it.FakeProviders.DISK;
import static broadcast.it.FakeProviders.JSON_A;
import static broadcast.it.FakeProviders.JSON_B;
import static broadcast.it.FakeProviders.NAMELESS;
import static broadcast.it.FakeProviders.YAML;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Provider discovery with the modules on the module path: each test builds a layer of
 * {@code broadcast.api} and the provider modules it names, as {@code java -p ...} would.
 */
class ModulePathDiscoveryTest {

    private static final String NOT_FOUND = "broadcast.api.ProviderNotFoundException";

    private static FakeProviders fakes;

    @BeforeAll
    static void compileProviders() throws Exception {
        fakes = FakeProviders.shared();
    }

    @Test
    void theApiAloneHasTheMemoryStoreAndNoCodec() {
        Discovery d = Discovery.onModulePath(Jars.api());

        assertEquals(Set.of("memory"), d.storeNames());
        assertEquals(Set.of(), d.codecNames());
        assertEquals(List.of(), d.failures());
        assertEquals(0, d.openStore("memory"));
    }

    @Test
    void aCodecIsFoundByNameOnlyWhenItsModuleIsOnTheModulePath() {
        Discovery with = Discovery.onModulePath(Jars.api(), fakes.module(YAML));
        Discovery without = Discovery.onModulePath(Jars.api(), fakes.module(DISK));

        assertEquals(Set.of("yaml"), with.codecNames());
        assertEquals("yaml", with.codecProviderName("YAML"));
        assertEquals("yaml", with.codec("Yaml", Map.of("indent", "2")));
        assertEquals(Set.of(), without.codecNames());
        assertEquals(new Failure(NOT_FOUND, "no codec named \"yaml\"; available codecs: []"),
                without.codecLookupFailure("yaml"));
    }

    @Test
    void aStoreIsFoundByNameOnlyWhenItsModuleIsOnTheModulePath() {
        Discovery with = Discovery.onModulePath(Jars.api(), fakes.module(DISK));
        Discovery without = Discovery.onModulePath(Jars.api(), fakes.module(YAML));

        assertEquals(Set.of("disk", "memory"), with.storeNames(), "names are lower-cased");
        assertEquals("Disk", with.storeProviderName("disk"));
        assertEquals(0, with.openStore("DISK"));
        assertEquals(Set.of("memory"), without.storeNames());
        assertEquals(new Failure(NOT_FOUND, "no store named \"disk\"; available stores: [memory]"),
                without.storeLookupFailure("disk"));
    }

    @Test
    void anUnknownNameListsTheNamesFoundSorted() {
        Discovery d = Discovery.onModulePath(Jars.api(), fakes.module(YAML), fakes.module(JSON_A), fakes.module(DISK));

        assertEquals(List.of("json", "yaml"), List.copyOf(d.codecNames()));
        assertEquals(new Failure(NOT_FOUND, "no codec named \"xml\"; available codecs: [json, yaml]"),
                d.codecLookupFailure("xml"));
        assertEquals(new Failure(NOT_FOUND, "no store named \"h2\"; available stores: [disk, memory]"),
                d.storeLookupFailure("h2"));
    }

    @Test
    void aProviderThatFailsToLoadIsListedWithItsError() {
        Discovery d = Discovery.onModulePath(Jars.api(), fakes.module(YAML), fakes.module(BROKEN), fakes.module(NAMELESS));

        assertEquals(Set.of("yaml"), d.codecNames(), "the others still load");
        String broken = "it.codec.broken.BrokenCodecProvider (module it.codec.broken): "
                + "java.lang.IllegalStateException: broken on purpose";
        String nameless = "it.codec.nameless.NamelessCodecProvider (module it.codec.nameless): "
                + "java.lang.IllegalStateException: name() gave null";
        assertEquals(Set.of(broken, nameless), Set.copyOf(d.failures()));
        Failure f = d.codecLookupFailure("broken");
        assertEquals(NOT_FOUND, f.type());
        assertEquals("no codec named \"broken\"; available codecs: [yaml]; failed to load: "
                + String.join("; ", d.failures()), f.message());
    }

    @Test
    void twoProvidersWithOneNameIsAnErrorNamingBothModules() {
        Discovery d = Discovery.onModulePath(Jars.api(), fakes.module(JSON_A), fakes.module(JSON_B), fakes.module(YAML));

        assertEquals(Set.of("json", "yaml"), d.codecNames());
        assertEquals(new Failure(NOT_FOUND, "2 codec providers are named \"json\": "
                + "it.codec.jsona.JsonCodecProvider (module it.codec.jsona) and "
                + "it.codec.jsonb.JsonCodecProvider (module it.codec.jsonb); remove all but one from the module path and class path"),
                d.codecLookupFailure("Json"));
        assertEquals("yaml", d.codecProviderName("yaml"), "other names are not affected");
    }

    @Test
    void installedFindsTheProvidersOfTheApplicationsLayer() {
        Discovery d = Discovery.installedOnModulePath(Jars.api(), fakes.module(YAML), fakes.module(DISK));

        assertEquals(Set.of("yaml"), d.codecNames());
        assertEquals(Set.of("disk", "memory"), d.storeNames());
    }

    @Test
    void aReceivedPayloadIsDecodedByTheCodecOfItsContentTypeOnlyWhenItsModuleIsThere() {
        byte[] bytes = "a: 1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Discovery with = Discovery.installedOnModulePath(Jars.api(), fakes.module(YAML));
        Discovery without = Discovery.installedOnModulePath(Jars.api());

        assertEquals("a: 1", with.receivedData("application/yaml", bytes));
        assertEquals(new Failure("broadcast.api.spi.CodecException", "no codec for payload content type application/yaml "
                        + "is installed; add the module of a codec for application/yaml to the module path "
                        + "(the raw bytes are in message.payload())"),
                without.receivedDataFailure("application/yaml", bytes));
        assertEquals("text travels without a codec", without.receivedData("text/plain;charset=utf-8",
                "text travels without a codec".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void settingsAreCheckedByTheProviderFound() {
        Discovery d = Discovery.onModulePath(Jars.api(), fakes.module(YAML));

        assertEquals(new Failure("java.lang.IllegalArgumentException",
                        "codec \"yaml\" has no setting width; supported settings: [indent]"),
                d.codecFailure("yaml", Map.of("width", "80")));
    }

    @Test
    void aProviderModuleWithoutTheApiDoesNotResolve() {
        assertThrows(java.lang.module.FindException.class, () -> Discovery.onModulePath(fakes.module(YAML)));
    }
}
