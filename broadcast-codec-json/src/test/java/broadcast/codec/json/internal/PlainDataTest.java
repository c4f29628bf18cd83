package broadcast.codec.json.internal;

import broadcast.api.spi.CodecException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plain data through the streaming API ({@link PlainData}) gives databind's bytes and databind's
 * values, and everything else still goes to databind.
 */
class PlainDataTest {

    private final DataMapper mapper = new DataMapper(JsonSettings.DEFAULTS);

    @Test
    void shouldWriteDatabindsBytesAndReadDatabindsValues() {
        RandomFrames random = new RandomFrames(0x9A7AL);
        for (int i = 0; i < 3000; i++) {
            Object value = random.value(0);
            byte[] bytes = mapper.encode(value);
            assertArrayEquals(mapper.encodeWithDatabind(value), bytes, () -> "value " + value);
            assertEquals(mapper.decodeWithDatabind(ByteBuffer.wrap(bytes), Object.class),
                    mapper.decode(ByteBuffer.wrap(bytes), Object.class), () -> "value " + value);
        }
    }

    @Test
    void shouldWriteEveryPlainTypeAsDatabindDoes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("short", (short) -3);
        map.put("byte", (byte) 7);
        map.put("float", 0.1f);
        map.put("nan", Double.NaN);
        map.put("infinite", Float.NEGATIVE_INFINITY);
        map.put("null", null);
        map.put("set", new LinkedHashSet<>(List.of("a", "b")));
        map.put("tree", new TreeMap<>(Map.of("z", 1, "a", 2)));
        map.put("escapes", "\"\\\u0000\u2028😀");
        map.put("of", List.of(Map.of("k", List.of())));
        assertTrue(PlainData.candidate(map));
        assertArrayEquals(mapper.encodeWithDatabind(map), mapper.encode(map));
    }

    @Test
    void shouldLeaveEverythingElseToDatabind() {
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "one");
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        List<Object> cases = List.of(intKey, Map.of("big", new BigDecimal("1.5")), List.of(new byte[] {1, 2}),
                List.of(new PriceLike("ACME", 1.5)), cyclic, Map.of("c", 'c'));
        for (Object value : cases) {
            assertEquals(outcome(() -> Arrays.toString(mapper.encodeWithDatabind(value))),
                    outcome(() -> Arrays.toString(mapper.encode(value))));
        }
    }

    @Test
    void shouldReadWhatDatabindReadsFromMutatedText() {
        Random random = new Random(0x3A7EL);
        RandomFrames values = new RandomFrames(0x3A7FL);
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(mapper.encode(values.value(0)));
        }
        samples.add("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8));
        samples.add("[1e400, -1e-400, 123456789012345678901234567890]".getBytes(StandardCharsets.UTF_8));
        int read = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] mutant = JsonMutationTest.mutate(samples.get(random.nextInt(samples.size())), random);
            Object plain = plainOrNotPlain(mutant);
            if (plain != PlainData.NOT_PLAIN) {
                read++;
                assertEquals(mapper.decodeWithDatabind(ByteBuffer.wrap(mutant), Object.class), plain,
                        () -> new String(mutant, StandardCharsets.UTF_8));
            }
            if (i % 10 == 0) {
                assertEquals(outcome(() -> mapper.decodeWithDatabind(ByteBuffer.wrap(mutant), Object.class)),
                        outcome(() -> mapper.decode(ByteBuffer.wrap(mutant), Object.class)));
            }
        }
        assertTrue(read > 1_000, "mutants read plainly: " + read);
        for (String text : List.of("{\"a\":1,\"a\":2}", "[1e400]")) {
            assertSame(PlainData.NOT_PLAIN, plainOrNotPlain(text.getBytes(StandardCharsets.UTF_8)), text);
        }
    }

    /** What the plain reader makes of the bytes, given what the codec gives it: UTF-8 JSON. */
    private Object plainOrNotPlain(byte[] bytes) {
        try {
            JsonErrors.requireUtf8(bytes, 0, bytes.length);
        } catch (JsonProblem e) {
            return PlainData.NOT_PLAIN;
        }
        try (var parser = com.fasterxml.jackson.databind.json.JsonMapper.builder(
                JsonFactories.create(JsonSettings.DEFAULT_MAX_NESTING_DEPTH, Integer.MAX_VALUE)).build()
                .createParser(bytes)) {
            return PlainData.read(parser);
        } catch (Exception e) {
            return PlainData.NOT_PLAIN;
        }
    }

    private static Object outcome(Supplier<Object> run) {
        try {
            return run.get();
        } catch (CodecException e) {
            return e.getMessage();
        }
    }

    /** A record: databind's, through its accessors. */
    public record PriceLike(String symbol, double price) {
    }
}
