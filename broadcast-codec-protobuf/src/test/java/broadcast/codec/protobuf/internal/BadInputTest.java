package broadcast.codec.protobuf.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.codec.protobuf.internal.testproto.Node;
import broadcast.codec.protobuf.internal.testproto.Order;
import com.google.protobuf.Any;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static broadcast.codec.protobuf.internal.Bytes.FIXED32;
import static broadcast.codec.protobuf.internal.Bytes.FIXED64;
import static broadcast.codec.protobuf.internal.Bytes.LENGTH_DELIMITED;
import static broadcast.codec.protobuf.internal.Bytes.VARINT;
import static broadcast.codec.protobuf.internal.Bytes.field;
import static broadcast.codec.protobuf.internal.Bytes.tag;
import static broadcast.codec.protobuf.internal.TestCodecs.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input from the network gives a {@link CodecException} with a clear message, and nothing else:
 * truncated, garbage, wrongly typed, missing, absurdly long and deeply nested. Bad data to send
 * gives one naming its type.
 */
class BadInputTest {

    private static final byte[] CONTENT_TYPE = Bytes.of(out -> out.writeString(8, "t"));

    private final Codec codec = TestCodecs.withTestTypes();

    @Test
    void shouldRefuseHeadersTruncatedInsideAFieldAtEveryPosition() {
        RandomFrames frames = new RandomFrames(new Random(11));
        for (FrameKind kind : RandomFrames.HEADER_KINDS) {
            for (int n = 0; n < 6; n++) {
                byte[] bytes = header(codec, frames.frame(kind));
                Set<Integer> ends = Bytes.fieldEnds(bytes);
                for (int cut = 0; cut < bytes.length; cut++) {
                    byte[] truncated = Arrays.copyOf(bytes, cut);
                    if (ends.contains(cut)) {
                        assertCodecErrorOrFrame(kind, truncated);
                    } else {
                        assertThrows(CodecException.class, () -> decode(kind, truncated),
                                () -> kind + " header " + TestCodecs.hex(truncated));
                    }
                }
            }
        }
        byte[] data = header(codec, new Frame.Data("message-id", null, null, "c", null, false, 0, "t", 0));
        CodecException e = decodeFails(FrameKind.DATA, Arrays.copyOf(data, 5));
        assertTrue(e.getMessage().startsWith("cannot decode a protobuf DATA header: "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shouldRefusePayloadsTruncatedAtEveryPosition() {
        RandomData data = new RandomData(new Random(12));
        for (int n = 0; n < 60; n++) {
            byte[] bytes = codec.encodeData(data.value());
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] truncated = Arrays.copyOf(bytes, cut);
                assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(truncated)),
                        () -> "payload " + TestCodecs.hex(truncated));
            }
        }
        CodecException empty = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.allocate(0)));
        assertTrue(empty.getMessage().contains("payload has no value"), empty.getMessage());
    }

    @Test
    void shouldRefuseOrSurviveGarbage() {
        Random random = new Random(13);
        for (int n = 0; n < 5_000; n++) {
            byte[] garbage = new byte[random.nextInt(48)];
            random.nextBytes(garbage);
            FrameKind kind = RandomFrames.HEADER_KINDS.get(n % RandomFrames.HEADER_KINDS.size());
            assertCodecErrorOrFrame(kind, garbage);
            try {
                codec.decodeData(ByteBuffer.wrap(garbage));
            } catch (CodecException expected) {
                // the only failure allowed
            }
        }
        byte[] ones = new byte[32];
        Arrays.fill(ones, (byte) 0xff);
        for (FrameKind kind : RandomFrames.HEADER_KINDS) {
            decodeFails(kind, ones);
        }
        assertTrue(decodeFails(FrameKind.ACK, new byte[] {0}).getMessage().contains("invalid tag"));
    }

    @Test
    void shouldRefuseAKnownFieldWithTheWrongWireType() {
        assertMessage(FrameKind.DATA, Bytes.of(out -> {
            tag(out, 1, VARINT);
            out.writeUInt32NoTag(5);
            out.writeRawBytes(CONTENT_TYPE);
        }), "protobuf DATA header field 1 (id) has wire type varint, expected length-delimited");
        assertMessage(FrameKind.ERROR, Bytes.of(out -> field(out, 1, new byte[] {1})),
                "protobuf ERROR header field 1 (code) has wire type length-delimited, expected varint");
        assertMessage(FrameKind.SUBACK, Bytes.of(out -> {
            tag(out, 2, FIXED32);
            out.writeFixed32NoTag(7);
        }), "protobuf SUBACK header field 2 (refused) has wire type fixed32, expected length-delimited");
        assertMessage(FrameKind.SUBSCRIBE, Bytes.of(out -> {
            tag(out, 2, FIXED64);
            out.writeFixed64NoTag(7);
        }), "protobuf SUBSCRIBE header field 2 (channels) has wire type fixed64, expected length-delimited");
        byte[] outcome = Bytes.of(out -> {
            tag(out, 1, VARINT);
            out.writeUInt32NoTag(1);
            out.writeEnum(2, 1);
        });
        assertMessage(FrameKind.OUTCOME, Bytes.of(out -> field(out, 1, outcome)),
                "protobuf OUTCOME header outcomes[0] field 1 (message_id) has wire type varint");
        CodecException payload = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(
                Bytes.of(out -> out.writeUInt64(9, 1)))));
        assertTrue(payload.getMessage().contains("payload field 9 (struct_value) has wire type varint"),
                payload.getMessage());
        byte[] value = Bytes.of(out -> out.writeUInt64(3, 1));
        byte[] list = Bytes.of(out -> field(out, 1, value));
        CodecException nested = assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(
                Bytes.of(out -> field(out, 10, list)))));
        assertTrue(nested.getMessage().contains("google.protobuf.Value field 3 (string_value) has wire type varint"),
                nested.getMessage());
    }

    @Test
    void shouldRefuseInvalidUtf8() {
        byte[] bad = {'a', (byte) 0xc3, (byte) 0x28};
        CodecException e = decodeFails(FrameKind.DATA, Bytes.concat(Bytes.of(out -> field(out, 1, bad)), CONTENT_TYPE));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        byte[] payload = Bytes.of(out -> field(out, 7, bad));
        assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(payload)));
    }

    @Test
    void shouldRefuseMissingRequiredFields() {
        assertMessage(FrameKind.DATA, CONTENT_TYPE, "protobuf DATA header has no field 1 (id), which is required");
        assertMessage(FrameKind.DATA, Bytes.of(out -> out.writeString(1, "id")),
                "protobuf DATA header has no field 8 (content_type), which is required");
        assertMessage(FrameKind.SUBACK, Bytes.of(out -> field(out, 2, Bytes.of(o -> o.writeEnum(2, 1)))),
                "protobuf SUBACK header refused[0] has no field 1 (channel)");
        assertMessage(FrameKind.OUTCOME, Bytes.of(out -> field(out, 1, Bytes.of(o -> o.writeEnum(2, 1)))),
                "protobuf OUTCOME header outcomes[0] has no field 1 (message_id)");
        assertMessage(FrameKind.ERROR, Bytes.of(out -> out.writeString(2, "oops")),
                "protobuf ERROR header has no error code");
    }

    @Test
    void shouldRefuseEnumNumbersOutOfPlace() {
        assertMessage(FrameKind.ERROR, Bytes.of(out -> out.writeEnum(1, 99)), "unknown error code 99");
        assertMessage(FrameKind.OUTCOME, outcome(0, 0), "outcomes[0] has no status (field 2)");
        assertMessage(FrameKind.OUTCOME, outcome(9, 0), "outcomes[0] has unknown status 9");
        assertMessage(FrameKind.OUTCOME, outcome(3, 0),
                "has status NOT_DELIVERED and reason 0; a reason (field 3) goes with NOT_DELIVERED and only with it");
        assertMessage(FrameKind.OUTCOME, outcome(1, 2), "has status DELIVERED and reason 2");
        Frame.Outcomes later = (Frame.Outcomes) decode(FrameKind.OUTCOME, outcome(3, 99));
        assertEquals(Outcome.Reason.OTHER, later.outcomes().get(0).reason(), "a reason of a later version");
    }

    @Test
    void shouldSkipUnknownFieldNumbersForLaterVersions() {
        Frame.Data data = new Frame.Data("id", "s", null, "c", null, true, 5, "t", 1);
        byte[] extra = Bytes.of(out -> {
            out.writeUInt64(100, 1);
            out.writeString(101, "later");
            out.writeFixed32(102, 3);
            tag(out, 103, Bytes.START_GROUP);
            out.writeUInt64(1, 1);
            tag(out, 103, Bytes.END_GROUP);
        });
        assertEquals(data, decode(FrameKind.DATA, Bytes.concat(extra, header(codec, data), extra)));
    }

    @Test
    void shouldRefuseBytesAfterATopLevelEndGroupTag() {
        Frame.Data data = new Frame.Data("id", null, null, "c", null, false, 0, "t", 0);
        byte[] bytes = Bytes.concat(header(codec, data), Bytes.of(out -> tag(out, 1, Bytes.END_GROUP)),
                "garbage".getBytes(StandardCharsets.US_ASCII));
        decodeFails(FrameKind.DATA, bytes);
    }

    @Test
    void shouldRefuseAbsurdLengthsWithoutAllocatingThem() {
        for (int length : new int[] {Integer.MAX_VALUE, 0x7fff_fff0, 1 << 30, 100}) {
            byte[] header = Bytes.of(out -> {
                tag(out, 1, LENGTH_DELIMITED);
                out.writeUInt32NoTag(length);
                out.writeRawBytes(new byte[] {'a', 'b', 'c'});
            });
            CodecException e = decodeFails(FrameKind.DATA, header);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            for (int field : new int[] {7, 8, 9, 10, 11}) {
                byte[] payload = Bytes.of(out -> {
                    tag(out, field, LENGTH_DELIMITED);
                    out.writeUInt32NoTag(length);
                    out.writeRawBytes(new byte[] {1, 2, 3});
                });
                assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(payload)));
            }
        }
        byte[] negative = Bytes.of(out -> {
            tag(out, 1, LENGTH_DELIMITED);
            out.writeUInt64NoTag(-1L);
            out.writeRawBytes(new byte[] {'a'});
        });
        assertTrue(decodeFails(FrameKind.ACK, negative).getMessage().contains("negative size"));
        byte[] anyHuge = Bytes.of(out -> {
            tag(out, 2, LENGTH_DELIMITED);
            out.writeUInt32NoTag(Integer.MAX_VALUE - 8);
        });
        byte[] payload = Bytes.of(out -> field(out, 11, Bytes.concat(Bytes.of(o -> o.writeString(1,
                "type.googleapis.com/broadcast.codec.protobuf.test.Order")), anyHuge)));
        assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(payload)));
        assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(payload), Order.class));
    }

    @Test
    void shouldRefuseDeepNestingWithoutOverflowingTheStack() {
        byte[] groups = new byte[100_000];
        Arrays.fill(groups, (byte) (15 << 3 | Bytes.START_GROUP));
        for (FrameKind kind : RandomFrames.HEADER_KINDS) {
            CodecException e = decodeFails(kind, groups);
            assertTrue(e.getMessage().contains("too many levels of nesting"), e.getMessage());
        }

        byte[] value = Bytes.of(out -> out.writeBool(4, true));
        for (int i = 0; i < 1_000; i++) {
            byte[] inner = value;
            byte[] list = Bytes.of(out -> field(out, 1, inner));
            value = Bytes.of(out -> field(out, 6, list));
        }
        byte[] deepList = value;
        byte[] payload = Bytes.of(out -> field(out, 1, deepList));
        CodecException deep = assertThrows(CodecException.class,
                () -> codec.decodeData(ByteBuffer.wrap(Bytes.of(out -> field(out, 10, payload)))));
        assertTrue(deep.getMessage().contains("too many levels of nesting"), deep.getMessage());

        Node node = Node.newBuilder().setLabel("leaf").build();
        for (int i = 0; i < 1_000; i++) {
            node = Node.newBuilder().setChild(node).build();
        }
        byte[] nodes = codec.encodeData(node);
        assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(nodes), Node.class));
        assertThrows(CodecException.class, () -> codec.decodeData(ByteBuffer.wrap(nodes)));
    }

    @Test
    void shouldEncodeNestingUpToTheLimitAndRefuseDeeperOrCyclicData() {
        Object nested = Map.of("leaf", 1);
        for (int depth = 1; depth < PayloadEncoder.MAX_NESTING; depth++) {
            nested = depth % 2 == 0 ? Map.of("k", nested) : List.of(nested);
        }
        Object deepest = nested;
        assertEquals(RandomData.expected(deepest), codec.decodeData(ByteBuffer.wrap(codec.encodeData(deepest))));
        CodecException tooDeep = assertThrows(CodecException.class, () -> codec.encodeData(List.of(deepest)));
        assertTrue(tooDeep.getMessage().contains("nested at most 64 deep"), tooDeep.getMessage());

        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        assertThrows(CodecException.class, () -> codec.encodeData(cyclic));
    }

    @Test
    void shouldRefuseDataItCannotEncodeNamingTheType() {
        assertEncodeFails(new BigDecimal("1.5"), "cannot encode a java.math.BigDecimal;");
        assertEncodeFails(Optional.empty(), "cannot encode a java.util.Optional;");
        assertEncodeFails('c', "cannot encode a java.lang.Character;");
        assertEncodeFails(Map.of(1, "a"), "String keys only (as google.protobuf.Struct); found a key of type "
                + "java.lang.Integer (1)");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertEncodeFails(nullKey, "found a key null");
        assertEncodeFails(Map.of("blob", new byte[1]), "cannot encode a [B inside a map or list");
        assertEncodeFails(List.of(Any.getDefaultInstance()), "cannot encode a com.google.protobuf.Any inside a map");
        assertEncodeFails(List.of((1L << 53) + 1), "cannot encode the Long 9007199254740993 inside a map or list");
        assertEquals(List.of(0x1p53), codec.decodeData(ByteBuffer.wrap(codec.encodeData(List.of(1L << 53)))));
    }

    @Test
    void shouldRefuseTypedReadsOfAnotherType() {
        byte[] order = codec.encodeData(Order.newBuilder().setId("o").build());
        assertTypedFails(order, Node.class, "the protobuf payload is a message of type "
                + "\"broadcast.codec.protobuf.test.Order\", not broadcast.codec.protobuf.test.Node "
                + "(broadcast.codec.protobuf.internal.testproto.Node)");
        assertTypedFails(codec.encodeData(Map.of("a", 1)), String.class,
                "the protobuf payload holds a Map, which cannot be read as java.lang.String");
        assertTypedFails(codec.encodeData(Map.of("a", 1)), Order.class, "holds a Map, which cannot be read as "
                + "broadcast.codec.protobuf.internal.testproto.Order");
        assertTypedFails(codec.encodeData(3.5), Integer.class,
                "the protobuf payload holds the Double 3.5, which is not exact as java.lang.Integer");
        assertTypedFails(codec.encodeData(1L << 40), Integer.class, "which is not exact as java.lang.Integer");
        assertTypedFails(codec.encodeData(Long.MAX_VALUE), Double.class, "which is not exact as java.lang.Double");
        String message = assertThrows(CodecException.class, () -> TestCodecs.plain().decodeData(
                ByteBuffer.wrap(order), String.class)).getMessage();
        assertTrue(message.contains("holds a message of type \"broadcast.codec.protobuf.test.Order\" "
                + "(not in the codec's types setting"), message);
    }

    @Test
    void shouldRefuseHeaderBytesOnPingAndPong() {
        assertMessage(FrameKind.PING, new byte[] {1}, "a PING frame has no header, but 1 header bytes came");
        assertMessage(FrameKind.PONG, new byte[] {1, 2}, "a PONG frame has no header, but 2 header bytes came");
    }

    private static byte[] outcome(int status, int reason) {
        byte[] outcome = Bytes.of(out -> {
            out.writeString(1, "m");
            out.writeEnum(2, status);
            out.writeEnum(3, reason);
        });
        return Bytes.of(out -> field(out, 1, outcome));
    }

    private Frame decode(FrameKind kind, byte[] header) {
        return codec.decodeHeader(kind, ByteBuffer.wrap(header));
    }

    private CodecException decodeFails(FrameKind kind, byte[] header) {
        return assertThrows(CodecException.class, () -> decode(kind, header),
                () -> kind + " header " + TestCodecs.hex(header));
    }

    private void assertMessage(FrameKind kind, byte[] header, String expected) {
        String message = decodeFails(kind, header).getMessage();
        assertTrue(message.contains(expected), () -> "message: " + message + "\nexpected part: " + expected);
    }

    private void assertEncodeFails(Object data, String expected) {
        String message = assertThrows(CodecException.class, () -> codec.encodeData(data)).getMessage();
        assertTrue(message.contains(expected), () -> "message: " + message + "\nexpected part: " + expected);
    }

    private void assertTypedFails(byte[] payload, Class<?> type, String expected) {
        String message = assertThrows(CodecException.class,
                () -> codec.decodeData(ByteBuffer.wrap(payload), type)).getMessage();
        assertTrue(message.contains(expected), () -> "message: " + message + "\nexpected part: " + expected);
    }

    /** Either a CodecException, or a frame of the kind that encodes and decodes to itself. */
    void assertCodecErrorOrFrame(FrameKind kind, byte[] header) {
        Frame frame;
        try {
            frame = decode(kind, header);
        } catch (CodecException expected) {
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(kind + " header " + TestCodecs.hex(header) + " threw " + e, e);
        }
        assertEquals(kind, frame.kind());
        assertEquals(frame, decode(kind, header(codec, frame)));
    }
}
