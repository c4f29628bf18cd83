package broadcast.codec.protobuf.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.codec.protobuf.internal.testproto.Line;
import broadcast.codec.protobuf.internal.testproto.Order;
import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The checked-in wire file {@code golden/protobuf-frames.bin} decodes to the frames and data below,
 * and they encode to it byte for byte: a change of the wire format fails here. The file is a
 * sequence of wire frames ({@code length:u32 | kind:u8 | headerLength:u32 | header | payload}).
 *
 * <p>After an intended change of the format, rewrite the file with
 * <pre>
 * ./mvnw -pl broadcast-codec-protobuf -am verify -Dtest=GoldenWireTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbroadcast.golden.write=true
 * </pre>
 * and say so in the change.
 */
class GoldenWireTest {

    private static final String RESOURCE = "/golden/protobuf-frames.bin";
    private static final Path SOURCE = Path.of("src", "test", "resources", "golden", "protobuf-frames.bin");
    private static final String PROTOBUF = "application/x-protobuf";

    private final Codec codec = TestCodecs.withTestTypes();

    /** A frame and, for DATA, its data. */
    private record Golden(Frame frame, Object data) {
    }

    @Test
    void shouldDecodeAndReencodeTheGoldenFileByteForByte() throws IOException {
        List<Golden> expected = goldenFrames();
        boolean rewrite = Boolean.getBoolean("broadcast.golden.write");
        if (rewrite) {
            Files.write(SOURCE, encode(expected));
        }
        byte[] file = rewrite ? Files.readAllBytes(SOURCE) : readResource();
        List<WireFrames> frames = WireFrames.readAll(file);
        assertEquals(expected.size(), frames.size(), "frames in the file");
        for (int i = 0; i < frames.size(); i++) {
            WireFrames wire = frames.get(i);
            Golden golden = expected.get(i);
            Frame frame = codec.decodeHeader(wire.kind(), ByteBuffer.wrap(wire.header()));
            assertEquals(golden.frame(), frame, "frame " + i);
            assertArrayEquals(wire.header(), TestCodecs.header(codec, frame), "header of frame " + i);
            if (frame instanceof Frame.Data && ((Frame.Data) frame).contentType().equals(PROTOBUF)) {
                Object data = codec.decodeData(ByteBuffer.wrap(wire.payload()));
                assertEquals(golden.data(), data, "data of frame " + i);
                assertArrayEquals(wire.payload(), codec.encodeData(data), "payload of frame " + i);
            }
        }
        assertArrayEquals(file, encode(expected), "the whole file");
    }

    private static byte[] readResource() throws IOException {
        try (InputStream in = GoldenWireTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing");
            return in.readAllBytes();
        }
    }

    private byte[] encode(List<Golden> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Golden golden : frames) {
            byte[] payload = new byte[0];
            if (golden.frame() instanceof Frame.Data) {
                String contentType = ((Frame.Data) golden.frame()).contentType();
                payload = contentType.equals(PROTOBUF) ? codec.encodeData(golden.data())
                        : ((String) golden.data()).getBytes(StandardCharsets.UTF_8);
            }
            out.writeBytes(WireFrames.write(codec, golden.frame(), payload));
        }
        return out.toByteArray();
    }

    private static List<Golden> goldenFrames() {
        List<Golden> frames = new ArrayList<>();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", "A-1");
        map.put("qty", 3.0);
        map.put("price", 12.5);
        map.put("paid", false);
        map.put("note", null);
        map.put("tags", List.of("new", "ünïcødé ✓ 频道 🎉"));
        map.put("customer", Map.of("name", "Zoë"));
        frames.add(new Golden(new Frame.Data("msg-0001", "orders-service", "billing", "orders", "order.created",
                true, 1_767_225_600_000L, PROTOBUF, Frame.Data.OUTCOME_REQUESTED), map));
        frames.add(new Golden(new Frame.Data("m2", null, null, "chat", null, false, 0, Payload.TEXT, 0),
                "hello, wörld"));
        Order order = Order.newBuilder().setId("A-2").setQuantity(-5).setPrice(0.1)
                .addLines(Line.newBuilder().setSku("sku-1").setCount(2))
                .setPlacedAt(Timestamp.newBuilder().setSeconds(1_767_225_600L).setNanos(42))
                .putTags("prio", "high").build();
        frames.add(new Golden(new Frame.Data("m3", "hub", "billing", null, "order", true, 0, PROTOBUF,
                Frame.Data.REDELIVERED), order));
        frames.add(new Golden(new Frame.Data("m4", null, null, "n", null, false, 0, PROTOBUF, 0), Long.MIN_VALUE));
        frames.add(new Golden(new Frame.Data("m5", null, null, "n", null, false, 0, PROTOBUF, 0), null));
        frames.add(new Golden(new Frame.Data("m6", null, null, "n", null, false, 0, PROTOBUF, 0),
                List.of(1.0, "two", true, List.of(), Map.of())));
        frames.add(new Golden(new Frame.Data("m7", null, null, "n", null, false, 0, PROTOBUF, 0),
                Timestamp.newBuilder().setSeconds(1).build()));
        frames.add(new Golden(new Frame.Subscribe(1, List.of("orders", "prices.eu", "频道")), null));
        frames.add(new Golden(new Frame.Unsubscribe(2, List.of("prices.eu")), null));
        frames.add(new Golden(new Frame.SubAck(1, List.of(
                new Frame.Refusal("admin", ErrorCode.FORBIDDEN, "not allowed"),
                new Frame.Refusal("x".repeat(3), ErrorCode.INVALID_NAME, ""))), null));
        frames.add(new Golden(new Frame.Ack(List.of("msg-0001", "m3")), null));
        frames.add(new Golden(new Frame.Outcomes(List.of(Outcome.delivered("msg-0001"), Outcome.queued("m3"),
                Outcome.notDelivered("m4", Outcome.Reason.NO_RECIPIENT, "nobody listens on n"))), null));
        frames.add(new Golden(new Frame.Error(ErrorCode.SLOW_CONSUMER, "stuck for 30 s"), null));
        frames.add(new Golden(Frame.Ping.INSTANCE, null));
        frames.add(new Golden(Frame.Pong.INSTANCE, null));
        return frames;
    }
}
