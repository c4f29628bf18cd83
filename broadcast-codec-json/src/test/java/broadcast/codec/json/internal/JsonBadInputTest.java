package broadcast.codec.json.internal;

import broadcast.api.ErrorCode;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad headers and data: each gives a {@link CodecException} whose message says what is wrong. */
class JsonBadInputTest {

    private static final String OK_DATA = "\"id\":\"m\",\"persistent\":true,\"contentType\":\"application/json\"";

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());

    @Test
    void everyTruncationOfAGoldenHeaderOrPayloadIsRefused() throws IOException {
        int cases = 0;
        for (JsonGoldenTest.Entry entry : JsonGoldenTest.entries()) {
            byte[] bytes = entry.bytes();
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] == ' ') {
                end--; // a cut inside trailing whitespace still holds the whole object
            }
            for (int length = 0; length < end; length++) {
                ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(bytes, length));
                if (entry.form().equals("payload")) {
                    assertThrows(CodecException.class, () -> codec.decodeData(cut), entry.name() + " cut at " + length);
                } else {
                    FrameKind kind = FrameKind.valueOf(entry.form().replace("accepts:", ""));
                    CodecException e = assertThrows(CodecException.class, () -> codec.decodeHeader(kind, cut),
                            entry.name() + " cut at " + length);
                    assertTrue(e.getMessage().startsWith("invalid " + kind + " header: "), e.getMessage());
                }
                cases++;
            }
        }
        assertTrue(cases > 2000, "cases: " + cases);
    }

    @Test
    void truncatedHeadersSayTheInputEnded() {
        assertMessage(FrameKind.DATA, "{" + OK_DATA, "invalid DATA header: Unexpected end-of-input");
        assertMessage(FrameKind.DATA, "", "invalid DATA header: must be a JSON object, was the end of the input");
    }

    @Test
    void randomGarbageIsRefusedForEveryKind() {
        Random random = new Random(7);
        FrameKind[] kinds = {FrameKind.DATA, FrameKind.SUBSCRIBE, FrameKind.UNSUBSCRIBE, FrameKind.SUBACK,
            FrameKind.ACK, FrameKind.OUTCOME, FrameKind.ERROR};
        for (int i = 0; i < 5000; i++) {
            byte[] garbage = new byte[1 + random.nextInt(64)];
            random.nextBytes(garbage);
            if (garbage[0] == '{') {
                garbage[0] = '#';
            }
            FrameKind kind = kinds[i % kinds.length];
            assertThrows(CodecException.class, () -> codec.decodeHeader(kind, ByteBuffer.wrap(garbage)));
            if (garbage[0] != '[' && garbage[0] != '"' && garbage[0] != '-' && !Character.isDigit(garbage[0])
                    && !Character.isWhitespace(garbage[0])) {
                assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(garbage)));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "DATA | {\"id\":\"m\",\"persistent\":\"yes\",\"contentType\":\"x\"} | field \"persistent\" must be true or false, was the string \"yes\"",
        "DATA | {\"id\":5,\"persistent\":true,\"contentType\":\"x\"} | field \"id\" must be a string, was the number 5",
        "DATA | {\"id\":null,\"persistent\":true,\"contentType\":\"x\"} | field \"id\" must be a string, was null",
        "DATA | {\"id\":\"m\",\"persistent\":true,\"contentType\":{}} | field \"contentType\" must be a string, was an object",
        "DATA | {\"id\":\"m\",\"sender\":[],\"persistent\":true,\"contentType\":\"x\"} | field \"sender\" must be a string, was an array",
        "DATA | {\"id\":\"m\",\"persistent\":1,\"contentType\":\"x\"} | field \"persistent\" must be true or false, was the number 1",
        "DATA | {\"id\":\"m\",\"persistent\":true,\"expiresAt\":\"soon\",\"contentType\":\"x\"} | field \"expiresAt\" must be a whole number, was the string \"soon\"",
        "DATA | {\"id\":\"m\",\"persistent\":true,\"flags\":1.5,\"contentType\":\"x\"} | field \"flags\" must be a whole number, was the number 1.5",
        "DATA | {\"id\":\"m\",\"persistent\":true,\"flags\":4294967296,\"contentType\":\"x\"} | field \"flags\" is out of range, was 4294967296",
        "DATA | {\"id\":\"m\",\"persistent\":true,\"expiresAt\":9223372036854775808,\"contentType\":\"x\"} | field \"expiresAt\" is out of range, was 9223372036854775808",
        "SUBSCRIBE | {\"requestId\":1,\"channels\":\"a\"} | field \"channels\" must be an array, was the string \"a\"",
        "SUBSCRIBE | {\"requestId\":1,\"channels\":[\"a\",1]} | field \"channels[1]\" must be a string, was the number 1",
        "UNSUBSCRIBE | {\"requestId\":1,\"channels\":[null]} | field \"channels[0]\" must be a string, was null",
        "SUBSCRIBE | {\"requestId\":\"1\",\"channels\":[]} | field \"requestId\" must be a whole number, was the string \"1\"",
        "SUBACK | {\"requestId\":1,\"refused\":[1]} | field \"refused[0]\" must be an object, was the number 1",
        "SUBACK | {\"requestId\":1,\"refused\":[{\"channel\":\"a\",\"code\":\"NOPE\"}]} | field \"code\" has an unknown value \"NOPE\"",
        "ACK | {\"ids\":{}} | field \"ids\" must be an array, was an object",
        "OUTCOME | {\"outcomes\":[{\"id\":\"a\",\"status\":\"LOST\"}]} | field \"status\" has an unknown value \"LOST\"",
        "OUTCOME | {\"outcomes\":[{\"id\":\"a\",\"status\":\"DELIVERED\",\"reason\":\"EXPIRED\"}]} | field \"outcomes[0].reason\" must be present exactly when the status is NOT_DELIVERED, status was DELIVERED",
        "OUTCOME | {\"outcomes\":[{\"id\":\"a\",\"status\":\"NOT_DELIVERED\"}]} | field \"outcomes[0].reason\" must be present exactly when the status is NOT_DELIVERED, status was NOT_DELIVERED",
        "OUTCOME | {\"outcomes\":{}} | field \"outcomes\" must be an array, was an object",
        "ERROR | {\"code\":3} | field \"code\" must be a string, was the number 3",
        "ERROR | {\"code\":\"CODEC_ERROR\",\"message\":false} | field \"message\" must be a string, was false",
        "DATA | [] | must be a JSON object, was an array",
        "DATA | \"x\" | must be a JSON object, was the string \"x\"",
        "ACK | null | must be a JSON object, was null",
        "ACK | 12 | must be a JSON object, was the number 12",
    })
    void aFieldOfTheWrongTypeIsNamedWithTheValueFound(FrameKind kind, String json, String message) {
        assertMessage(kind, json, "invalid " + kind + " header: " + message);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "DATA | {\"persistent\":true,\"contentType\":\"x\"} | id",
        "DATA | {\"id\":\"m\",\"persistent\":true} | contentType",
        "DATA | {\"id\":\"m\",\"contentType\":\"x\"} | persistent",
        "SUBSCRIBE | {\"channels\":[]} | requestId",
        "UNSUBSCRIBE | {\"requestId\":1} | channels",
        "SUBACK | {} | requestId",
        "SUBACK | {\"requestId\":1,\"refused\":[{\"code\":\"FORBIDDEN\"}]} | refused[0].channel",
        "SUBACK | {\"requestId\":1,\"refused\":[{\"channel\":\"a\"}]} | refused[0].code",
        "ACK | {} | ids",
        "OUTCOME | {} | outcomes",
        "OUTCOME | {\"outcomes\":[{\"status\":\"QUEUED\"}]} | outcomes[0].id",
        "OUTCOME | {\"outcomes\":[{\"id\":\"a\"},{}]} | outcomes[0].status",
        "ERROR | {\"message\":\"m\"} | code",
    })
    void aMissingRequiredFieldIsNamed(FrameKind kind, String json, String field) {
        assertMessage(kind, json, "invalid " + kind + " header: field \"" + field + "\" is missing");
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        assertMessage(FrameKind.DATA, "{" + OK_DATA + ",\"id\":\"n\"}", "invalid DATA header: field \"id\" appears twice");
        assertMessage(FrameKind.ACK, "{\"ids\":[],\"ids\":[\"a\"]}", "invalid ACK header: field \"ids\" appears twice");
        // unknown fields are skipped, however often they come
        assertEquals("m", data("{" + OK_DATA + ",\"x\":1,\"x\":[2]}").id());
    }

    @Test
    void dataAfterTheObjectIsRefused() {
        int end = OK_DATA.length() + 2;
        assertMessage(FrameKind.DATA, "{" + OK_DATA + "}{}", "invalid DATA header: unexpected data after the object "
                + "at byte " + end);
        assertMessage(FrameKind.DATA, "{" + OK_DATA + "} \t\r\n1", "invalid DATA header: unexpected data after the "
                + "object at byte " + (end + 4));
        assertMessage(FrameKind.DATA, "{" + OK_DATA + "}x", "invalid DATA header: unexpected data after the object");
        assertMessage(FrameKind.DATA, "{" + OK_DATA + "}\u0000", "invalid DATA header: unexpected data after the object");
        assertEquals("m", data("{" + OK_DATA + "} \t\r\n").id());
        // the same from a buffer that starts inside a larger array
        byte[] padded = ("xx{" + OK_DATA + "} 1yy").getBytes(StandardCharsets.UTF_8);
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeHeader(FrameKind.DATA,
                ByteBuffer.wrap(padded, 2, padded.length - 4).slice()));
        assertEquals("invalid DATA header: unexpected data after the object at byte " + (end + 1), e.getMessage());
        CodecException offset = assertThrows(CodecException.class, () -> codec.decodeHeader(FrameKind.DATA,
                ByteBuffer.wrap(padded, 2, padded.length - 4)));
        assertEquals(e.getMessage(), offset.getMessage());
        assertDataMessage("[1,2] 3", "cannot decode JSON data as java.lang.Object: Trailing token");
    }

    @Test
    void nonStandardJsonIsRefused() {
        assertMessage(FrameKind.DATA, "{'id':'m'}", "invalid DATA header: Unexpected character (''' (code 39)): "
                + "was expecting double-quote to start field name (byte 1)");
        assertMessage(FrameKind.DATA, "{" + OK_DATA + ",}", "invalid DATA header: Unexpected character ('}'");
        assertMessage(FrameKind.DATA, "{/*c*/" + OK_DATA + "}", "invalid DATA header: Unexpected character ('/'");
        assertMessage(FrameKind.DATA, "{id:\"m\"}", "invalid DATA header: Unexpected character ('i'");
        assertDataMessage("NaN", "cannot decode JSON data as java.lang.Object: Non-standard token 'NaN'");
        assertDataMessage("[01]", "cannot decode JSON data as java.lang.Object: Invalid numeric value: Leading zeroes");
    }

    @Test
    void overDeepNestingIsRefusedWithoutAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertMessage(FrameKind.DATA, deep, "invalid DATA header: must be a JSON object, was an array");
        assertMessage(FrameKind.DATA, "{" + OK_DATA + ",\"x\":" + deep,
                "invalid DATA header: Document nesting depth (17) exceeds the maximum allowed (16");
        assertMessage(FrameKind.DATA, "{\"x\":" + "{\"x\":".repeat(100_000),
                "invalid DATA header: Document nesting depth (17) exceeds the maximum allowed (16");
        assertDataMessage(deep, "cannot decode JSON data as java.lang.Object: Document nesting depth (257) exceeds "
                + "the maximum allowed (256");
        assertDataMessage("{\"a\":".repeat(100_000), "the codec setting max-nesting-depth sets the limit");
        CodecException typed = assertThrows(CodecException.class,
                () -> codec.decodeData(utf8(deep + "]".repeat(100_000)), List.class));
        assertTrue(typed.getMessage().contains("nesting depth"), typed.getMessage());
    }

    @Test
    void hugeNumbersAreRefusedOrKeptExactlyWithoutHanging() {
        assertMessage(FrameKind.DATA, "{" + OK_DATA + ",\"expiresAt\":" + "9".repeat(100_000) + "}",
                "invalid DATA header: Number value length (100000) exceeds the maximum allowed (1000");
        assertDataMessage("9".repeat(100_000), "cannot decode JSON data as java.lang.Object: Number value length");
        assertEquals(new BigInteger("9".repeat(1000)), codec.decodeData(utf8("9".repeat(1000))));
        // a huge exponent is a small BigDecimal; turning it into an integer type is refused, not computed
        assertEquals(new java.math.BigDecimal("1e999999999"), codec.decodeData(utf8("1e999999999")));
        CodecException big = assertThrows(CodecException.class,
                () -> codec.decodeData(utf8("1e999999999"), BigInteger.class));
        assertTrue(big.getMessage().startsWith("cannot decode JSON data as java.math.BigInteger: "), big.getMessage());
        CodecException exact = assertThrows(CodecException.class, () -> codec.decodeData(utf8("1e999999999"), long.class));
        assertTrue(exact.getMessage().contains("out of range of long"), exact.getMessage());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[][] bad = {
            {'"', (byte) 0x80, '"'},                              // a continuation byte alone
            {'"', (byte) 0xC3, '"'},                              // a two-byte sequence cut short
            {'"', (byte) 0xC0, (byte) 0xAF, '"'},                  // an overlong '/'
            {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},     // an encoded surrogate
            {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // beyond U+10FFFF
            {'"', (byte) 0xFF, '"'},
        };
        for (byte[] value : bad) {
            byte[] header = concat("{\"id\":", value, ",\"persistent\":true,\"contentType\":\"x\"}");
            CodecException e = assertThrows(CodecException.class,
                    () -> codec.decodeHeader(FrameKind.DATA, ByteBuffer.wrap(header)), Arrays.toString(value));
            assertTrue(e.getMessage().startsWith("invalid DATA header: Invalid UTF-8"), e.getMessage());
            CodecException d = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(value)));
            assertTrue(d.getMessage().startsWith("cannot decode JSON data as java.lang.Object: Invalid UTF-8")
                    || d.getMessage().startsWith("cannot decode JSON data as java.lang.Object: not UTF-8 JSON"),
                    d.getMessage());
        }
    }

    @Test
    void utf16AndUtf32AreRefused() {
        byte[] utf16 = ("{" + OK_DATA + "}").getBytes(StandardCharsets.UTF_16BE);
        assertMessage(FrameKind.DATA, utf16, "invalid DATA header: not UTF-8 JSON: byte 0 is 0x0");
        byte[] withBom = ("{" + OK_DATA + "}").getBytes(StandardCharsets.UTF_16);
        assertMessage(FrameKind.DATA, withBom, "invalid DATA header: not UTF-8 JSON: byte 0 is 0xfe");
        byte[] utf16le = "{}".getBytes(StandardCharsets.UTF_16LE);
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(utf16le)));
        assertEquals("cannot decode JSON data as java.lang.Object: not UTF-8 JSON: byte 1 is 0x0", e.getMessage());
        ByteBuffer direct = ByteBuffer.allocateDirect(utf16le.length).put(utf16le).flip();
        assertThrows(CodecException.class, () -> codec.decodeData(direct));
    }

    @Test
    void unpairedSurrogatesAreRefusedBothWays() throws IOException {
        assertMessage(FrameKind.DATA, "{\"id\":\"a\\ud800b\",\"persistent\":true,\"contentType\":\"x\"}",
                "invalid DATA header: field \"id\" has an unpaired surrogate at index 1");
        assertMessage(FrameKind.SUBSCRIBE, "{\"requestId\":1,\"channels\":[\"\\udc00\"]}",
                "invalid SUBSCRIBE header: field \"channels\" has an unpaired surrogate at index 0");
        Frame.Data bad = new Frame.Data("m", null, null, "ok\ud83d", null, true, 0, "application/json", 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CodecException e = assertThrows(CodecException.class, () -> codec.encodeHeader(bad, out));
        assertEquals("cannot encode DATA header: field \"channel\" has an unpaired surrogate at index 2, "
                + "which UTF-8 cannot hold", e.getMessage());
        assertEquals(0, out.size(), "nothing written on failure");
    }

    @Test
    void absurdStringLengthsAreRefusedInHeaders() {
        String longId = "x".repeat(JsonCodec.HEADER_MAX_STRING_LENGTH + 1);
        assertMessage(FrameKind.DATA, "{\"id\":\"" + longId + "\",\"persistent\":true,\"contentType\":\"x\"}",
                "invalid DATA header: String value length");
        String atLimit = "x".repeat(JsonCodec.HEADER_MAX_STRING_LENGTH);
        assertEquals(atLimit, data("{\"id\":\"" + atLimit + "\",\"persistent\":true,\"contentType\":\"x\"}").id());
    }

    @Test
    void pingAndPongRefuseHeaderBytes() {
        CodecException e = assertThrows(CodecException.class,
                () -> codec.decodeHeader(FrameKind.PING, ByteBuffer.wrap(new byte[3])));
        assertEquals("invalid PING header: a PING frame has no header, got 3 bytes", e.getMessage());
    }

    @Test
    void emptyOrBlankDataIsRefused() {
        assertDataMessage("", "cannot decode JSON data as java.lang.Object: No content to map due to end-of-input");
        assertDataMessage("  ", "cannot decode JSON data as java.lang.Object: No content to map due to end-of-input");
    }

    @Test
    void anErrorFrameWithAnUnknownCodeNamesIt() {
        assertMessage(FrameKind.ERROR, "{\"code\":\"TOO_SPICY\"}",
                "invalid ERROR header: field \"code\" has an unknown value \"TOO_SPICY\"");
        assertEquals(new Frame.Error(ErrorCode.FORBIDDEN, ""),
                codec.decodeHeader(FrameKind.ERROR, utf8("{\"code\":\"FORBIDDEN\",\"message\":null}")));
    }

    private Frame.Data data(String json) {
        return (Frame.Data) codec.decodeHeader(FrameKind.DATA, utf8(json));
    }

    private void assertMessage(FrameKind kind, String json, String expectedStart) {
        assertMessage(kind, json.getBytes(StandardCharsets.UTF_8), expectedStart);
    }

    private void assertMessage(FrameKind kind, byte[] bytes, String expectedStart) {
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeHeader(kind, ByteBuffer.wrap(bytes)));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "expected: " + expectedStart + "\nactual:   "
                + e.getMessage());
        assertEquals(Optional.of(ErrorCode.CODEC_ERROR), e.code());
    }

    private void assertDataMessage(String json, String expected) {
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeData(utf8(json)));
        assertTrue(e.getMessage().startsWith(expected) || e.getMessage().contains(expected),
                () -> "expected: " + expected + "\nactual:   " + e.getMessage());
    }

    private static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.US_ASCII);
        byte[] c = after.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(a, a.length + middle.length + c.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }
}
