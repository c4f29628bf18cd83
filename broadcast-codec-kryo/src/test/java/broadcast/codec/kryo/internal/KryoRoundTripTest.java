package broadcast.codec.kryo.internal;

import static broadcast.codec.kryo.internal.SameValue.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.codec.kryo.testtypes.Account;
import broadcast.codec.kryo.testtypes.Level;
import broadcast.codec.kryo.testtypes.Quote;
import broadcast.codec.kryo.testtypes.Side;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Property tests: many random frames and values, encoded and decoded, come back equal. */
class KryoRoundTripTest {

    private final Codec codec = TestCodecs.codec();

    @Test
    void shouldRoundTripRandomFramesOfEveryKindWithTheirPayloads() {
        Generators random = new Generators(20_240_501L);
        for (int i = 0; i < 3_000; i++) {
            Frame frame = random.frame();
            byte[] payload = frame instanceof Frame.Data ? random.payloadBytes() : new byte[0];
            byte[] wire = TestCodecs.wire(codec, frame, payload);

            TestCodecs.WireFrame read = TestCodecs.read(codec, ByteBuffer.wrap(wire));

            assertEquals(frame, read.frame(), "frame " + i);
            assertArrayEquals(payload, read.payload(), "payload of frame " + i);
        }
    }

    @Test
    void shouldRoundTripEveryErrorCodeOutcomeStatusAndReason() {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Outcome.delivered("d"));
        outcomes.add(new Outcome("q", Outcome.Status.QUEUED, null, "kept for later"));
        for (Outcome.Reason reason : Outcome.Reason.values()) {
            outcomes.add(Outcome.notDelivered("n-" + reason, reason, "because " + reason));
        }
        assertEquals(new Frame.Outcomes(outcomes), roundTrip(new Frame.Outcomes(outcomes)));
        for (ErrorCode code : ErrorCode.values()) {
            Frame.Error error = new Frame.Error(code, "über " + code);
            assertEquals(error, roundTrip(error));
            Frame.SubAck subAck = new Frame.SubAck(7, List.of(new Frame.Refusal("prices", code, "no")));
            assertEquals(subAck, roundTrip(subAck));
        }
    }

    @Test
    void shouldRoundTripDataWithEveryOptionalFieldAbsentAndPresent() {
        for (int mask = 0; mask < 64; mask++) {
            Frame.Data data = new Frame.Data("id-" + mask,
                    (mask & 1) != 0 ? "sender ✓" : null,
                    (mask & 2) != 0 ? "client-😀" : null,
                    (mask & 4) != 0 ? "通道" : null,
                    (mask & 8) != 0 ? "" : null,
                    (mask & 16) != 0,
                    (mask & 32) != 0 ? Long.MIN_VALUE : 0,
                    (mask & 1) != 0 ? "text/x-custom; charset=\"utf-8\"" : KryoCodec.CONTENT_TYPE,
                    mask);
            assertEquals(data, roundTrip(data));
        }
    }

    @Test
    void shouldRoundTripEmptyListsAndExtremeNumbers() {
        List<Frame> frames = List.of(
                new Frame.Subscribe(Long.MAX_VALUE, List.of()),
                new Frame.Unsubscribe(Long.MIN_VALUE, List.of("")),
                new Frame.Ack(List.of()),
                new Frame.Outcomes(List.of()),
                new Frame.SubAck(-1, List.of()),
                new Frame.Error(ErrorCode.INTERNAL_ERROR, ""),
                new Frame.Data("", null, null, null, null, false, -1, "", Integer.MIN_VALUE));
        for (Frame frame : frames) {
            assertEquals(frame, roundTrip(frame));
        }
    }

    @Test
    void shouldWriteNoHeaderBytesForPingAndPongAndReadThemFromNone() {
        assertEquals(0, TestCodecs.header(codec, Frame.Ping.INSTANCE).length);
        assertEquals(0, TestCodecs.header(codec, Frame.Pong.INSTANCE).length);
        assertSame(Frame.Ping.INSTANCE, codec.decodeHeader(FrameKind.PING, ByteBuffer.allocate(0)));
        assertSame(Frame.Pong.INSTANCE, codec.decodeHeader(FrameKind.PONG, ByteBuffer.allocate(0)));
    }

    @Test
    void shouldReadHeadersFromSlicesReadOnlyAndDirectBuffersAndConsumeThem() {
        Frame.Data data = new Frame.Data("m1", "alice", null, "prices", "tick", true, 42, KryoCodec.CONTENT_TYPE, 1);
        byte[] header = TestCodecs.header(codec, data);
        byte[] padded = new byte[header.length + 20];
        System.arraycopy(header, 0, padded, 7, header.length);

        ByteBuffer window = ByteBuffer.wrap(padded, 7, header.length);
        ByteBuffer slice = window.slice();
        ByteBuffer readOnly = ByteBuffer.wrap(header).asReadOnlyBuffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(header.length).put(header).flip();

        for (ByteBuffer buffer : List.of(window, slice, readOnly, direct)) {
            assertEquals(data, codec.decodeHeader(FrameKind.DATA, buffer));
            assertFalse(buffer.hasRemaining(), "the header is consumed");
        }
    }

    @Test
    void shouldRoundTripRandomPayloadValues() {
        Generators random = new Generators(77L);
        for (int i = 0; i < 3_000; i++) {
            Object value = random.value(4);
            byte[] bytes = codec.encodeData(value);
            assertSameValue(value, codec.decodeData(ByteBuffer.wrap(bytes)));
        }
    }

    @Test
    void shouldRoundTripLargeValuesAndReadThemFromDirectBuffers() {
        byte[] mebibyte = new byte[1 << 20];
        new java.util.Random(3).nextBytes(mebibyte);
        char[] chars = new char[1 << 19];
        Arrays.fill(chars, 'é');
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("bytes", mebibyte);
        value.put("text", new String(chars));
        value.put("empty", new byte[0]);

        byte[] bytes = codec.encodeData(value);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

        assertSameValue(value, codec.decodeData(ByteBuffer.wrap(bytes)));
        assertSameValue(value, codec.decodeData(direct));
    }

    @Test
    void shouldKeepTheClassOfEveryBuiltInValue() {
        List<Object> values = List.of(1, 1L, (short) 1, (byte) 1, 1.0, 1.0f, 'x', true, "s", new BigDecimal("1.500"),
                java.util.UUID.randomUUID(), java.time.Instant.ofEpochMilli(5), java.time.LocalDate.of(2024, 2, 29),
                java.time.LocalTime.of(23, 59), java.time.LocalDateTime.of(2024, 1, 1, 0, 0), java.time.Duration.ofSeconds(-3),
                new java.math.BigInteger("123456789012345678901234567890"));
        for (Object value : values) {
            Object decoded = codec.decodeData(ByteBuffer.wrap(codec.encodeData(value)));
            assertEquals(value, decoded);
            assertEquals(value.getClass(), decoded.getClass());
        }
        assertNull(codec.decodeData(ByteBuffer.wrap(codec.encodeData(null))));
        assertArrayEquals(new byte[] {0}, codec.encodeData(null), "null is class id 0");
    }

    @Test
    void shouldCarryUnregisteredCollectionsAsTheirStandInsInIterationOrder() {
        TreeMap<String, Object> sorted = new TreeMap<>(Map.of("b", 2, "a", 1, "c", 3));
        Map<?, ?> decoded = decode(sorted, Map.class);
        assertEquals(LinkedHashMap.class, decoded.getClass());
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(decoded.keySet()));

        assertEquals(ArrayList.class, decode(List.of(1, 2, 3), Object.class).getClass());
        assertEquals(ArrayList.class, decode(new LinkedList<>(List.of("x")), Object.class).getClass());
        assertEquals(ArrayList.class, decode(Collections.unmodifiableList(new ArrayList<>(List.of(1))), Object.class).getClass());
        assertEquals(LinkedHashSet.class, decode(new TreeSet<>(Set.of(3, 1, 2)), Object.class).getClass());
        assertEquals(List.of(1, 2, 3), new ArrayList<>((Set<?>) decode(new TreeSet<>(Set.of(3, 1, 2)), Object.class)));
        assertEquals(LinkedHashMap.class, decode(Map.of("k", "v"), Object.class).getClass());
        assertEquals(HashMap.class, decode(new HashMap<>(Map.of("k", "v")), Object.class).getClass());
        Object[] integers = decode(new Integer[] {1, null, 3}, Object[].class);
        assertEquals(Object[].class, integers.getClass());
        assertEquals(Arrays.asList(1, null, 3), Arrays.asList(integers));
        Object[] matrix = decode(new int[][] {{1, 2}, {3}}, Object[].class);
        assertArrayEquals(new int[] {3}, (int[]) matrix[1]);
    }

    @Test
    void shouldRoundTripRegisteredRecordsEnumsAndFieldByFieldClasses() {
        Quote quote = new Quote("ACME", 12.5, 1_700_000_000_000L, true, List.of("x", 1, List.of()),
                Map.of("venue", "XNAS", "lots", new int[] {1, 2}), Side.SELL, new Level(3, new BigDecimal("10.25")));
        assertSameValue(quote, decode(quote, Quote.class));
        Account account = new Account("ann", -5, List.of("a", "b"));
        assertEquals(account, decode(account, Account.class));
        assertEquals(Side.BUY, decode(Side.BUY, Side.class));
        Quote[] quotes = {quote, null};
        assertEquals(2, ((Object[]) decode(quotes, Object.class)).length);
    }

    @Test
    void shouldDecodeToARequestedPrimitiveType() {
        assertEquals(42, codec.decodeData(ByteBuffer.wrap(codec.encodeData(42)), int.class));
        assertEquals(42, codec.decodeData(ByteBuffer.wrap(codec.encodeData(42)), Integer.class));
        assertNull(codec.decodeData(ByteBuffer.wrap(codec.encodeData(null)), String.class));
    }

    private <T> T decode(Object value, Class<T> type) {
        return codec.decodeData(ByteBuffer.wrap(codec.encodeData(value)), type);
    }

    private Frame roundTrip(Frame frame) {
        return codec.decodeHeader(frame.kind(), ByteBuffer.wrap(TestCodecs.header(codec, frame)));
    }
}
