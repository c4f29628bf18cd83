package broadcast.it;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.Providers;
import broadcast.transport.tcp.internal.wire.FrameDecoder;
import broadcast.transport.tcp.internal.wire.FrameTooLarge;
import broadcast.transport.tcp.internal.wire.Frames;
import broadcast.transport.tcp.internal.wire.Hello;
import broadcast.transport.tcp.internal.wire.ProtocolException;
import broadcast.transport.tcp.internal.wire.Welcome;
import broadcast.transport.tcp.internal.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad bytes: a seeded generator mutates valid frames (bit flips, interesting integers in length
 * fields, truncation, insertion, splicing, random bytes) and throws them, 1,000,000 in all, at the
 * hub's frame path (the frame decoder, the frame checks, then each codec's header decoder, as the
 * hub reads a connection), at the codecs' payload decoders, and at the handshake decoders. Every
 * input must end in a frame, a clean protocol or codec error, or a wait for more bytes: any other
 * exception or error (an allocation sized by an untrusted length shows up as
 * {@link OutOfMemoryError}) fails the test with the input in hex. The seed is fixed so a failure
 * reproduces; the test reaches the transport's internal wire classes through the class path.
 */
class BadBytesFuzzTest {

    private static final long SEED = 0x5EED_B0DCL;
    /** Mutated frames per codec through the hub's frame path, and for the handshake decoders. */
    private static final int PER_CODEC = 250_000;
    private static final int HANDSHAKES = 250_000;
    private static final int MAX_FRAME = 64 * 1024;
    private static final int[] INTERESTING = {0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE};

    @ParameterizedTest
    @ValueSource(strings = {"json", "protobuf", "kryo"})
    void theFramePathAndTheCodecRejectMutatedFramesCleanly(String codecName) {
        Codec codec = Providers.installed().codec(codecName, Map.of());
        List<byte[]> corpus = frames(codec);
        Random random = new Random(SEED ^ codecName.hashCode());
        Failures failures = new Failures();
        Stream stream = new Stream();
        int frames = 0;
        for (int i = 0; i < PER_CODEC; i++) {
            byte[] input = mutate(corpus, random);
            try {
                frames += stream.feed(input, random, codec);
            } catch (ProtocolException | CodecException clean) {
                stream.reset();
            } catch (Throwable t) {
                failures.add(input, t);
                stream.reset();
            }
            // The codec's payload decoder on bytes that were never a payload.
            if ((i & 7) == 0) {
                try {
                    codec.decodeData(ByteBuffer.wrap(input));
                } catch (CodecException clean) {
                    // expected for most
                } catch (Throwable t) {
                    failures.add(input, t);
                }
            }
        }
        failures.check(codecName);
        assertTrue(frames > PER_CODEC / 100, "some mutated inputs still made frames: " + frames);
    }

    @Test
    void theHandshakeDecodersRejectMutatedHellosAndWelcomesCleanly() {
        List<byte[]> corpus = handshakes();
        Random random = new Random(SEED);
        Failures failures = new Failures();
        int decoded = 0;
        for (int i = 0; i < HANDSHAKES; i++) {
            byte[] input = mutate(corpus, random);
            ByteBuf buf = Unpooled.wrappedBuffer(input);
            try {
                buf.skipBytes(Math.min(4, input.length));
                if ((i & 1) == 0) {
                    Hello.decode(buf);
                } else {
                    Welcome.decode(buf);
                }
                decoded++;
            } catch (ProtocolException clean) {
                // expected
            } catch (Throwable t) {
                failures.add(input, t);
            }
        }
        failures.check("handshake");
        assertTrue(decoded > 0, "some mutated handshakes still decoded");
    }

    /** The hub's read path on one connection: frames cut by the decoder, checked, their headers decoded. */
    private static final class Stream {
        private EmbeddedChannel channel = newChannel();

        private static EmbeddedChannel newChannel() {
            return new EmbeddedChannel(new FrameDecoder(MAX_FRAME));
        }

        /** Feeds one input in one to three pieces. @return the frames it made */
        int feed(byte[] input, Random random, Codec codec) {
            int cut1 = input.length == 0 ? 0 : random.nextInt(input.length + 1);
            int cut2 = cut1 + (input.length == cut1 ? 0 : random.nextInt(input.length - cut1 + 1));
            channel.writeInbound(Unpooled.wrappedBuffer(input, 0, cut1));
            channel.writeInbound(Unpooled.wrappedBuffer(input, cut1, cut2 - cut1));
            channel.writeInbound(Unpooled.wrappedBuffer(input, cut2, input.length - cut2));
            int consumed = 0;
            int frames = 0;
            Object out;
            try {
                while ((out = channel.readInbound()) != null) {
                    if (out instanceof FrameTooLarge tooLarge) {
                        assertTrue(tooLarge.length() > MAX_FRAME, "too large: " + tooLarge);
                        reset();
                        return frames;
                    }
                    ByteBuf frame = (ByteBuf) out;
                    try {
                        consumed += frame.readableBytes();
                        FrameKind kind = Frames.kind(frame);
                        // The codec itself, not through Frames.decodeHeader (which turns any exception into a protocol error).
                        Frame header = codec.decodeHeader(kind, frame.nioBuffer(frame.readerIndex() + Wire.HEADER_OFFSET,
                                Frames.headerLength(frame)));
                        assertEquals(kind, header.kind(), "the kind the codec decoded");
                        frames++;
                    } finally {
                        frame.release();
                    }
                }
            } finally {
                if (consumed != input.length) {
                    // Bytes left waiting for the rest of a frame: start the next input on a fresh connection.
                    reset();
                }
            }
            return frames;
        }

        void reset() {
            Object out;
            while ((out = channel.readInbound()) != null) {
                io.netty.util.ReferenceCountUtil.release(out);
            }
            channel.finishAndReleaseAll();
            channel = newChannel();
        }
    }

    /** Unclean outcomes, with a few inputs to reproduce them. */
    private static final class Failures {
        private int count;
        private final List<String> examples = new ArrayList<>();

        void add(byte[] input, Throwable t) {
            count++;
            if (examples.size() < 5) {
                examples.add(t + " on " + HexFormat.of().formatHex(input, 0, Math.min(input.length, 200)));
            }
        }

        void check(String what) {
            assertEquals(0, count, what + ": " + count + " inputs ended other than in a frame or a clean error, e.g. "
                    + String.join("\n", examples));
        }
    }

    // ---- inputs ----

    private static byte[] mutate(List<byte[]> corpus, Random r) {
        byte[] base = corpus.get(r.nextInt(corpus.size()));
        int op = r.nextInt(10);
        byte[] b = base.clone();
        switch (op) {
            case 0, 1 -> { // flip a few bits
                for (int n = 1 + r.nextInt(4); n > 0 && b.length > 0; n--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 2 -> { // an interesting int over a length or count field
                if (b.length >= 4) {
                    int at = r.nextInt(b.length - 3);
                    int v = INTERESTING[r.nextInt(INTERESTING.length)];
                    ByteBuffer.wrap(b).putInt(at, r.nextBoolean() ? v : v + r.nextInt(3) - 1);
                }
            }
            case 3 -> { // an interesting short
                if (b.length >= 2) {
                    ByteBuffer.wrap(b).putShort(r.nextInt(b.length - 1), (short) INTERESTING[r.nextInt(INTERESTING.length)]);
                }
            }
            case 4 -> b = java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length)); // truncate
            case 5 -> { // insert random bytes
                int at = r.nextInt(b.length + 1);
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(b, at, out, at + extra.length, b.length - at);
                b = out;
            }
            case 6 -> { // delete a range
                if (b.length > 1) {
                    int at = r.nextInt(b.length);
                    int n = 1 + r.nextInt(Math.min(16, b.length - at));
                    byte[] out = new byte[b.length - n];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(b, at + n, out, at, b.length - at - n);
                    b = out;
                }
            }
            case 7 -> { // splice: the head of one, the tail of another
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                int head = r.nextInt(b.length + 1);
                int tail = r.nextInt(other.length + 1);
                byte[] out = new byte[head + other.length - tail];
                System.arraycopy(b, 0, out, 0, head);
                System.arraycopy(other, tail, out, head, other.length - tail);
                b = out;
            }
            case 8 -> { // random bytes behind a plausible length prefix
                byte[] out = new byte[4 + r.nextInt(64)];
                r.nextBytes(out);
                ByteBuffer.wrap(out).putInt(0, out.length - 4);
                b = out;
            }
            default -> { // random bytes over the body, the frame's length kept
                for (int i = 4; i < b.length; i++) {
                    if (r.nextInt(8) == 0) {
                        b[i] = (byte) r.nextInt(256);
                    }
                }
            }
        }
        return b;
    }

    /** One valid frame of each kind, with empty, short and long fields, in the codec. */
    private static List<byte[]> frames(Codec codec) {
        ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
        List<Frame> headers = List.of(
                new Frame.Data("0123456789abcdefghijkl", "sender", "client", "channel", "name", true, 0, "application/json", 0),
                new Frame.Data("0123456789abcdefghijkm", "s", null, "c", null, false, 1_900_000_000_000L, "text/plain", 3),
                new Frame.Subscribe(7, List.of("a", "news", "x".repeat(200))),
                new Frame.Unsubscribe(Long.MAX_VALUE, List.of("news")),
                new Frame.SubAck(1, List.of(new Frame.Refusal("c", ErrorCode.FORBIDDEN, "no"))),
                new Frame.Ack(List.of("0123456789abcdefghijkl", "0123456789abcdefghijkm")),
                new Frame.Outcomes(List.of(Outcome.delivered("0123456789abcdefghijkl"),
                        Outcome.notDelivered("0123456789abcdefghijkm", Outcome.Reason.QUEUE_FULL, "full"))),
                new Frame.Error(ErrorCode.SLOW_CONSUMER, "slow"),
                Frame.Ping.INSTANCE, Frame.Pong.INSTANCE);
        List<byte[]> out = new ArrayList<>();
        for (Frame f : headers) {
            if (f instanceof Frame.Data d) {
                out.add(bytes(Frames.encodeData(alloc, codec, d, codec.encodeData(List.of(1, "two", Map.of("k", 3.5))))));
                out.add(bytes(Frames.encodeData(alloc, codec, d, codec.encodeData("x"))));
            } else {
                out.add(bytes(Frames.encode(alloc, codec, f)));
            }
        }
        return out;
    }

    private static List<byte[]> handshakes() {
        List<byte[]> out = new ArrayList<>();
        for (Hello h : List.of(new Hello(1 << 20, "json", "", "", 0, List.of()),
                new Hello(65536, "protobuf", "client-a", "user:secret", 1, List.of("a", "b", "news")))) {
            ByteBuf buf = Unpooled.buffer();
            h.encode(buf);
            out.add(bytes(buf));
        }
        for (Welcome w : List.of(Welcome.welcome("hub-1", "client-a", 1 << 20, 5000, 15000, List.of()),
                Welcome.refused(ErrorCode.UNAUTHORIZED, "bad token"))) {
            ByteBuf buf = Unpooled.buffer();
            w.encode(buf);
            out.add(bytes(buf));
        }
        return out;
    }

    private static byte[] bytes(ByteBuf buf) {
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }
}
