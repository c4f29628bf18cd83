package broadcast.codec.json.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast path for DATA headers reads the plain form as Jackson does and gives up on anything
 * else, so that the codec's results and errors stay Jackson's.
 */
class DataHeaderScannerTest {

    /** Printable ASCII without the quote and the backslash, which JSON escapes. */
    private static final String ASCII = " !#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~";
    private static final String OK = "\"id\":\"m\",\"persistent\":true,\"contentType\":\"x\"";

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());
    private final HeaderReader jackson = new HeaderReader(
            JsonFactories.create(JsonCodec.HEADER_MAX_NESTING_DEPTH, JsonCodec.HEADER_MAX_STRING_LENGTH));

    @Test
    void shouldReadEveryAsciiHeaderTheWriterWrites() throws IOException {
        RandomFrames frames = new RandomFrames(11);
        int plain = 0;
        for (int i = 0; i < 5000; i++) {
            Frame.Data frame = frames.data();
            byte[] bytes = encode(frame);
            Frame.Data scanned = scan(bytes);
            if (isPrintableAsciiWithoutEscapes(bytes)) {
                assertEquals(frame, scanned, () -> text(bytes));
                plain++;
            } else {
                assertNull(scanned, () -> text(bytes));
            }
        }
        assertTrue(plain > 500, "plain headers: " + plain);
    }

    @Test
    void shouldReadThePlainGoldenHeadersAndLeaveTheOthersToJackson() throws IOException {
        List<String> scanned = new ArrayList<>();
        for (JsonGoldenTest.Entry entry : JsonGoldenTest.entries()) {
            if (entry.form().endsWith("DATA")) {
                Frame.Data frame = scan(entry.bytes());
                if (frame != null) {
                    assertEquals(JsonGoldenTest.FRAMES.get(entry.name()), frame, entry.name());
                    scanned.add(entry.name());
                }
            }
        }
        assertEquals(List.of("data-minimal", "data-full", "data-record", "accept-nulls-spaces-order",
                "accept-null-optionals"), scanned);
    }

    @Test
    void shouldReadNumbersAtTheEdgesOfTheirRange() {
        assertScansAsJackson("{" + OK + ",\"expiresAt\":9223372036854775807,\"flags\":2147483647}");
        assertScansAsJackson("{" + OK + ",\"expiresAt\":-9223372036854775808,\"flags\":-2147483648}");
        assertScansAsJackson("{" + OK + ",\"expiresAt\":-0,\"flags\":0}");
        assertScansAsJackson("{" + OK + ",\"expiresAt\":0 , \"flags\" :\t7\n}\r\n ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{}",
        "[]",
        "{" + OK + ",}",
        "{" + OK + "}x",
        "{" + OK + "}{}",
        "{" + OK + ",\"expiresAt\":9223372036854775808}",
        "{" + OK + ",\"expiresAt\":-9223372036854775809}",
        "{" + OK + ",\"expiresAt\":99999999999999999999999}",
        "{" + OK + ",\"flags\":2147483648}",
        "{" + OK + ",\"flags\":-2147483649}",
        "{" + OK + ",\"flags\":1.0}",
        "{" + OK + ",\"flags\":1e2}",
        "{" + OK + ",\"flags\":01}",
        "{" + OK + ",\"flags\":-}",
        "{" + OK + ",\"flags\":+1}",
        "{" + OK + ",\"flags\":\"1\"}",
        "{" + OK + ",\"expiresAt\":1x}",
        "{" + OK + ",\"id\":\"again\"}",
        "{" + OK + ",\"unknown\":1}",
        "{" + OK + ",\"sender\":\"a\\\"b\"}",
        "{" + OK + ",\"sender\":\"\u00fc\"}",
        "{" + OK + ",\"sender\":\"tab\tinside\"}",
        "{" + OK + ",\"sender\":nul}",
        "{" + OK + ",\"sender\":nullx}",
        "{" + OK + ",\"sender\":1}",
        "{\"id\":null,\"persistent\":true,\"contentType\":\"x\"}",
        "{\"id\":\"m\",\"persistent\":null,\"contentType\":\"x\"}",
        "{\"id\":\"m\",\"persistent\":truex,\"contentType\":\"x\"}",
        "{\"id\":\"m\",\"persistent\":True,\"contentType\":\"x\"}",
        "{\"id\":\"m\",\"contentType\":\"x\"}",
        "{\"id\":\"m\",\"persistent\":false}",
        "{\"persistent\":false,\"contentType\":\"x\"}",
        "{\"i\\u0064\":\"m\",\"persistent\":false,\"contentType\":\"x\"}",
        "{\"id\" \"m\",\"persistent\":false,\"contentType\":\"x\"}",
        "{\"id\":\"m\" \"persistent\":false,\"contentType\":\"x\"}",
        "{\"id\":\"m\",\"persistent\":false,\"contentType\":\"x\"",
        "{\"id\":\"m\",\"persistent\":false,\"contentType\":\"x",
        "\u00a0{\"id\":\"m\",\"persistent\":false,\"contentType\":\"x\"}",
        "\ufeff{\"id\":\"m\",\"persistent\":false,\"contentType\":\"x\"}",
    })
    void shouldLeaveAnythingButThePlainFormToJackson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertNull(scan(bytes));
        assertCodecAgreesWithJackson(bytes);
    }

    @Test
    void shouldLeaveOverlongStringsToJackson() {
        String atLimit = "x".repeat(JsonCodec.HEADER_MAX_STRING_LENGTH);
        assertScansAsJackson("{\"id\":\"" + atLimit + "\",\"persistent\":true,\"contentType\":\"x\"}");
        byte[] over = ("{\"id\":\"" + atLimit + "x\",\"persistent\":true,\"contentType\":\"x\"}")
                .getBytes(StandardCharsets.US_ASCII);
        assertNull(scan(over));
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeHeader(FrameKind.DATA,
                ByteBuffer.wrap(over)));
        assertTrue(e.getMessage().startsWith("invalid DATA header: String value length"), e.getMessage());
    }

    /** Whatever the scanner reads from a mutated header, Jackson reads the same; what it leaves, Jackson decides. */
    @Test
    void shouldAgreeWithJacksonOnMutatedHeaders() throws IOException {
        Random random = new Random(0xDA7AL);
        List<byte[]> samples = new ArrayList<>();
        for (JsonGoldenTest.Entry entry : JsonGoldenTest.entries()) {
            if (entry.form().endsWith("DATA")) {
                samples.add(entry.bytes());
            }
        }
        RandomFrames frames = new RandomFrames(12);
        for (int i = 0; i < 200; i++) {
            samples.add(encode(frames.data()));
            samples.add(encode(asciiFrame(random)));
            samples.add(encode(asciiFrame(random)));
        }
        int scanned = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] mutant = JsonMutationTest.mutate(samples.get(random.nextInt(samples.size())), random);
            Frame.Data frame = scan(mutant);
            if (frame != null) {
                scanned++;
                assertEquals(jackson.readWithJackson(FrameKind.DATA, mutant, 0, mutant.length), frame,
                        () -> text(mutant));
            }
            if (i % 10 == 0) {
                assertCodecAgreesWithJackson(mutant);
            }
        }
        assertTrue(scanned > 3_000, "mutants read by the scanner: " + scanned);
    }

    @Test
    void shouldTellEightPlainBytesExactly() {
        Random random = new Random(8);
        for (int i = 0; i < 200_000; i++) {
            byte[] eight = new byte[8];
            for (int j = 0; j < 8; j++) {
                eight[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : (byte) (0x20 + random.nextInt(0x60));
            }
            long word = ByteBuffer.wrap(eight).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(isPrintableAsciiWithoutEscapes(eight) && !new String(eight, StandardCharsets.ISO_8859_1)
                    .contains("\""), DataHeaderScanner.plain(word), () -> java.util.HexFormat.of().formatHex(eight));
        }
    }

    @Test
    void shouldFindQuotesAndEscapesAtEveryPositionOfAString() {
        for (int at = 0; at < 24; at++) {
            for (String special : List.of("\"", "\\", "\u0001", "\u00e9", "\u007f")) {
                String value = "a".repeat(at) + special + "b".repeat(24 - at);
                String json = "{\"id\":\"" + value + "\",\"persistent\":true,\"contentType\":\"x\"}";
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                if (special.equals("\u007f")) {
                    assertScansAsJackson(json);
                } else {
                    assertNull(scan(bytes), json);
                    assertCodecAgreesWithJackson(bytes);
                }
            }
        }
    }

    @Test
    void shouldReadDirectBuffersAsArrays() throws IOException {
        byte[] plain = encode(new Frame.Data("id-1", "s", "c", "ch", "n", true, 5, "application/json", 1));
        byte[] escaped = encode(new Frame.Data("id-\u00fc", null, null, null, null, false, 0, "application/json", 0));
        for (byte[] bytes : List.of(plain, escaped)) {
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3).put(new byte[] {9, 9}).put(bytes).put((byte) 9);
            direct.position(2).limit(2 + bytes.length);
            assertEquals(codec.decodeHeader(FrameKind.DATA, ByteBuffer.wrap(bytes)),
                    codec.decodeHeader(FrameKind.DATA, direct));
        }
        ByteBuffer bad = ByteBuffer.allocateDirect(4).put("{}  ".getBytes(StandardCharsets.US_ASCII)).flip();
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeHeader(FrameKind.DATA, bad));
        assertEquals("invalid DATA header: field \"id\" is missing", e.getMessage());
        byte[] big = ("{" + OK + ",\"name\":\"" + "n".repeat(2000) + "\"}").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bigDirect = ByteBuffer.allocateDirect(big.length).put(big).flip();
        assertEquals("n".repeat(2000), ((Frame.Data) codec.decodeHeader(FrameKind.DATA, bigDirect)).name());
    }

    /** A DATA header of short ASCII strings and small numbers: the plain form, and mutations near it. */
    private static Frame.Data asciiFrame(Random random) {
        return new Frame.Data(ascii(random), random.nextBoolean() ? ascii(random) : null,
                random.nextBoolean() ? ascii(random) : null, random.nextBoolean() ? ascii(random) : null,
                random.nextBoolean() ? ascii(random) : null, random.nextBoolean(),
                random.nextBoolean() ? random.nextInt(2000) - 1000 : 0, "application/json", random.nextInt(4));
    }

    private static String ascii(Random random) {
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ASCII.charAt(random.nextInt(ASCII.length()));
        }
        return new String(chars);
    }

    private void assertScansAsJackson(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Frame.Data frame = scan(bytes);
        assertNotNull(frame, json);
        assertEquals(jackson.readWithJackson(FrameKind.DATA, bytes, 0, bytes.length), frame, json);
    }

    /** The codec (scanner first) and Jackson alone give the same frame, or the same error. */
    private void assertCodecAgreesWithJackson(byte[] bytes) {
        Object viaCodec;
        Object viaJackson;
        try {
            viaCodec = codec.decodeHeader(FrameKind.DATA, ByteBuffer.wrap(bytes));
        } catch (CodecException e) {
            viaCodec = e.getMessage();
        }
        try {
            viaJackson = jackson.readWithJackson(FrameKind.DATA, bytes, 0, bytes.length);
        } catch (CodecException e) {
            viaJackson = e.getMessage();
        }
        assertEquals(viaJackson, viaCodec, () -> text(bytes));
    }

    private static Frame.Data scan(byte[] bytes) {
        return DataHeaderScanner.scan(bytes, 0, bytes.length);
    }

    private byte[] encode(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encodeHeader(frame, out);
        return out.toByteArray();
    }

    private static boolean isPrintableAsciiWithoutEscapes(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b == '\\') {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
