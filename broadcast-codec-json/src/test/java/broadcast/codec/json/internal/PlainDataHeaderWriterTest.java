package broadcast.codec.json.internal;

import broadcast.api.spi.Frame;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain writer writes DATA headers byte for byte as Jackson does, and only those with plain strings. */
class PlainDataHeaderWriterTest {

    private final HeaderWriter writer = new HeaderWriter(
            JsonFactories.create(JsonCodec.HEADER_MAX_NESTING_DEPTH, JsonCodec.HEADER_MAX_STRING_LENGTH));

    @Test
    void shouldWriteWhatJacksonWrites() throws IOException {
        Random random = new Random(5);
        RandomFrames frames = new RandomFrames(6);
        int plain = 0;
        for (int i = 0; i < 5000; i++) {
            Frame.Data frame = i % 2 == 0 ? frames.data() : asciiFrame(random);
            byte[] jackson = bytes(frame, false);
            assertArrayEquals(jackson, bytes(frame, true), frame::toString);
            if (PlainDataHeaderWriter.write(frame, new HeaderBuffer())) {
                plain++;
            }
        }
        assertTrue(plain > 1000, "written without Jackson: " + plain);
    }

    @Test
    void shouldLeaveStringsWithEscapesOrNonAsciiToJackson() throws IOException {
        for (String s : List.of("a\"b", "a\\b", "tab\t", "\u0000", "\u001f", "\u00e9", "\ud83d\udcc8", "\u0080")) {
            Frame.Data frame = new Frame.Data("id", null, null, s, null, false, 0, "application/json", 0);
            assertFalse(PlainDataHeaderWriter.write(frame, new HeaderBuffer()), s);
            assertArrayEquals(bytes(frame, false), bytes(frame, true), s);
        }
        Frame.Data edges = new Frame.Data(" ~\u007f", "", "", "", "", true, Long.MIN_VALUE, "", Integer.MIN_VALUE);
        assertTrue(PlainDataHeaderWriter.write(edges, new HeaderBuffer()));
        assertArrayEquals(bytes(edges, false), bytes(edges, true));
    }

    private static Frame.Data asciiFrame(Random random) {
        return new Frame.Data(ascii(random), random.nextBoolean() ? ascii(random) : null,
                random.nextBoolean() ? ascii(random) : null, random.nextBoolean() ? ascii(random) : null,
                random.nextBoolean() ? ascii(random) : null, random.nextBoolean(),
                random.nextBoolean() ? random.nextLong() : 0, ascii(random), random.nextBoolean() ? random.nextInt() : 0);
    }

    private static String ascii(Random random) {
        char[] chars = new char[random.nextInt(30)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (0x20 + random.nextInt(0x60));
        }
        return new String(chars);
    }

    private byte[] bytes(Frame.Data frame, boolean plainFirst) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (plainFirst) {
            writer.write(frame, out);
        } else {
            writer.writeWithJackson(frame, out);
        }
        return out.toByteArray();
    }
}
