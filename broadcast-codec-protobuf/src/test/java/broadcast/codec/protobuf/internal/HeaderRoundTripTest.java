package broadcast.codec.protobuf.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static broadcast.codec.protobuf.internal.TestCodecs.decode;
import static broadcast.codec.protobuf.internal.TestCodecs.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Every frame survives encode and decode unchanged: random frames of every kind, and the edges. */
class HeaderRoundTripTest {

    private final Codec codec = TestCodecs.plain();

    @Test
    void shouldRoundTripRandomFramesOfEveryKind() {
        Random random = new Random(0x5EEDL);
        RandomFrames frames = new RandomFrames(random);
        for (int i = 0; i < 4000; i++) {
            FrameKind kind = RandomFrames.HEADER_KINDS.get(i % RandomFrames.HEADER_KINDS.size());
            Frame frame = frames.frame(kind);
            byte[] bytes = header(codec, frame);
            assertEquals(frame, decode(codec, kind, bytes), () -> "case with header " + TestCodecs.hex(bytes));
            assertArrayEquals(bytes, header(codec, decode(codec, kind, bytes)), "re-encoding is byte for byte");
        }
    }

    @Test
    void shouldRoundTripDataWithEveryOptionalFieldAbsentOrPresent() {
        for (int mask = 0; mask < 1 << 7; mask++) {
            Frame.Data data = new Frame.Data("",
                    (mask & 1) != 0 ? "sender-é" : null,
                    (mask & 2) != 0 ? "client" : null,
                    (mask & 4) != 0 ? "channel-频道" : null,
                    (mask & 8) != 0 ? "" : null,
                    (mask & 16) != 0,
                    (mask & 32) != 0 ? -1L : 0L,
                    "",
                    (mask & 64) != 0 ? Frame.Data.OUTCOME_REQUESTED | Frame.Data.REDELIVERED : 0);
            assertEquals(data, decode(codec, FrameKind.DATA, header(codec, data)));
        }
    }

    @Test
    void shouldKeepEmptyStringsApartFromAbsentOnes() {
        Frame.Data empty = new Frame.Data("id", "", "", "", "", false, 0, "t", 0);
        Frame.Data absent = new Frame.Data("id", null, null, null, null, false, 0, "t", 0);
        assertEquals(empty, decode(codec, FrameKind.DATA, header(codec, empty)));
        assertEquals(absent, decode(codec, FrameKind.DATA, header(codec, absent)));
    }

    @Test
    void shouldRoundTripEveryErrorCode() {
        List<Frame.Refusal> refused = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            Frame.Error error = new Frame.Error(code, "because " + code);
            assertEquals(error, decode(codec, FrameKind.ERROR, header(codec, error)));
            refused.add(new Frame.Refusal("ch-" + code, code, code.name()));
        }
        Frame.SubAck subAck = new Frame.SubAck(7, refused);
        assertEquals(subAck, decode(codec, FrameKind.SUBACK, header(codec, subAck)));
    }

    @Test
    void shouldRoundTripEveryOutcomeStatusAndReason() {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(Outcome.delivered("a"));
        outcomes.add(Outcome.queued("b"));
        for (Outcome.Reason reason : Outcome.Reason.values()) {
            outcomes.add(Outcome.notDelivered("c-" + reason, reason, "detail " + reason));
        }
        Frame.Outcomes frame = new Frame.Outcomes(outcomes);
        assertEquals(frame, decode(codec, FrameKind.OUTCOME, header(codec, frame)));
    }

    @Test
    void shouldRoundTripExtremeNumbersAndEmptyLists() {
        for (long n : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertEquals(new Frame.Subscribe(n, List.of()), decode(codec, FrameKind.SUBSCRIBE,
                    header(codec, new Frame.Subscribe(n, List.of()))));
            assertEquals(new Frame.Unsubscribe(n, List.of("")), decode(codec, FrameKind.UNSUBSCRIBE,
                    header(codec, new Frame.Unsubscribe(n, List.of("")))));
            Frame.Data data = new Frame.Data("i", null, null, "c", null, true, n, "t", (int) n);
            assertEquals(data, decode(codec, FrameKind.DATA, header(codec, data)));
        }
        assertEquals(new Frame.Ack(List.of()), decode(codec, FrameKind.ACK, new byte[0]));
        assertEquals(new Frame.Outcomes(List.of()), decode(codec, FrameKind.OUTCOME, new byte[0]));
        assertEquals(new Frame.SubAck(0, List.of()), decode(codec, FrameKind.SUBACK, new byte[0]));
    }

    @Test
    void shouldRoundTripLongStrings() {
        char[] chars = new char[1 << 20];
        Arrays.fill(chars, 'x');
        String mib = new String(chars);
        Frame.Data data = new Frame.Data(mib, mib, null, "c", mib, false, 0, mib, 0);
        assertEquals(data, decode(codec, FrameKind.DATA, header(codec, data)));
        Frame.Ack ack = new Frame.Ack(List.of(mib, "", mib));
        assertEquals(ack, decode(codec, FrameKind.ACK, header(codec, ack)));
    }

    @Test
    void shouldWriteNoHeaderForPingAndPong() {
        assertEquals(0, header(codec, Frame.Ping.INSTANCE).length);
        assertEquals(0, header(codec, Frame.Pong.INSTANCE).length);
        assertSame(Frame.Ping.INSTANCE, codec.decodeHeader(FrameKind.PING, ByteBuffer.allocate(0)));
        assertSame(Frame.Pong.INSTANCE, codec.decodeHeader(FrameKind.PONG, ByteBuffer.allocate(0)));
    }

    @Test
    void shouldDecodeFromDirectAndReadOnlyBuffersAndOffsets() {
        Frame frame = new RandomFrames(new Random(3)).data();
        byte[] bytes = header(codec, frame);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        assertEquals(frame, codec.decodeHeader(FrameKind.DATA, direct));
        assertEquals(frame, codec.decodeHeader(FrameKind.DATA, ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 5, bytes.length).slice();
        assertEquals(frame, codec.decodeHeader(FrameKind.DATA, slice));
        ByteBuffer window = ByteBuffer.wrap(padded, 5, bytes.length);
        assertEquals(frame, codec.decodeHeader(FrameKind.DATA, window));
    }
}
