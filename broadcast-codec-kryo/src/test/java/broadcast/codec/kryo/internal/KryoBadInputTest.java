package broadcast.codec.kryo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.codec.kryo.testtypes.Quote;

import com.esotericsoftware.kryo.io.Output;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Bytes from the network that are wrong in every way the codec can meet: each gives a
 * {@link CodecException} with a clear message (or, for mutated bytes, possibly a valid value) and
 * never another exception, a hang, a stack overflow or an allocation sized by a length it read.
 */
class KryoBadInputTest {

    private static final FrameKind[] HEADER_KINDS = {
        FrameKind.DATA, FrameKind.SUBSCRIBE, FrameKind.UNSUBSCRIBE, FrameKind.SUBACK, FrameKind.ACK,
        FrameKind.OUTCOME, FrameKind.ERROR,
    };

    /** Class ids on the wire are the registration id plus 2 (0 is null, 1 a class name). */
    private static final int STRING = 1 + 2;
    private static final int BYTES = 10 + 2;
    private static final int INTS = 14 + 2;
    private static final int DOUBLES = 17 + 2;
    private static final int OBJECTS = 19 + 2;
    private static final int ARRAY_LIST = 20 + 2;
    private static final int HASH_MAP = 21 + 2;
    private static final int BIG_INTEGER = 25 + 2;
    private static final int LEVEL = 102 + 2;
    private static final int QUOTES = 104 + 2;

    private final Codec codec = TestCodecs.codec();

    // --- truncation and garbage ---

    @Test
    void shouldRefuseEveryHeaderTruncatedAtEveryPosition() {
        Generators random = new Generators(11L);
        for (int i = 0; i < 300; i++) {
            Frame frame = random.frame();
            byte[] header = TestCodecs.header(codec, frame);
            for (int length = 0; length < header.length; length++) {
                byte[] prefix = Arrays.copyOf(header, length);
                CodecException e = assertThrows(CodecException.class,
                        () -> codec.decodeHeader(frame.kind(), ByteBuffer.wrap(prefix)),
                        () -> frame + " cut to " + prefix.length + " bytes");
                assertStartsWith("kryo " + frame.kind() + " header ", e.getMessage());
            }
        }
    }

    @Test
    void shouldRefuseEveryPayloadTruncatedAtEveryPosition() {
        Generators random = new Generators(12L);
        for (int i = 0; i < 200; i++) {
            byte[] payload = codec.encodeData(random.value(3));
            for (int length = 0; length < payload.length; length++) {
                byte[] prefix = Arrays.copyOf(payload, length);
                CodecException e = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(prefix)));
                assertStartsWith("kryo payload ", e.getMessage());
            }
        }
    }

    @Test
    void shouldSayWhereAHeaderIsTruncated() {
        byte[] header = TestCodecs.header(codec, new Frame.Error(broadcast.api.ErrorCode.TAKEN_OVER, "bye"));
        CodecException e = assertThrows(CodecException.class,
                () -> codec.decodeHeader(FrameKind.ERROR, ByteBuffer.wrap(header, 0, 1)));
        assertEquals("kryo ERROR header is truncated: needs 1 more byte at offset 1, has 0", e.getMessage());
        CodecException empty = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.allocate(0)));
        assertEquals("kryo payload is truncated: needs 1 more byte at offset 0, has 0", empty.getMessage());
    }

    @Test
    void shouldRefuseOrReadRandomGarbage() {
        Random random = new Random(13L);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(48)];
            random.nextBytes(garbage);
            decodeSafely(garbage, HEADER_KINDS[random.nextInt(HEADER_KINDS.length)]);
        }
    }

    @Test
    void shouldRefuseBytesAfterTheEnd() {
        byte[] ack = append(TestCodecs.header(codec, new Frame.Ack(List.of("a"))), 7);
        assertMessage("kryo ACK header has 1 more bytes after its end at offset 3",
                () -> codec.decodeHeader(FrameKind.ACK, ByteBuffer.wrap(ack)));
        assertMessage("kryo PING header has 1 more bytes after its end at offset 0",
                () -> codec.decodeHeader(FrameKind.PING, ByteBuffer.wrap(new byte[] {0})));
        byte[] payload = append(codec.encodeData(5), 0);
        assertMessage("kryo payload has 1 more bytes after its value at offset 2",
                () -> codec.decodeData(ByteBuffer.wrap(payload)));
    }

    // --- wrong types and unknown codes ---

    @Test
    void shouldRefuseUnknownCodesInHeaders() {
        assertMessage("kryo ERROR header has an unknown error code 99",
                () -> decodeHeader(FrameKind.ERROR, out -> out.writeByte(99)));
        assertMessage("kryo ERROR header has an unknown error code 0",
                () -> decodeHeader(FrameKind.ERROR, out -> out.writeByte(0)));
        assertMessage("kryo OUTCOME header has an unknown outcome status code 9",
                () -> decodeHeader(FrameKind.OUTCOME, out -> {
                    out.writeVarInt(1, true);
                    FrameHeaders.writeString("m1", out);
                    out.writeByte(9);
                }));
        assertMessage("kryo DATA header has unknown field bits 0xc0",
                () -> decodeHeader(FrameKind.DATA, out -> out.writeByte(0xc1)));
        assertMessage("kryo DATA header has an unknown content type code 77",
                () -> decodeHeader(FrameKind.DATA, out -> {
                    out.writeByte(0);
                    out.writeVarInt(0, true);
                    FrameHeaders.writeString("id", out);
                    out.writeByte(77);
                }));
    }

    @Test
    void shouldReadAnOutcomeReasonNewerThanThisVersionAsOther() {
        Frame frame = decodeHeader(FrameKind.OUTCOME, out -> {
            out.writeVarInt(1, true);
            FrameHeaders.writeString("m1", out);
            out.writeByte(3);
            out.writeByte(200);
            FrameHeaders.writeString("a newer reason", out);
        });
        assertEquals(new Frame.Outcomes(List.of(Outcome.notDelivered("m1", Outcome.Reason.OTHER, "a newer reason"))), frame);
    }

    @Test
    void shouldRefuseAPayloadOfAnotherTypeThanRequested() {
        byte[] text = codec.encodeData(List.of("not a quote"));
        assertMessage("kryo payload holds a java.util.ArrayList, not a " + Quote.class.getName(),
                () -> codec.decodeData(ByteBuffer.wrap(text), Quote.class));
        assertMessage("kryo payload holds null, not a int",
                () -> codec.decodeData(ByteBuffer.wrap(codec.encodeData(null)), int.class));
    }

    @Test
    void shouldRefuseARecordComponentOfTheWrongTypeAndRunTheRecordsChecks() {
        // Level(depth, size): components in name order; size is a BigDecimal, here a String "x".
        CodecException mismatch = assertThrows(CodecException.class, () -> decodePayload(out -> {
            out.writeVarInt(LEVEL, true);
            out.writeVarInt(1, false);
            out.writeVarInt(STRING, true);
            out.writeString("x");
        }));
        assertStartsWith("kryo payload is not valid: ", mismatch.getMessage());
        assertContains("(in Could not construct type (" + broadcast.codec.kryo.testtypes.Level.class.getName() + "))", mismatch.getMessage());

        CodecException refused = assertThrows(CodecException.class, () -> decodePayload(out -> {
            out.writeVarInt(LEVEL, true);
            out.writeVarInt(-1, false);
            out.writeVarInt(0, true);
        }));
        assertContains("depth must not be negative, was -1", refused.getMessage());
    }

    @Test
    void shouldNeverShowAnEarlierStringsCharsForMalformedUtf8() {
        String earlier = "\u00e9".repeat(40);
        assertEquals(earlier, decodePayload(out -> {
            out.writeVarInt(STRING, true);
            out.writeString(earlier);
        }));
        // 40 chars announced, then 40 continuation bytes: no valid char at all
        Object malformed = decodePayload(out -> {
            out.writeVarInt(STRING, true);
            out.writeVarIntFlag(true, 40 + 1, true);
            for (int i = 0; i < 40; i++) {
                out.writeByte(0x80);
            }
        });
        assertEquals("\ufffd".repeat(40), malformed);
    }

    @Test
    void shouldRefuseAnArrayElementOfTheWrongType() {
        assertMessage("kryo payload puts a java.lang.Integer into an array of " + Quote.class.getName(),
                () -> decodePayload(out -> {
                    out.writeVarInt(QUOTES, true);
                    out.writeVarInt(1, true);
                    out.writeVarInt(0 + 2, true);
                    out.writeVarInt(7, false);
                }));
    }

    // --- registration ---

    @Test
    void shouldRefuseAClassIdNobodyRegistered() {
        assertMessage("kryo payload names class id 1012, which is not registered here; sender and receiver must"
                + " register the same classes with the same ids (codec setting classes)",
                () -> decodePayload(out -> out.writeVarInt(1012 + 2, true)));
        assertMessage("kryo payload names a class by its name, which this codec never accepts",
                () -> decodePayload(out -> {
                    out.writeVarInt(1, true);
                    out.writeVarInt(0, true);
                    out.writeString("java.lang.ProcessBuilder");
                }));
    }

    @Test
    void shouldRefuseARegisteredClassOfTheSenderThatTheReceiverDoesNotHave() {
        Codec receiver = TestCodecs.codec(Map.of());
        byte[] payload = codec.encodeData(new Generators(1).quote(1));
        CodecException e = assertThrows(CodecException.class, () -> receiver.decodeData(ByteBuffer.wrap(payload)));
        assertStartsWith("kryo payload names class id 100, which is not registered here", e.getMessage());
    }

    // --- absurd lengths ---

    @Test
    void shouldRefuseAbsurdLengthsInPayloadsBeforeAllocating() {
        assertMessage("kryo payload announces 2147483646 bytes at offset 6 but only 0 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(BYTES, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }));
        assertMessage("kryo payload announces 2147483648 array elements at offset 6 but only 0 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(OBJECTS, true);
                    out.writeVarInt(Integer.MIN_VALUE, true);
                }));
        assertMessage("kryo payload announces 2147483647 array elements at offset 6 but only 1 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(QUOTES, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                    out.writeByte(0);
                }));
        assertMessage("kryo payload announces 2147483647 elements at offset 6 but only 0 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(ARRAY_LIST, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }));
        assertMessage("kryo payload announces 1000000 map entries at offset 4 but only 2 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(HASH_MAP, true);
                    out.writeVarInt(1_000_000, true);
                    out.writeShort(0);
                }));
        assertMessage("kryo payload announces 2147483646 ints at offset 6 but only 0 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(INTS, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }));
        assertMessage("kryo payload announces 1000 doubles at offset 3 but only 8 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(DOUBLES, true);
                    out.writeVarInt(1001, true);
                    out.writeDouble(1);
                }));
        assertMessage("kryo payload announces 2147483646 bytes at offset 6 but only 0 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(BIG_INTEGER, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }));
        assertMessage("kryo payload announces a string of 2147483646 chars at offset 1 but only 0 bytes remain",
                () -> decodePayload(out -> {
                    out.writeVarInt(STRING, true);
                    out.writeVarIntFlag(true, Integer.MAX_VALUE, true);
                }));
    }

    @Test
    void shouldSayWhichFieldOfARecordHasAnAbsurdLength() {
        CodecException e = assertThrows(CodecException.class, () -> decodePayload(out -> {
            out.writeVarInt(LEVEL, true);
            out.writeVarInt(1, false);
            out.writeVarInt(BIG_INTEGER, true);
            out.writeVarInt(Integer.MAX_VALUE, true);
        }));
        assertContains("announces 2147483646 bytes", e.getMessage());
        assertContains("(in size (broadcast.codec.kryo.testtypes.Level))", e.getMessage());
    }

    @Test
    void shouldRefuseAbsurdLengthsInHeadersBeforeAllocating() {
        assertMessage("kryo DATA header field id announces 2147483647 bytes at offset 7 but only 0 remain",
                () -> decodeHeader(FrameKind.DATA, out -> {
                    out.writeByte(0);
                    out.writeVarInt(0, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                }));
        assertMessage("kryo SUBSCRIBE header announces 2147483647 channels at offset 6 but only 1 bytes remain",
                () -> decodeHeader(FrameKind.SUBSCRIBE, out -> {
                    out.writeVarLong(1, true);
                    out.writeVarInt(Integer.MAX_VALUE, true);
                    out.writeByte(0);
                }));
        assertMessage("kryo ACK header announces 2147483648 ids at offset 5 but only 0 bytes remain",
                () -> decodeHeader(FrameKind.ACK, out -> out.writeVarInt(Integer.MIN_VALUE, true)));
        assertMessage("kryo OUTCOME header announces 100 outcomes at offset 1 but only 3 bytes remain",
                () -> decodeHeader(FrameKind.OUTCOME, out -> {
                    out.writeVarInt(100, true);
                    out.writeByte(0);
                    out.writeByte(1);
                    out.writeByte(0);
                }));
        assertMessage("kryo ERROR header field message announces 4294967295 bytes at offset 6 but only 0 remain",
                () -> decodeHeader(FrameKind.ERROR, out -> {
                    out.writeByte(1);
                    out.writeVarInt(-1, true);
                }));
    }

    // --- nesting ---

    @Test
    void shouldRefuseNestingDeeperThanMaxDepth() {
        byte[] deep = nestedLists(100_000);
        assertMessage("kryo payload nests deeper than 100 levels (codec setting max-nesting-depth)",
                () -> codec.decodeData(ByteBuffer.wrap(deep)));
    }

    @Test
    void shouldRefuseToEncodeNestingDeeperThanMaxDepthOrACycle() {
        List<Object> deep = new ArrayList<>();
        List<Object> inner = deep;
        for (int i = 0; i < 150; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        assertMessage("the kryo codec cannot encode a java.util.ArrayList: it nests deeper than 100 levels (codec"
                + " setting max-nesting-depth), or refers to itself", () -> codec.encodeData(deep));
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThrows(CodecException.class, () -> codec.encodeData(cycle));
        assertEquals(3, codec.decodeData(ByteBuffer.wrap(codec.encodeData(3))), "the codec still works");
    }

    @Test
    void shouldReadNestingUpToAHighMaxDepthEvenOnASmallStack() throws InterruptedException {
        Codec deepCodec = TestCodecs.codec(KryoSettings.MAX_DEPTH, "1000");
        byte[] allowed = nestedLists(999);
        byte[] tooDeep = nestedLists(1001);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                deepCodec.decodeData(ByteBuffer.wrap(allowed));
            } catch (CodecException e) {
                assertContains("nests", e.getMessage());
            } catch (Throwable t) {
                failure.set(t);
            }
            try {
                deepCodec.decodeData(ByteBuffer.wrap(tooDeep));
                failure.set(new AssertionError("1001 levels were read"));
            } catch (CodecException e) {
                // expected
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            fail("only CodecException is allowed", failure.get());
        }
        assertEquals(ArrayList.class, deepCodec.decodeData(ByteBuffer.wrap(allowed)).getClass());
    }

    // --- mutation ---

    @Test
    void shouldRefuseOrReadHundredThousandMutatedHeadersAndPayloads() {
        Generators generators = new Generators(14L);
        List<byte[]> headers = new ArrayList<>();
        List<FrameKind> kinds = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Frame frame = generators.frame();
            headers.add(TestCodecs.header(codec, frame));
            kinds.add(frame.kind());
            payloads.add(codec.encodeData(generators.value(2)));
        }
        Random random = generators.random();
        int valid = 0;
        for (int i = 0; i < 100_000; i++) {
            int sample = random.nextInt(headers.size());
            boolean header = random.nextBoolean();
            byte[] mutated = mutate(header ? headers.get(sample) : payloads.get(sample), random);
            FrameKind kind = header ? kinds.get(sample) : null;
            valid += decodeSafely(mutated, kind) ? 1 : 0;
        }
        assertTrue(valid > 1_000 && valid < 99_000, "mutations that still decode: " + valid);
    }

    // --- helpers ---

    /** Decodes a header (kind given) or a payload; true when it was valid. Fails on anything but CodecException. */
    private boolean decodeSafely(byte[] bytes, FrameKind kind) {
        try {
            if (kind == null) {
                codec.decodeData(ByteBuffer.wrap(bytes));
            } else {
                codec.decodeHeader(kind, ByteBuffer.wrap(bytes));
            }
            return true;
        } catch (CodecException e) {
            assertStartsWith(kind == null ? "kryo payload " : "kryo " + kind + " header ", e.getMessage());
            return false;
        } catch (Throwable t) {
            throw new AssertionError("decoding " + (kind == null ? "a payload" : kind) + " " + Arrays.toString(bytes)
                    + " threw " + t, t);
        }
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes = bytes.clone();
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (bytes.length > 0) {
                        bytes = bytes.clone();
                        bytes[at] = (byte) (random.nextBoolean() ? random.nextInt() : random.nextBoolean() ? 0xff : 0x7f);
                    }
                }
                case 2 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt();
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 3 -> {
                    if (bytes.length > 0) {
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, at);
                        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                        bytes = shorter;
                    }
                }
                case 4 -> bytes = Arrays.copyOf(bytes, at);
                default -> {
                    byte[] varint = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
                    byte[] longer = new byte[bytes.length + varint.length];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    System.arraycopy(varint, 0, longer, at, varint.length);
                    System.arraycopy(bytes, at, longer, at + varint.length, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static byte[] nestedLists(int depth) {
        Output out = new Output(2 * depth + 1);
        for (int i = 0; i < depth; i++) {
            out.writeVarInt(ARRAY_LIST, true);
            out.writeVarInt(1, true);
        }
        out.writeByte(0);
        return out.toBytes();
    }

    private static byte[] append(byte[] bytes, int extra) {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = (byte) extra;
        return longer;
    }

    private Frame decodeHeader(FrameKind kind, Consumer<Output> writer) {
        Output out = new Output(64, -1);
        writer.accept(out);
        return codec.decodeHeader(kind, ByteBuffer.wrap(out.toBytes()));
    }

    private Object decodePayload(Consumer<Output> writer) {
        Output out = new Output(64, -1);
        writer.accept(out);
        return codec.decodeData(ByteBuffer.wrap(out.toBytes()));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        CodecException e = assertThrows(CodecException.class, call);
        assertEquals(expected, e.getMessage());
        assertEquals(java.util.Optional.of(broadcast.api.ErrorCode.CODEC_ERROR), e.code());
    }

    static void assertStartsWith(String prefix, String actual) {
        assertTrue(actual != null && actual.startsWith(prefix), () -> "expected a message starting with \"" + prefix
                + "\" but was \"" + actual + "\"");
    }

    static void assertContains(String part, String actual) {
        assertTrue(actual != null && actual.contains(part), () -> "expected a message containing \"" + part
                + "\" but was \"" + actual + "\"");
    }
}
