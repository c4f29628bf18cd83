package broadcast.codec.kryo.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.ProviderConfig;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Maps and collections whose scalars take the short way ({@link Scalars}) have the bytes Kryo's
 * generic {@code writeClassAndObject} gives them, and read back as Kryo's generic path reads them,
 * on valid and on mutated input.
 */
class ScalarsTest {

    private final Codec codec = TestCodecs.codec();
    private final Kryo generic = genericKryo();
    private final Kryo shortWay = factory().newKryo();

    @Test
    void shouldWriteTheBytesOfKryosGenericPathAndReadThemBack() {
        Generators generators = new Generators(0x5CA1L);
        for (int i = 0; i < 3000; i++) {
            Object value = generators.value(3);
            byte[] bytes = codec.encodeData(value);
            assertArrayEquals(genericWrite(value), bytes, () -> "value " + value);
            SameValue.assertSameValue(read(generic, bytes), codec.decodeData(ByteBuffer.wrap(bytes)));
        }
    }

    @Test
    void shouldReadMutatedPayloadsAsKryosGenericPathDoes() {
        Generators generators = new Generators(0xB17EL);
        Random random = generators.random();
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            samples.add(codec.encodeData(generators.value(2)));
        }
        int same = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] mutant = KryoBadInputTest.mutate(samples.get(random.nextInt(samples.size())), random);
            // Each read with a new input: Kryo leaves a malformed UTF-8 char as whatever its char buffer held.
            Object expected = outcome(() -> read(generic, mutant));
            Object actual = outcome(() -> read(shortWay, mutant));
            if (!(expected instanceof Failure)) {
                assertTrue(!(actual instanceof Failure), () -> Arrays.toString(mutant) + " refused");
                // The same value gives the same bytes again (values read from mutants may hold null keys or
                // records whose components Kryo filled with another type, which equals() cannot compare).
                assertEquals(outcome(() -> Arrays.toString(genericWrite(expected))),
                        outcome(() -> Arrays.toString(genericWrite(actual))), () -> Arrays.toString(mutant));
                same++;
            } else {
                assertTrue(actual instanceof Failure, () -> Arrays.toString(mutant) + " read as " + actual);
            }
        }
        assertTrue(same > 1_000, "mutants read: " + same);
    }

    @Test
    void shouldGiveTheSameStringForTheSameKeyBytes() {
        Map<String, Object> tick = new LinkedHashMap<>();
        tick.put("symbol", "ACME");
        tick.put("é-key", 1);
        byte[] bytes = codec.encodeData(tick);
        Map<?, ?> first = (Map<?, ?>) codec.decodeData(ByteBuffer.wrap(bytes));
        Map<?, ?> second = (Map<?, ?>) codec.decodeData(ByteBuffer.wrap(bytes));
        assertEquals(tick, second);
        assertSame(first.keySet().iterator().next(), second.keySet().iterator().next());
    }

    /** The value as the codec's Kryo would write it with Kryo's generic path for every element. */
    private byte[] genericWrite(Object value) {
        Output output = new Output(256, -1);
        generic.writeClassAndObject(output, value);
        return output.toBytes();
    }

    private static Object read(Kryo kryo, byte[] bytes) {
        BoundedInput input = new BoundedInput();
        input.wrap(bytes);
        try {
            Object value = kryo.readClassAndObject(input);
            if (input.remaining() != 0) {
                throw new BadInputException("has trailing bytes");
            }
            return value;
        } finally {
            kryo.reset();
        }
    }

    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return new Failure(e.getClass());
        }
    }

    /** Any failure: the codec's messages differ from Kryo's raw exceptions by their prefix only. */
    private record Failure(Class<?> type) {
    }

    private static KryoFactory factory() {
        return new KryoFactory(KryoSettings.parse(ProviderConfig.of("codec \"kryo\"",
                Map.of(KryoSettings.CLASSES, TestCodecs.CLASSES))));
    }

    private static Kryo genericKryo() {
        Kryo kryo = factory().newKryo();
        kryo.register(new Registration(ArrayList.class, new GenericCollection(), 20));
        kryo.register(new Registration(HashMap.class, new GenericMap(), 21));
        kryo.register(new Registration(LinkedHashMap.class, new GenericMap(), 22));
        kryo.register(new Registration(HashSet.class, new GenericCollection(), 23));
        kryo.register(new Registration(LinkedHashSet.class, new GenericCollection(), 24));
        return kryo;
    }

    /** The map serializer before the short way: every key and value through Kryo. */
    private static final class GenericMap extends Serializer<Map<Object, Object>> {
        @Override
        public void write(Kryo kryo, Output output, Map<Object, Object> map) {
            output.writeVarInt(map.size(), true);
            for (Map.Entry<Object, Object> entry : map.entrySet()) {
                kryo.writeClassAndObject(output, entry.getKey());
                kryo.writeClassAndObject(output, entry.getValue());
            }
        }

        @Override
        public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
            int size = input.readVarInt(true);
            ((BoundedInput) input).requireCount(size, 2, "map entries");
            Map<Object, Object> map = (Class<?>) type == HashMap.class ? new HashMap<>() : new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                Object key = kryo.readClassAndObject(input);
                map.put(key, kryo.readClassAndObject(input));
            }
            return map;
        }
    }

    /** The collection serializer before the short way. */
    private static final class GenericCollection extends Serializer<Collection<Object>> {
        @Override
        public void write(Kryo kryo, Output output, Collection<Object> collection) {
            output.writeVarInt(collection.size(), true);
            for (Object element : collection) {
                kryo.writeClassAndObject(output, element);
            }
        }

        @Override
        public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
            int size = input.readVarInt(true);
            ((BoundedInput) input).requireCount(size, 1, "elements");
            Collection<Object> collection = (Class<?>) type == ArrayList.class ? new ArrayList<>()
                    : (Class<?>) type == HashSet.class ? new HashSet<>() : new LinkedHashSet<>();
            for (int i = 0; i < size; i++) {
                collection.add(kryo.readClassAndObject(input));
            }
            return Objects.requireNonNull(collection);
        }
    }
}
