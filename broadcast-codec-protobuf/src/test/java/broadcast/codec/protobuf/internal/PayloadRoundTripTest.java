package broadcast.codec.protobuf.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.Payloads;
import broadcast.codec.protobuf.internal.testproto.Order;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Message data survives encode and decode as documented: random values, whole frames, the edges. */
class PayloadRoundTripTest {

    private static final int MIB = 1 << 20;

    private final Codec codec = TestCodecs.withTestTypes();
    private final Codec plain = TestCodecs.plain();

    @Test
    void shouldRoundTripRandomData() {
        RandomData data = new RandomData(new Random(0xDA7AL));
        for (int i = 0; i < 3000; i++) {
            Object sent = data.value();
            byte[] bytes = codec.encodeData(sent);
            Object received = codec.decodeData(ByteBuffer.wrap(bytes));
            assertSameData(RandomData.expected(sent), received, sent);
            assertArrayEquals(bytes, codec.encodeData(received), () -> "re-encoding " + sent);
        }
    }

    @Test
    void shouldRoundTripRandomDataFramesOnTheWire() {
        Random random = new Random(0xF7A3EL);
        RandomFrames frames = new RandomFrames(random);
        RandomData data = new RandomData(random);
        for (int i = 0; i < 1000; i++) {
            Object sent = data.value();
            Payload payload = Payloads.encode(sent, codec);
            Frame.Data header = frames.data();
            header = new Frame.Data(header.id(), header.sender(), header.client(), header.channel(), header.name(),
                    header.persistent(), header.expiresAt(), payload.contentType(), header.flags());
            byte[] wire = WireFrames.write(codec, header, payload.bytes());

            WireFrames read = WireFrames.readAll(wire).get(0);
            assertEquals(FrameKind.DATA, read.kind());
            Frame.Data decoded = (Frame.Data) codec.decodeHeader(read.kind(), ByteBuffer.wrap(read.header()));
            assertEquals(header, decoded);
            Object received = Payloads.decode(new Payload(decoded.contentType(), read.payload()), codec);
            Object expected = sent instanceof String || sent instanceof byte[] ? sent : RandomData.expected(sent);
            assertSameData(expected, received, sent);
        }
    }

    @Test
    void shouldRoundTripEmptyAndMebibyteData() {
        byte[] big = new byte[MIB];
        new Random(1).nextBytes(big);
        char[] chars = new char[MIB];
        Arrays.fill(chars, 'é');
        String bigText = new String(chars);
        List<Object> values = List.of(new byte[0], big, "", bigText, Map.of(), List.of(),
                Map.of("blob", bigText), Order.getDefaultInstance(),
                Order.newBuilder().setBlob(ByteString.copyFrom(big)).build());
        for (Object sent : values) {
            Object received = codec.decodeData(ByteBuffer.wrap(codec.encodeData(sent)));
            assertSameData(RandomData.expected(sent), received, "a " + sent.getClass().getSimpleName());
        }
    }

    @Test
    void shouldReadTopLevelNumbersInTheirOwnWidth() {
        assertEquals(Integer.valueOf(7), roundTrip((short) 7));
        assertEquals(Integer.valueOf(-8), roundTrip((byte) -8));
        assertEquals(Integer.valueOf(Integer.MIN_VALUE), roundTrip(Integer.MIN_VALUE));
        assertEquals(Long.valueOf(Long.MAX_VALUE), roundTrip(Long.MAX_VALUE));
        assertEquals(Float.valueOf(1.5f), roundTrip(1.5f));
        assertEquals(Double.valueOf(-0.0), roundTrip(-0.0));
        assertEquals(Boolean.TRUE, roundTrip(true));
        assertNull(roundTrip(null));
    }

    @Test
    void shouldReadNumbersInsideMapsAndListsAsDoubles() {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("int", 3);
        sent.put("long", 9_007_199_254_740_992L);
        sent.put("float", 0.25f);
        sent.put("list", List.of((short) 1, (byte) 2, -0.5));
        sent.put("null", null);
        Object received = roundTrip(sent);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("int", 3.0);
        expected.put("long", 9_007_199_254_740_992.0);
        expected.put("float", 0.25);
        expected.put("list", List.of(1.0, 2.0, -0.5));
        expected.put("null", null);
        assertEquals(expected, received);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) received).keySet()), "order kept");
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) received).clear());
    }

    @Test
    void shouldReadMessagesOfKnownTypesAndKeepOthersAsAny() throws Exception {
        Order order = new RandomData(new Random(5)).order();
        byte[] bytes = codec.encodeData(order);

        assertEquals(order, codec.decodeData(ByteBuffer.wrap(bytes)), "a type in the types setting");
        Any any = assertInstanceOf(Any.class, plain.decodeData(ByteBuffer.wrap(bytes)), "an unknown type");
        assertEquals("type.googleapis.com/broadcast.codec.protobuf.test.Order", any.getTypeUrl());
        assertEquals(order, plain.decodeData(ByteBuffer.wrap(bytes), Order.class),
                "data(Order.class) needs no setting");
        assertEquals(any, plain.decodeData(ByteBuffer.wrap(bytes), Any.class));
        // Order.parseFrom, not Any.unpack(Order.class): unpack reflects from module com.google.protobuf,
        // to which the test package is not exported: run alone, this test failed there
        assertEquals(order, Order.parseFrom(plain.decodeData(ByteBuffer.wrap(bytes), Any.class).getValue()));
        assertEquals(any, plain.decodeData(ByteBuffer.wrap(bytes), Message.class));

        Timestamp time = Timestamp.newBuilder().setSeconds(1_767_225_600L).setNanos(5).build();
        assertEquals(time, plain.decodeData(ByteBuffer.wrap(plain.encodeData(time))), "a well-known type");
    }

    @Test
    void shouldGiveTypedDataThroughAReceivedMessage() {
        Order order = new RandomData(new Random(6)).order();
        Payload payload = Payloads.encode(order, codec);
        assertEquals("application/x-protobuf", payload.contentType());

        BroadcastMessage received = BroadcastMessage.builder().channel("orders").payload(payload, plain).build();
        assertEquals(order, received.data(Order.class));
        assertInstanceOf(Any.class, received.data());

        BroadcastMessage viaInstalled = BroadcastMessage.builder().channel("orders").payload(payload, null).build();
        assertEquals(order, viaInstalled.data(Order.class), "the installed protobuf codec is found by content type");
    }

    @Test
    void shouldConvertNumbersWhenExact() {
        ByteBuffer three = ByteBuffer.wrap(codec.encodeData(Map.of("n", 3)));
        Map<?, ?> map = codec.decodeData(three, Map.class);
        assertEquals(3.0, map.get("n"));
        assertEquals(Integer.valueOf(3), codec.decodeData(ByteBuffer.wrap(codec.encodeData(3.0)), Integer.class));
        assertEquals(Long.valueOf(3), codec.decodeData(ByteBuffer.wrap(codec.encodeData(3)), Long.class));
        assertEquals(Short.valueOf((short) 3), codec.decodeData(ByteBuffer.wrap(codec.encodeData(3L)), Short.class));
        assertEquals(Double.valueOf(3), codec.decodeData(ByteBuffer.wrap(codec.encodeData(3L)), Double.class));
        assertEquals(Float.valueOf(0.5f), codec.decodeData(ByteBuffer.wrap(codec.encodeData(0.5)), Float.class));
        assertNull(codec.decodeData(ByteBuffer.wrap(codec.encodeData(null)), Order.class));
        assertArrayEquals(new byte[] {1, 2}, codec.decodeData(ByteBuffer.wrap(codec.encodeData(new byte[] {1, 2})),
                byte[].class));
    }

    private Object roundTrip(Object sent) {
        return codec.decodeData(ByteBuffer.wrap(codec.encodeData(sent)));
    }

    private static void assertSameData(Object expected, Object actual, Object sent) {
        if (expected instanceof byte[]) {
            assertArrayEquals((byte[]) expected, (byte[]) actual, () -> "sent " + sent);
        } else {
            assertEquals(expected, actual, () -> "sent " + sent);
        }
    }
}
