package broadcast.codec.json.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast paths for ACK and OUTCOME headers: the plain writer writes what Jackson writes, and the
 * scanner reads the plain form as Jackson does and gives up on anything else, so that the codec's
 * results and errors stay Jackson's.
 */
class ListHeadersTest {

    /** Printable ASCII without the quote and the backslash, which JSON escapes. */
    private static final String ASCII = " !#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~";

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());
    private final HeaderWriter writer = new HeaderWriter(
            JsonFactories.create(JsonCodec.HEADER_MAX_NESTING_DEPTH, JsonCodec.HEADER_MAX_STRING_LENGTH));
    private final HeaderReader jackson = new HeaderReader(
            JsonFactories.create(JsonCodec.HEADER_MAX_NESTING_DEPTH, JsonCodec.HEADER_MAX_STRING_LENGTH));

    @Test
    void shouldWriteWhatJacksonWrites() throws IOException {
        Random random = new Random(3);
        RandomFrames frames = new RandomFrames(4);
        int plain = 0;
        for (int i = 0; i < 5000; i++) {
            FrameKind kind = i % 2 == 0 ? FrameKind.ACK : FrameKind.OUTCOME;
            Frame frame = i % 4 < 2 ? frames.frame(kind) : asciiFrame(kind, random);
            byte[] viaJackson = bytes(frame, false);
            assertArrayEquals(viaJackson, bytes(frame, true), frame::toString);
            HeaderBuffer buffer = new HeaderBuffer();
            if (frame instanceof Frame.Ack ack ? PlainListHeaderWriter.write(ack, buffer)
                    : PlainListHeaderWriter.write((Frame.Outcomes) frame, buffer)) {
                plain++;
            }
        }
        assertTrue(plain > 2000, "written without Jackson: " + plain);
    }

    @Test
    void shouldLeaveStringsWithEscapesOrNonAsciiToJackson() throws IOException {
        for (String s : List.of("a\"b", "a\\b", "tab\t", "\u0000", "\u00e9", "\ud83d\udcc8")) {
            Frame.Outcomes outcomes = new Frame.Outcomes(List.of(Outcome.delivered("a"),
                    Outcome.notDelivered("b", Outcome.Reason.OTHER, s)));
            assertFalse(PlainListHeaderWriter.write(outcomes, new HeaderBuffer()), s);
            assertArrayEquals(bytes(outcomes, false), bytes(outcomes, true), s);
            Frame.Ack ack = new Frame.Ack(List.of("a", s));
            assertFalse(PlainListHeaderWriter.write(ack, new HeaderBuffer()), s);
            assertArrayEquals(bytes(ack, false), bytes(ack, true), s);
        }
    }

    @Test
    void shouldReadEveryAsciiHeaderTheWriterWrites() throws IOException {
        Random random = new Random(5);
        int scanned = 0;
        for (int i = 0; i < 5000; i++) {
            FrameKind kind = i % 2 == 0 ? FrameKind.ACK : FrameKind.OUTCOME;
            Frame frame = asciiFrame(kind, random);
            byte[] bytes = bytes(frame, true);
            Frame read = ListHeaderScanner.scan(kind, bytes, 0, bytes.length);
            assertNotNull(read, () -> text(bytes));
            assertEquals(frame, read, () -> text(bytes));
            scanned++;
        }
        assertEquals(5000, scanned);
    }

    @Test
    void shouldReadWhitespaceAnyFieldOrderAndUnknownReasonsAsJacksonDoes() {
        for (String json : List.of(
                " { \"ids\" : [ \"a\" , \"b\" ] } \n",
                "{\"ids\":[]}",
                "{\"outcomes\":[]}",
                "{\"outcomes\":[{\"status\":\"QUEUED\",\"id\":\"x\"}]}",
                "{\"outcomes\":[ {\"detail\":\"d\", \"reason\":\"SOMETHING_NEW\",\"id\":\"x\",\"status\":\"NOT_DELIVERED\"} ]}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            FrameKind kind = json.contains("ids") ? FrameKind.ACK : FrameKind.OUTCOME;
            Frame read = ListHeaderScanner.scan(kind, bytes, 0, bytes.length);
            assertNotNull(read, json);
            assertEquals(jackson.readWithJackson(kind, bytes, 0, bytes.length), read, json);
        }
    }

    @Test
    void shouldLeaveAnythingButThePlainFormToJackson() {
        for (String json : List.of(
                "{\"ids\":[\"a\",null]}",
                "{\"ids\":[\"a\\u0041\"]}",
                "{\"ids\":[\"a\"],\"x\":1}",
                "{\"ids\":[\"a\"],\"ids\":[\"b\"]}",
                "{\"ids\":[\"a\",]}",
                "{\"ids\":[\"a\"]}x",
                "{\"outcomes\":[{\"id\":\"x\",\"status\":\"DELIVERED\",\"reason\":\"OTHER\"}]}",
                "{\"outcomes\":[{\"id\":\"x\",\"status\":\"NOT_DELIVERED\"}]}",
                "{\"outcomes\":[{\"id\":\"x\",\"status\":\"LOST\"}]}",
                "{\"outcomes\":[{\"id\":\"x\",\"id\":\"y\",\"status\":\"QUEUED\"}]}",
                "{\"outcomes\":[{\"id\":\"x\",\"status\":\"QUEUED\",\"detail\":null}]}",
                "{\"outcomes\":[{\"id\":\"x\"}]}")) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            FrameKind kind = json.contains("ids") ? FrameKind.ACK : FrameKind.OUTCOME;
            assertNull(ListHeaderScanner.scan(kind, bytes, 0, bytes.length), json);
            assertCodecAgreesWithJackson(kind, bytes);
        }
    }

    /** Whatever the scanner reads from a mutated header, Jackson reads the same; what it leaves, Jackson decides. */
    @Test
    void shouldAgreeWithJacksonOnMutatedHeaders() throws IOException {
        Random random = new Random(0xAC4L);
        RandomFrames frames = new RandomFrames(13);
        List<byte[]> acks = new ArrayList<>();
        List<byte[]> outcomes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            acks.add(bytes(i % 2 == 0 ? frames.frame(FrameKind.ACK) : asciiFrame(FrameKind.ACK, random), true));
            outcomes.add(bytes(i % 2 == 0 ? frames.frame(FrameKind.OUTCOME) : asciiFrame(FrameKind.OUTCOME, random),
                    true));
        }
        int scanned = 0;
        for (int i = 0; i < 100_000; i++) {
            FrameKind kind = i % 2 == 0 ? FrameKind.ACK : FrameKind.OUTCOME;
            List<byte[]> samples = kind == FrameKind.ACK ? acks : outcomes;
            byte[] mutant = JsonMutationTest.mutate(samples.get(random.nextInt(samples.size())), random);
            Frame frame = ListHeaderScanner.scan(kind, mutant, 0, mutant.length);
            if (frame != null) {
                scanned++;
                assertEquals(jackson.readWithJackson(kind, mutant, 0, mutant.length), frame, () -> text(mutant));
            }
            if (i % 10 == 0) {
                assertCodecAgreesWithJackson(kind, mutant);
            }
        }
        assertTrue(scanned > 3_000, "mutants read by the scanner: " + scanned);
    }

    @Test
    void shouldReadDirectBuffersAsArrays() throws IOException {
        Frame frame = new Frame.Outcomes(List.of(Outcome.delivered("id-1"),
                Outcome.notDelivered("id-2", Outcome.Reason.NO_RECIPIENT, "nobody")));
        byte[] bytes = bytes(frame, true);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 3).put(new byte[] {9, 9}).put(bytes).put((byte) 9);
        direct.position(2).limit(2 + bytes.length);
        assertEquals(frame, codec.decodeHeader(FrameKind.OUTCOME, direct));
        assertEquals(direct.limit(), direct.position());
    }

    /** An ACK or OUTCOME of short ASCII strings: the plain form. */
    private static Frame asciiFrame(FrameKind kind, Random random) {
        if (kind == FrameKind.ACK) {
            List<String> ids = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                ids.add(ascii(random));
            }
            return new Frame.Ack(ids);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            Outcome.Status status = Outcome.Status.values()[random.nextInt(3)];
            Outcome.Reason reason = status == Outcome.Status.NOT_DELIVERED
                    ? Outcome.Reason.values()[random.nextInt(Outcome.Reason.values().length)] : null;
            outcomes.add(new Outcome(ascii(random), status, reason, random.nextBoolean() ? ascii(random) : ""));
        }
        return new Frame.Outcomes(outcomes);
    }

    private static String ascii(Random random) {
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ASCII.charAt(random.nextInt(ASCII.length()));
        }
        return new String(chars);
    }

    /** The codec (scanner first) and Jackson alone give the same frame, or the same error. */
    private void assertCodecAgreesWithJackson(FrameKind kind, byte[] bytes) {
        Object viaCodec;
        Object viaJackson;
        try {
            viaCodec = codec.decodeHeader(kind, ByteBuffer.wrap(bytes));
        } catch (CodecException e) {
            viaCodec = e.getMessage();
        }
        try {
            viaJackson = jackson.readWithJackson(kind, bytes, 0, bytes.length);
        } catch (CodecException e) {
            viaJackson = e.getMessage();
        }
        assertEquals(viaJackson, viaCodec, () -> text(bytes));
    }

    private byte[] bytes(Frame frame, boolean plainFirst) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (plainFirst) {
            writer.write(frame, out);
        } else {
            writer.writeWithJackson(frame, out);
        }
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
