package broadcast.it;

import broadcast.it.Discovery.Failure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.module.FindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's codec modules are found by name with their jars (and the libraries they need) on
 * the module path or the class path, and only then.
 */
class CodecModulesTest {

    private static final String NOT_FOUND = "broadcast.api.ProviderNotFoundException";
    private static final String CODEC_ERROR = "broadcast.api.spi.CodecException";

    private final List<Discovery> opened = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws Exception {
        for (Discovery d : opened) {
            d.close();
        }
    }

    // ---- json ---------------------------------------------------------------------------------

    @Test
    void jsonIsFoundOnTheModulePathOnlyWithItsJar() {
        assertFoundOnlyWithItsJar("json", Discovery::onModulePath, json(), jackson());
    }

    @Test
    void jsonWithoutJacksonDoesNotResolve() {
        FindException e = assertThrows(FindException.class, () -> Discovery.onModulePath(Jars.api(), json()));

        assertTrue(e.getMessage().matches("Module com\\.fasterxml\\.jackson\\.\\w+ not found, required by broadcast\\.codec\\.json"),
                e.getMessage());
    }

    @Test
    void jsonIsFoundOnTheClassPathOnlyWithItsJar() {
        assertFoundOnlyWithItsJar("json", this::onClassPath, json(), jackson());
    }

    @Test
    void aJsonPayloadIsDecodedWhereTheModuleIsAndNamesItWhereItIsNot() {
        Discovery sender = Discovery.installedOnModulePath(paths(Jars.api(), json(), jackson()));
        byte[] payload = sender.encode("json", Map.of("price", 12));
        Discovery without = Discovery.installedOnModulePath(Jars.api());

        assertEquals(Map.of("price", 12), sender.receivedData("application/json", payload));
        assertEquals(new Failure(CODEC_ERROR, "no codec for payload content type application/json is installed; add "
                        + "module broadcast.codec.json to the module path (the raw bytes are in message.payload())"),
                without.receivedDataFailure("application/json", payload));
    }

    @Test
    void jsonAndAnotherCodecNamedJsonIsAnErrorNamingBothModules() throws Exception {
        Path other = FakeProviders.shared().module(FakeProviders.JSON_B);
        Discovery d = Discovery.onModulePath(paths(Jars.api(), json(), other, jackson()));

        assertEquals(new Failure(NOT_FOUND, "2 codec providers are named \"json\": "
                + "broadcast.codec.json.internal.JsonCodecProvider (module broadcast.codec.json) and "
                + "it.codec.jsonb.JsonCodecProvider (module it.codec.jsonb); remove all but one from the module path "
                + "and class path"), d.codecLookupFailure("json"));
    }

    // ---- protobuf -----------------------------------------------------------------------------

    @Test
    void protobufIsFoundOnTheModulePathOnlyWithItsJar() {
        assertFoundOnlyWithItsJar("protobuf", Discovery::onModulePath, protobuf(), protobufJava());
    }

    @Test
    void protobufWithoutProtobufJavaDoesNotResolve() {
        FindException e = assertThrows(FindException.class, () -> Discovery.onModulePath(Jars.api(), protobuf()));

        assertEquals("Module com.google.protobuf not found, required by broadcast.codec.protobuf", e.getMessage());
    }

    @Test
    void protobufIsFoundOnTheClassPathOnlyWithItsJar() {
        assertFoundOnlyWithItsJar("protobuf", this::onClassPath, protobuf(), protobufJava());
    }

    @Test
    void aProtobufPayloadIsDecodedWhereTheModuleIsAndNamesItWhereItIsNot() {
        Discovery sender = Discovery.installedOnModulePath(paths(Jars.api(), protobuf(), protobufJava()));
        byte[] payload = sender.encode("protobuf", 42L);
        Discovery without = Discovery.installedOnModulePath(Jars.api());

        assertEquals(42L, sender.receivedData("application/x-protobuf", payload));
        assertEquals(new Failure(CODEC_ERROR, "no codec for payload content type application/x-protobuf is "
                        + "installed; add module broadcast.codec.protobuf to the module path "
                        + "(the raw bytes are in message.payload())"),
                without.receivedDataFailure("application/x-protobuf", payload));
    }

    // ---- all together -------------------------------------------------------------------------

    @Test
    void everyCodecModuleTogetherIsListedSorted() {
        Path[] all = paths(Jars.api(), json(), protobuf(), kryo(), protobufJava(), jackson(), kryoLibraries());

        Discovery loaded = Discovery.onModulePath(all);
        Discovery installed = Discovery.installedOnModulePath(all);
        Discovery classPath = onClassPath(all);

        for (Discovery d : List.of(loaded, installed, classPath)) {
            assertEquals(List.of("json", "kryo", "protobuf"), List.copyOf(d.codecNames()));
            assertEquals(Set.of("memory"), d.storeNames());
            assertEquals(List.of(), d.failures());
        }
        assertEquals("kryo", loaded.codec("KRYO", Map.of()));
    }

    /**
     * With the codec's jar and its libraries, the codec is listed and made by its name in any case;
     * with the libraries alone, the name is unknown.
     */
    private static void assertFoundOnlyWithItsJar(String name, Function<Path[], Discovery> path, Path jar,
                                                  Path... libraries) {
        Discovery with = path.apply(paths(Jars.api(), jar, libraries));
        Discovery without = path.apply(paths(Jars.api(), libraries));

        assertEquals(Set.of(name), with.codecNames());
        assertEquals(name, with.codecProviderName(name.toUpperCase(Locale.ROOT)));
        assertEquals(name, with.codec(name, Map.of()));
        assertEquals(List.of(), with.failures());
        assertEquals(new Failure(NOT_FOUND, "no codec named \"" + name + "\"; available codecs: []"),
                without.codecLookupFailure(name));
    }

    private static Path json() {
        return Jars.codec("json");
    }

    private static Path[] jackson() {
        return new Path[] {Jars.holding("com.fasterxml.jackson.core.JsonFactory"),
                Jars.holding("com.fasterxml.jackson.databind.ObjectMapper"),
                Jars.holding("com.fasterxml.jackson.annotation.JsonProperty")};
    }

    private static Path protobuf() {
        return Jars.codec("protobuf");
    }

    private static Path[] protobufJava() {
        return new Path[] {Jars.holding("com.google.protobuf.Message")};
    }

    private static Path kryo() {
        return Jars.codec("kryo");
    }

    private static Path[] kryoLibraries() {
        return new Path[] {Jars.holding("com.esotericsoftware.kryo.Kryo"), Jars.holding("com.esotericsoftware.minlog.Log"),
                Jars.holding("com.esotericsoftware.reflectasm.MethodAccess"), Jars.holding("org.objenesis.Objenesis")};
    }

    /** Paths and arrays of paths, flattened. */
    private static Path[] paths(Object... parts) {
        return Stream.of(parts)
                .flatMap(p -> p instanceof Path[] array ? Stream.of(array) : Stream.of((Path) p))
                .toArray(Path[]::new);
    }

    private Discovery onClassPath(Path[] entries) {
        Discovery d = Discovery.onClassPath(entries);
        opened.add(d);
        return d;
    }
}
