package broadcast.codec.kryo.internal;

import static broadcast.codec.kryo.internal.SameValue.assertSameValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.codec.kryo.testtypes.Level;
import broadcast.codec.kryo.testtypes.Quote;
import broadcast.codec.kryo.testtypes.Side;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in wire file {@code src/test/resources/golden/kryo-frames.bin}: one frame of every
 * kind, as the transport writes them after the handshake ({@code length:u32 | kind:u8 |
 * headerLength:u32 | header | payload}), with payloads of every form. The test decodes the file
 * to exactly the frames and values below and encodes those back to exactly the file's bytes, so
 * any change to the wire format fails here. After an intended change, rewrite the file with
 * {@code -Dbroadcast.golden.write=true} and say so in the commit.
 */
class KryoGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/kryo-frames.bin");

    private final Codec codec = TestCodecs.codec();

    /** A frame and what its payload holds: a value for kryo payloads, else the raw bytes. */
    private record Golden(Frame frame, Object value, byte[] payload) {
    }

    @Test
    void shouldDecodeTheGoldenFileAndEncodeItBackByteForByte() throws IOException {
        List<Golden> expected = expected();
        byte[] encoded = encode(expected);
        if (Boolean.getBoolean("broadcast.golden.write")) {
            Files.write(GOLDEN, encoded);
        }
        byte[] golden = Files.readAllBytes(GOLDEN);

        ByteBuffer wire = ByteBuffer.wrap(golden);
        for (Golden frame : expected) {
            TestCodecs.WireFrame read = TestCodecs.read(codec, wire);
            assertEquals(frame.frame(), read.frame());
            assertArrayEquals(frame.payload(), read.payload(), () -> "payload of " + frame.frame());
            if (frame.frame() instanceof Frame.Data data && data.contentType().equals(KryoCodec.CONTENT_TYPE)) {
                Object value = codec.decodeData(ByteBuffer.wrap(read.payload()));
                assertSameValue(frame.value(), value);
                assertArrayEquals(read.payload(), codec.encodeData(value), "the decoded value encodes to the same bytes");
            }
        }
        assertFalse(wire.hasRemaining(), "no frame is left over");
        assertArrayEquals(golden, encoded, "the expected frames encode to the golden file");
    }

    private byte[] encode(List<Golden> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Golden frame : frames) {
            out.write(TestCodecs.wire(codec, frame.frame(), frame.payload()));
        }
        return out.toByteArray();
    }

    private List<Golden> expected() {
        List<Golden> frames = new ArrayList<>();
        Map<String, Object> tick = new LinkedHashMap<>();
        tick.put("symbol", "ACME");
        tick.put("bid", 12.5);
        tick.put("size", 300);
        tick.put("volume", 1_234_567_890_123L);
        tick.put("open", true);
        tick.put("venues", List.of("XNAS", "XLON"));
        tick.put("raw", new byte[] {1, 2, 3});
        tick.put("price", new BigDecimal("12345.6789"));
        tick.put("at", Instant.ofEpochSecond(1_767_225_600L, 500));
        tick.put("none", null);
        tick.put("quote", new Quote("ACME", 12.5, 1_767_225_600_000L, true, List.of("firm"),
                new LinkedHashMap<>(Map.of("venue", "XNAS")), Side.BUY, new Level(2, new BigDecimal("100.5"))));
        frames.add(kryo(new Frame.Data("0190a8c2-7c1e-7d6e-9f00-000000000001", "pricer", null, "prices", "tick", true,
                1_767_225_600_000L, KryoCodec.CONTENT_TYPE, Frame.Data.OUTCOME_REQUESTED), tick));
        frames.add(kryo(new Frame.Data("m2", "pricer", "alice", null, null, false, 0, KryoCodec.CONTENT_TYPE, 0),
                null));
        frames.add(raw(new Frame.Data("m3", null, null, "news/流", "headline", false, 0, Payload.TEXT, 0),
                "héllo wörld ✓".getBytes(StandardCharsets.UTF_8)));
        frames.add(raw(new Frame.Data("m4", "hub-1", "bob", null, null, true, 0, Payload.OCTET_STREAM,
                Frame.Data.REDELIVERED), new byte[] {0, (byte) 0xff, 0x7f}));
        frames.add(raw(new Frame.Data("m5", null, null, "cbor", null, false, 0, "application/vnd.acme+cbor", 0),
                new byte[0]));
        frames.add(header(new Frame.Subscribe(1, List.of("prices", "news/流"))));
        frames.add(header(new Frame.Unsubscribe(2, List.of("prices"))));
        frames.add(header(new Frame.SubAck(1, List.of(new Frame.Refusal("news/流", ErrorCode.FORBIDDEN, "not allowed")))));
        frames.add(header(new Frame.Ack(List.of("m1", "m2"))));
        frames.add(header(new Frame.Outcomes(List.of(Outcome.delivered("m1"), Outcome.queued("m2"),
                Outcome.notDelivered("m3", Outcome.Reason.QUEUE_FULL, "queue prices is full")))));
        frames.add(header(new Frame.Error(ErrorCode.TAKEN_OVER, "another connection took the name pricer")));
        frames.add(header(Frame.Ping.INSTANCE));
        frames.add(header(Frame.Pong.INSTANCE));
        return frames;
    }

    private Golden kryo(Frame.Data frame, Object value) {
        return new Golden(frame, value, codec.encodeData(value));
    }

    private static Golden raw(Frame.Data frame, byte[] payload) {
        return new Golden(frame, null, payload);
    }

    private static Golden header(Frame frame) {
        return new Golden(frame, null, new byte[0]);
    }
}
