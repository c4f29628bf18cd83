package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written Struct writer writes the bytes protobuf-java writes for the same data, and the
 * hand-written reader reads what the generated parser reads: the same value, or it leaves the
 * bytes to that parser.
 */
class StructPayloadsTest {

    private final PayloadDecoder decoder = new PayloadDecoder(MessageTypes.of(List.of()));

    @Test
    void shouldWriteTheBytesOfTheGeneratedMessagesAndReadThemBack() {
        RandomData data = new RandomData(new Random(0x57C7));
        int checked = 0;
        for (int i = 0; i < 4000; i++) {
            Object sent = i % 2 == 0 ? data.map(3) : data.list(3);
            byte[] bytes = PayloadEncoder.encode(sent);
            assertArrayEquals(PayloadEncoder.payload(sent).toByteArray(), bytes, () -> "sent " + sent);
            Object read = StructReader.read(ByteBuffer.wrap(bytes));
            assertEquals(decoder.decodeGenerated(ByteBuffer.wrap(bytes)), read, () -> "sent " + sent);
            assertEquals(RandomData.expected(sent), read);
            checked++;
        }
        assertEquals(4000, checked);
    }

    @Test
    void shouldWriteUnicodeKeysAndValuesAsProtobufDoes() {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("é", "ü€😀");
        sent.put("", "");
        sent.put("bad surrogate \uD800", List.of("\uDC00x", '\uFFFD' + "literal"));
        sent.put("nested", Map.of("empty", Map.of(), "list", List.of()));
        byte[] bytes = PayloadEncoder.encode(sent);
        assertArrayEquals(PayloadEncoder.payload(sent).toByteArray(), bytes);
        assertEquals(decoder.decodeGenerated(ByteBuffer.wrap(bytes)), decoder.decode(ByteBuffer.wrap(bytes)));
    }

    @Test
    void shouldRefuseWhatTheGeneratedPathRefusesWithTheSameMessage() {
        Map<Object, Object> intKey = new HashMap<>();
        intKey.put(1, "one");
        Map<String, Object> deep = new LinkedHashMap<>();
        Map<String, Object> inner = deep;
        for (int i = 0; i < PayloadEncoder.MAX_NESTING + 1; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            inner.put("k", next);
            inner = next;
        }
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        List<Object> cases = List.of(intKey, Map.of("n", BigDecimal.ONE), Map.of("big", 1L << 60),
                List.of(1, new Object()), deep, cyclic, Arrays.asList("a", Map.of("x", Map.of(2, 3))));
        for (Object sent : cases) {
            String generated = message(() -> PayloadEncoder.payload(sent).toByteArray());
            String handWritten = message(() -> PayloadEncoder.encode(sent));
            assertTrue(generated.startsWith("the protobuf codec"), generated);
            assertEquals(generated, handWritten);
        }
    }

    /** Whatever the hand-written reader reads from a mutated payload, the generated parser reads the same. */
    @Test
    void shouldAgreeWithTheGeneratedParserOnMutatedPayloads() {
        Random random = new Random(0xB17E);
        RandomData data = new RandomData(random);
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(PayloadEncoder.encode(i % 3 == 0 ? data.list(2) : data.map(2)));
        }
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] mutant = MutationTest.mutate(samples.get(random.nextInt(samples.size())), random);
            Object value = StructReader.read(ByteBuffer.wrap(mutant));
            if (value != StructReader.NOT_COMMON) {
                read++;
                assertEquals(decoder.decodeGenerated(ByteBuffer.wrap(mutant)), value, TestCodecs.hex(mutant));
            }
            if (i % 10 == 0) {
                assertEquals(outcome(() -> decoder.decodeGenerated(ByteBuffer.wrap(mutant))),
                        outcome(() -> decoder.decode(ByteBuffer.wrap(mutant))), TestCodecs.hex(mutant));
            }
        }
        assertTrue(read > 2_000, "mutants read by hand: " + read);
    }

    @Test
    void shouldLeaveUncommonFormsToTheGeneratedParser() {
        byte[] map = PayloadEncoder.encode(Map.of("a", 1));
        byte[] withUnknownField = Arrays.copyOf(map, map.length + 2);
        withUnknownField[map.length] = (byte) (99 << 3);
        byte[] twoValues = Bytes.concat(map, map);
        byte[] large = PayloadEncoder.encode(Map.of("a", "x".repeat(BytesReader.SCRATCH_BYTES)));
        for (byte[] bytes : List.of(withUnknownField, twoValues, new byte[0], new byte[] {0x4A})) {
            assertSame(StructReader.NOT_COMMON, StructReader.read(ByteBuffer.wrap(bytes)), TestCodecs.hex(bytes));
        }
        ByteBuffer largeDirect = ByteBuffer.allocateDirect(large.length).put(large).flip();
        assertSame(StructReader.NOT_COMMON, StructReader.read(largeDirect));
        assertEquals(Map.of("a", "x".repeat(BytesReader.SCRATCH_BYTES)), decoder.decode(largeDirect));
        ByteBuffer direct = ByteBuffer.allocateDirect(map.length).put(map).flip();
        assertEquals(Map.of("a", 1.0), StructReader.read(direct));
        assertEquals(0, direct.position());
        ByteBuffer heap = ByteBuffer.wrap(map);
        assertNotSame(StructReader.NOT_COMMON, StructReader.read(heap));
        assertEquals(0, heap.position());
    }

    private static String message(Runnable run) {
        try {
            run.run();
            return "no error";
        } catch (CodecException e) {
            return e.getMessage();
        }
    }

    private static Object outcome(java.util.function.Supplier<Object> run) {
        try {
            Object value = run.get();
            return value instanceof byte[] ? Arrays.toString((byte[]) value) : value;
        } catch (CodecException e) {
            return e.getMessage();
        }
    }
}
