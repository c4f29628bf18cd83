package broadcast.codec.json.internal;

import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Field names from the network must not pile up in the symbol table that every parser of the
 * header factory shares: a peer sending junk names would otherwise make every later header with a
 * new name copy a growing table.
 */
class HeaderReaderSymbolTableTest {

    /** The codec's header factory, with a look at its shared symbol table. */
    static final class Probe extends JsonFactory {
        private static final long serialVersionUID = 1L;

        Probe() {
            super(JsonFactories.builder(JsonCodec.HEADER_MAX_NESTING_DEPTH, JsonCodec.HEADER_MAX_STRING_LENGTH));
        }

        int sharedNames() {
            return _byteSymbolCanonicalizer.size();
        }
    }

    @Test
    void unknownFieldNamesNeverReachTheSharedTable() throws IOException {
        Probe factory = new Probe();
        HeaderReader reader = new HeaderReader(factory);
        for (JsonGoldenTest.Entry entry : JsonGoldenTest.entries()) {
            if (!entry.form().equals("payload") && !entry.name().startsWith("accept-unknown")) {
                reader.read(FrameKind.valueOf(entry.form().replace("accepts:", "")), ByteBuffer.wrap(entry.bytes()));
            }
        }
        int known = factory.sharedNames();

        for (int i = 0; i < 5000; i++) {
            Frame frame = reader.read(FrameKind.DATA, utf8("{\"junk" + i + "\":{\"deeper" + i
                    + "\":1},\"id\":\"m\",\"persistent\":true,\"contentType\":\"x\"}"));
            assertEquals("m", ((Frame.Data) frame).id());
            assertThrows(CodecException.class, () -> reader.read(FrameKind.ACK, utf8("{\"broken" + "\":[")));
        }
        assertEquals(known, factory.sharedNames());

        // the probe sees a name that a plain, closed parser adds
        try (JsonParser p = factory.createParser("{\"anotherName\":1}".getBytes(StandardCharsets.UTF_8))) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
        }
        assertEquals(known + 1, factory.sharedNames());
    }

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
