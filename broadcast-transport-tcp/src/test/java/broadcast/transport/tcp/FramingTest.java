package broadcast.transport.tcp;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.transport.tcp.internal.wire.FrameDecoder;
import broadcast.transport.tcp.internal.wire.FrameTooLarge;
import broadcast.transport.tcp.internal.wire.Frames;
import broadcast.transport.tcp.internal.wire.Welcome;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Frames split at every byte and frames coalesced in one read decode the same (the original lost
 * the tail of every read, D1); a length beyond the limit is refused before anything is gathered.
 */
class FramingTest {

    static final int MAX = 64 * 1024;

    /** One frame of every kind, and the handshake frames. */
    static List<byte[]> everyKind() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(RawClient.hello("framing", List.of("a", "b")));
        ByteBuf welcome = Unpooled.buffer();
        Welcome.welcome("hub-x", "framing", MAX, 5000, 15000, List.of(new Frame.Refusal("c", ErrorCode.LIMIT_EXCEEDED,
                "too many"))).encode(welcome);
        frames.add(RawClient.bytesOf(welcome));
        byte[] payload = "a payload with ümlauts".getBytes(StandardCharsets.UTF_8);
        frames.add(RawClient.data(new Frame.Data("id-1", "framing", "x", "news", "n", true, 0, "text/plain;charset=utf-8",
                Frame.Data.REDELIVERED), payload));
        frames.add(RawClient.data(new Frame.Data("id-2", null, null, "news", null, false, 42, "application/octet-stream",
                0), new byte[0]));
        frames.add(RawClient.frame(new Frame.Subscribe(7, List.of("a", "b"))));
        frames.add(RawClient.frame(new Frame.Unsubscribe(8, List.of("a"))));
        frames.add(RawClient.frame(new Frame.SubAck(7, List.of(new Frame.Refusal("b", ErrorCode.FORBIDDEN, "no")))));
        frames.add(RawClient.frame(new Frame.Ack(List.of("id-1", "id-2"))));
        frames.add(RawClient.frame(new Frame.Outcomes(List.of(Outcome.delivered("id-1"),
                Outcome.notDelivered("id-2", Outcome.Reason.NO_RECIPIENT, "nobody")))));
        frames.add(RawClient.frame(Frame.Ping.INSTANCE));
        frames.add(RawClient.frame(Frame.Pong.INSTANCE));
        frames.add(RawClient.frame(new Frame.Error(ErrorCode.PROTOCOL_ERROR, "bad")));
        return frames;
    }

    /** Feeds the chunks to a decoder, one read each; returns the frames it passed on. */
    static List<byte[]> decode(List<byte[]> chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        List<byte[]> out = new ArrayList<>();
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            Object frame;
            while ((frame = channel.readInbound()) != null) {
                ByteBuf buf = (ByteBuf) frame;
                out.add(ByteBufUtil.getBytes(buf));
                buf.release();
            }
        }
        channel.finishAndReleaseAll();
        return out;
    }

    static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void everyFrameSplitAtEveryByteDecodesTheSame() {
        for (byte[] frame : everyKind()) {
            for (int split = 0; split <= frame.length; split++) {
                List<byte[]> got = decode(List.of(Arrays.copyOfRange(frame, 0, split),
                        Arrays.copyOfRange(frame, split, frame.length)));
                assertEquals(1, got.size(), "split at " + split);
                assertArrayEquals(frame, got.get(0), "split at " + split);
            }
            List<byte[]> bytes = new ArrayList<>();
            for (byte b : frame) {
                bytes.add(new byte[] {b});
            }
            assertArrayEquals(frame, decode(bytes).get(0), "one byte per read");
        }
    }

    @Test
    void aStreamOfFramesSplitAtEveryByteDecodesTheSame() {
        List<byte[]> frames = everyKind();
        byte[] stream = concat(frames);
        for (int split = 0; split <= stream.length; split++) {
            List<byte[]> got = decode(List.of(Arrays.copyOfRange(stream, 0, split),
                    Arrays.copyOfRange(stream, split, stream.length)));
            assertEquals(frames.size(), got.size(), "split at " + split);
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(frames.get(i), got.get(i), "frame " + i + ", split at " + split);
            }
        }
    }

    @Test
    void hundredsOfFramesCoalescedInOneReadDecodeTheSame() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            frames.add(RawClient.data(new Frame.Data("id-" + i, "a", null, "news", null, i % 2 == 0, 0,
                    "text/plain;charset=utf-8", 0), ("message " + i).getBytes(StandardCharsets.UTF_8)));
        }
        List<byte[]> got = decode(List.of(concat(frames)));
        assertEquals(500, got.size());
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(frames.get(i), got.get(i));
            ByteBuf buf = Unpooled.wrappedBuffer(got.get(i));
            Frame.Data h = (Frame.Data) Frames.decodeHeader(TestCodec.BIN, Frames.kind(buf), buf);
            assertEquals("id-" + i, h.id());
            assertEquals("message " + i, buf.toString(Frames.payloadIndex(buf), Frames.payloadLength(buf),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLengthBeyondTheLimitIsRefusedAtOnceWithoutWaitingForTheBytes() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0}));
        FrameTooLarge tooLarge = assertInstanceOf(FrameTooLarge.class, channel.readInbound());
        assertEquals(0xFFFFFFF0L, tooLarge.length());
        assertEquals(MAX, tooLarge.limit());
        // Everything after it is discarded.
        channel.writeInbound(Unpooled.wrappedBuffer(RawClient.frame(Frame.Ping.INSTANCE)));
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void frameChecksRefuseMalformedFrames() {
        assertEquals("unknown frame kind 42", protocolError(new byte[] {0, 0, 0, 5, 42, 0, 0, 0, 0}));
        assertEquals("a frame of 2 bytes is too short: kind and header length take 5",
                protocolError(new byte[] {0, 0, 0, 2, 1, 0}));
        assertEquals("the header length 100 of a DATA frame is beyond its end (0 bytes)",
                protocolError(new byte[] {0, 0, 0, 5, 1, 0, 0, 0, 100}));
        assertEquals("a PING frame carries 2 payload bytes; only DATA frames have a payload",
                protocolError(new byte[] {0, 0, 0, 7, 7, 0, 0, 0, 0, 1, 2}));
        assertEquals("a PONG frame must have no header, had 1 bytes", protocolError(new byte[] {0, 0, 0, 6, 8, 0, 0, 0, 1, 9}));
    }

    private static String protocolError(byte[] frame) {
        try {
            Frames.kind(Unpooled.wrappedBuffer(frame));
        } catch (broadcast.transport.tcp.internal.wire.ProtocolException e) {
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
            return e.getMessage();
        }
        throw new AssertionError("no protocol error for " + Arrays.toString(frame));
    }

    @Test
    void aHubReassemblesFramesSentOneByteAtATimeAndManyInOneWrite() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient sub = hub.client("sub");
            sub.onMessage("news", inbox);
            sub.connect(Duration.ofSeconds(10));
            try (RawClient raw = new RawClient(hub.port())) {
                raw.writeByteByByte(RawClient.hello("raw", List.of()));
                assertEquals("raw", raw.readWelcome().clientName());
                for (int i = 0; i < 3; i++) {
                    raw.writeByteByByte(RawClient.data(new Frame.Data("slow-" + i, "raw", null, "news", null, false, 0,
                            "text/plain;charset=utf-8", 0), ("slow " + i).getBytes(StandardCharsets.UTF_8)));
                }
                List<byte[]> burst = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    burst.add(RawClient.data(new Frame.Data("fast-" + i, "raw", null, "news", null, false, 0,
                            "text/plain;charset=utf-8", 0), ("fast " + i).getBytes(StandardCharsets.UTF_8)));
                }
                raw.write(concat(burst));
                inbox.await(303);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    expected.add("slow " + i);
                }
                for (int i = 0; i < 300; i++) {
                    expected.add("fast " + i);
                }
                assertEquals(expected, inbox.texts());
            }
        }
    }

    @Test
    void largeMessagesArriveWholeToTheSameAndToAnotherCodec() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox same = new Inbox();
            Inbox other = new Inbox();
            BroadcastTcpClient a = hub.client("a");
            a.onMessage("big", same);
            a.connect(Duration.ofSeconds(10));
            BroadcastTcpClient b = hub.client("b", hub.clientConfig().codec("alt").build(), TestCodec.ALT);
            b.onMessage("big", other);
            b.connect(Duration.ofSeconds(10));
            BroadcastTcpClient sender = hub.connected("sender");
            byte[] payload = new byte[1_000_000];
            new java.util.Random(7).nextBytes(payload);
            for (int i = 0; i < 3; i++) {
                sender.sendMessage(broadcast.api.BroadcastMessage.createChannelMessage("big", payload, null, i == 1));
            }
            for (Inbox inbox : List.of(same, other)) {
                for (var m : inbox.await(3)) {
                    assertArrayEquals(payload, (byte[]) m.data());
                }
            }
        }
    }

    @Test
    void decodedFramesOfEveryKindEqualWhatWasEncoded() {
        List<byte[]> frames = everyKind().subList(2, everyKind().size());
        List<byte[]> got = decode(List.of(concat(frames)));
        FrameKind[] kinds = {FrameKind.DATA, FrameKind.DATA, FrameKind.SUBSCRIBE, FrameKind.UNSUBSCRIBE, FrameKind.SUBACK,
            FrameKind.ACK, FrameKind.OUTCOME, FrameKind.PING, FrameKind.PONG, FrameKind.ERROR};
        for (int i = 0; i < got.size(); i++) {
            ByteBuf buf = Unpooled.wrappedBuffer(got.get(i));
            assertEquals(kinds[i], Frames.kind(buf));
        }
        ByteBuf outcome = Unpooled.wrappedBuffer(got.get(6));
        assertEquals(new Frame.Outcomes(List.of(Outcome.delivered("id-1"),
                Outcome.notDelivered("id-2", Outcome.Reason.NO_RECIPIENT, "nobody"))),
                Frames.decodeHeader(TestCodec.BIN, FrameKind.OUTCOME, outcome));
    }
}
