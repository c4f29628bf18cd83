package broadcast.codec.json.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Property tests: random frames and data values survive encode then decode unchanged. */
class JsonRoundTripTest {

    private static final long SEED = 20240601L;
    private static final int FRAMES = 5000;
    private static final int VALUES = 2000;

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());

    @Test
    void randomFramesOfEveryKindSurviveARoundTrip() throws IOException {
        RandomFrames random = new RandomFrames(SEED);
        Set<FrameKind> kinds = EnumSet.noneOf(FrameKind.class);
        for (int i = 0; i < FRAMES; i++) {
            Frame frame = random.frame();
            kinds.add(frame.kind());
            byte[] header = encode(frame);
            assertEquals(frame, codec.decodeHeader(frame.kind(), ByteBuffer.wrap(header)), () -> "case " + frame);
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(FrameKind.PING, FrameKind.PONG)), kinds);
    }

    @Test
    void everyErrorCodeAndOutcomeSurvives() throws IOException {
        for (ErrorCode code : ErrorCode.values()) {
            Frame.Error error = new Frame.Error(code, code.name().toLowerCase(Locale.ROOT));
            assertEquals(error, codec.decodeHeader(FrameKind.ERROR, ByteBuffer.wrap(encode(error))));
            Frame.SubAck subAck = new Frame.SubAck(1, List.of(new Frame.Refusal("c", code, null)));
            assertEquals(subAck, codec.decodeHeader(FrameKind.SUBACK, ByteBuffer.wrap(encode(subAck))));
        }
        List<Outcome> outcomes = new ArrayList<>(List.of(Outcome.delivered("d"), Outcome.queued("q")));
        for (Outcome.Reason reason : Outcome.Reason.values()) {
            outcomes.add(Outcome.notDelivered("n-" + reason, reason, "because " + reason));
        }
        Frame.Outcomes frame = new Frame.Outcomes(outcomes);
        assertEquals(frame, codec.decodeHeader(FrameKind.OUTCOME, ByteBuffer.wrap(encode(frame))));
    }

    @Test
    void oneCodecServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = SEED + 100 + t;
                results.add(pool.submit(() -> {
                    RandomFrames random = new RandomFrames(seed);
                    for (int i = 0; i < 1000; i++) {
                        Frame frame = random.frame();
                        assertEquals(frame, codec.decodeHeader(frame.kind(), ByteBuffer.wrap(encode(frame))));
                        Object value = random.value(0);
                        assertEquals(value, codec.decodeData(ByteBuffer.wrap(codec.encodeData(value))));
                    }
                    return 1000;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(1000, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void dataHeadersWithEveryOptionalFieldAbsentOrPresentSurvive() throws IOException {
        for (int mask = 0; mask < 64; mask++) {
            Frame.Data data = new Frame.Data("id-" + mask, (mask & 1) != 0 ? "sender" : null,
                    (mask & 2) != 0 ? "client" : null, (mask & 4) != 0 ? "channel" : null,
                    (mask & 8) != 0 ? "name" : null, (mask & 16) != 0, (mask & 32) != 0 ? 1234 : 0,
                    "application/json", mask);
            assertEquals(data, codec.decodeHeader(FrameKind.DATA, ByteBuffer.wrap(encode(data))));
        }
    }

    @Test
    void absentFieldsAreLeftOutOfTheJson() throws IOException {
        Frame.Data bare = new Frame.Data("m1", null, null, null, null, false, 0, "application/json", 0);
        assertEquals("{\"id\":\"m1\",\"persistent\":false,\"contentType\":\"application/json\"}",
                new String(encode(bare), StandardCharsets.UTF_8));
        assertEquals("{\"requestId\":7}", new String(encode(new Frame.SubAck(7, List.of())), StandardCharsets.UTF_8));
        assertEquals("{\"code\":\"SHUTTING_DOWN\"}", new String(encode(new Frame.Error(
                broadcast.api.ErrorCode.SHUTTING_DOWN, null)), StandardCharsets.UTF_8));
    }

    @Test
    void headersDecodeFromSlicesDirectAndReadOnlyBuffers() throws IOException {
        RandomFrames random = new RandomFrames(SEED + 1);
        for (int i = 0; i < 200; i++) {
            Frame frame = random.frame();
            byte[] header = encode(frame);
            byte[] padded = new byte[header.length + 10];
            System.arraycopy(header, 0, padded, 3, header.length);
            ByteBuffer slice = ByteBuffer.wrap(padded, 3, header.length).slice();
            ByteBuffer offset = ByteBuffer.wrap(padded, 3, header.length);
            ByteBuffer direct = ByteBuffer.allocateDirect(header.length).put(header).flip();
            ByteBuffer readOnly = ByteBuffer.wrap(header).asReadOnlyBuffer();
            for (ByteBuffer buffer : List.of(slice, offset, direct, readOnly)) {
                assertEquals(frame, codec.decodeHeader(frame.kind(), buffer));
            }
        }
    }

    @Test
    void pingAndPongHaveNoHeaderBytes() throws IOException {
        assertEquals(0, encode(Frame.Ping.INSTANCE).length);
        assertEquals(0, encode(Frame.Pong.INSTANCE).length);
        assertEquals(Frame.Ping.INSTANCE, codec.decodeHeader(FrameKind.PING, ByteBuffer.allocate(0)));
        assertEquals(Frame.Pong.INSTANCE, codec.decodeHeader(FrameKind.PONG, ByteBuffer.allocate(0)));
    }

    @Test
    void aLargeHeaderIsWrittenWhole() throws IOException {
        String longName = "n".repeat(200_000) + "📈";
        Frame.Data data = new Frame.Data("id", null, null, longName, null, true, 0, "application/json", 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encodeHeader(data, out);
        assertEquals(data, codec.decodeHeader(FrameKind.DATA, ByteBuffer.wrap(out.toByteArray())));
        // a small one after it on the same thread reuses a fresh buffer correctly
        Frame.Ack ack = new Frame.Ack(List.of("a"));
        assertEquals("{\"ids\":[\"a\"]}", new String(encode(ack), StandardCharsets.UTF_8));
    }

    @Test
    void randomDataValuesDecodeToTheirNaturalJsonValue() {
        RandomFrames random = new RandomFrames(SEED + 2);
        for (int i = 0; i < VALUES; i++) {
            Object value = random.value(0);
            byte[] bytes = codec.encodeData(value);
            assertEquals(value, codec.decodeData(ByteBuffer.wrap(bytes)), () -> new String(bytes, StandardCharsets.UTF_8));
            assertEquals(value, codec.decodeData(ByteBuffer.wrap(bytes).asReadOnlyBuffer()));
        }
    }

    @Test
    void emptyValuesSurvive() {
        assertNull(roundTrip(null));
        assertEquals("", roundTrip(""));
        assertEquals(Map.of(), roundTrip(Map.of()));
        assertEquals(List.of(), roundTrip(List.of()));
        assertEquals("null", new String(codec.encodeData(null), StandardCharsets.UTF_8));
    }

    @Test
    void aOneMebibytePayloadSurvives() {
        RandomFrames random = new RandomFrames(SEED + 3);
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("text", random.text().repeat(1) + "é".repeat(300_000) + "📈".repeat(100_000));
        List<Object> numbers = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            numbers.add(random.random().nextInt());
        }
        big.put("numbers", numbers);
        byte[] bytes = codec.encodeData(big);
        assertTrue(bytes.length > 1024 * 1024, "payload of " + bytes.length + " bytes");
        assertEquals(big, codec.decodeData(ByteBuffer.wrap(bytes)));
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertEquals(big, codec.decodeData(direct));
    }

    @Test
    void bytesInsideDataTravelAsBase64() {
        byte[] raw = {0, 1, 2, (byte) 0xFF};
        byte[] bytes = codec.encodeData(Map.of("raw", raw));
        assertEquals("{\"raw\":\"AAEC/w==\"}", new String(bytes, StandardCharsets.UTF_8));
        assertArrayEquals(raw, codec.decodeData(ByteBuffer.wrap(codec.encodeData(raw)), byte[].class));
    }

    private Object roundTrip(Object value) {
        return codec.decodeData(ByteBuffer.wrap(codec.encodeData(value)));
    }

    private byte[] encode(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encodeHeader(frame, out);
        return out.toByteArray();
    }
}
