package broadcast.it;

import broadcast.it.Discovery.Failure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.module.FindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The project's codec modules are found by name with their jars (and their libraries) on the path, and only then. */
class CodecModulesTest {

    private static final String NOT_FOUND = "broadcast.api.ProviderNotFoundException";
    private static final String PROTOBUF_TYPE = "application/x-protobuf";

    private final List<Discovery> opened = new ArrayList<>();

    @AfterEach
    void closeLoaders() throws Exception {
        for (Discovery d : opened) {
            d.close();
        }
    }

    @Test
    void protobufIsFoundOnTheModulePathWithProtobufJava() {
        Discovery with = Discovery.onModulePath(Jars.api(), protobuf(), protobufJava());
        Discovery without = Discovery.onModulePath(Jars.api(), protobufJava());

        assertEquals(Set.of("protobuf"), with.codecNames());
        assertEquals("protobuf", with.codec("Protobuf", Map.of()));
        assertEquals(new Failure(NOT_FOUND, "no codec named \"protobuf\"; available codecs: []"),
                without.codecLookupFailure("protobuf"));
    }

    @Test
    void protobufWithoutProtobufJavaDoesNotResolve() {
        FindException e = assertThrows(FindException.class, () -> Discovery.onModulePath(Jars.api(), protobuf()));

        assertEquals("Module com.google.protobuf not found, required by broadcast.codec.protobuf", e.getMessage());
    }

    @Test
    void protobufIsFoundOnTheClassPath() {
        Discovery with = onClassPath(Jars.api(), protobuf(), protobufJava());
        Discovery without = onClassPath(Jars.api(), protobufJava());

        assertEquals(Set.of("protobuf"), with.codecNames());
        assertEquals("protobuf", with.codec("protobuf", Map.of()));
        assertEquals(Set.of(), without.codecNames());
    }

    @Test
    void aProtobufPayloadIsDecodedWhereTheModuleIsAndNamesItWhereItIsNot() {
        Discovery sender = Discovery.installedOnModulePath(Jars.api(), protobuf(), protobufJava());
        byte[] payload = sender.encode("protobuf", 42L);
        Discovery without = Discovery.installedOnModulePath(Jars.api());

        assertEquals(42L, sender.receivedData(PROTOBUF_TYPE, payload));
        assertEquals(new Failure("broadcast.api.spi.CodecException", "no codec for payload content type "
                        + PROTOBUF_TYPE + " is installed; add module broadcast.codec.protobuf to the module path "
                        + "(the raw bytes are in message.payload())"),
                without.receivedDataFailure(PROTOBUF_TYPE, payload));
    }

    private static Path protobuf() {
        return Jars.codec("protobuf");
    }

    private static Path protobufJava() {
        return Jars.holding("com.google.protobuf.Message");
    }

    private Discovery onClassPath(Path... entries) {
        Discovery d = Discovery.onClassPath(entries);
        opened.add(d);
        return d;
    }
}
