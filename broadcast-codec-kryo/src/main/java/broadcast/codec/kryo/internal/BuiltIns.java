package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.TimeSerializers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The classes every kryo codec registers, with fixed ids below {@link #FIRST_USER_ID}: the plain
 * values a message carries without any setting. Ids 0 to 8 are Kryo's own (a primitive and its
 * wrapper share one). Documented in {@code docs/protocol.md}; a new entry takes a new id, an id
 * is never reused. Immutable; thread-safe.
 */
final class BuiltIns {

    /** The lowest id for a class registered through the {@code classes} setting. */
    static final int FIRST_USER_ID = 100;

    /** One built-in registration. */
    record Entry(int id, Class<?> type, Supplier<Serializer<?>> serializer) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry(0, int.class, DefaultSerializers.IntSerializer::new),
            new Entry(1, String.class, DefaultSerializers.StringSerializer::new),
            new Entry(2, float.class, DefaultSerializers.FloatSerializer::new),
            new Entry(3, boolean.class, DefaultSerializers.BooleanSerializer::new),
            new Entry(4, byte.class, DefaultSerializers.ByteSerializer::new),
            new Entry(5, char.class, DefaultSerializers.CharSerializer::new),
            new Entry(6, short.class, DefaultSerializers.ShortSerializer::new),
            new Entry(7, long.class, DefaultSerializers.LongSerializer::new),
            new Entry(8, double.class, DefaultSerializers.DoubleSerializer::new),
            new Entry(10, byte[].class, () -> checked(new DefaultArraySerializers.ByteArraySerializer(), 1, "bytes")),
            new Entry(11, boolean[].class, () -> checked(new DefaultArraySerializers.BooleanArraySerializer(), 1, "booleans")),
            new Entry(12, short[].class, () -> checked(new DefaultArraySerializers.ShortArraySerializer(), 2, "shorts")),
            new Entry(13, char[].class, () -> checked(new DefaultArraySerializers.CharArraySerializer(), 2, "chars")),
            new Entry(14, int[].class, () -> checked(new DefaultArraySerializers.IntArraySerializer(), 1, "ints")),
            new Entry(15, long[].class, () -> checked(new DefaultArraySerializers.LongArraySerializer(), 1, "longs")),
            new Entry(16, float[].class, () -> checked(new DefaultArraySerializers.FloatArraySerializer(), 4, "floats")),
            new Entry(17, double[].class, () -> checked(new DefaultArraySerializers.DoubleArraySerializer(), 8, "doubles")),
            new Entry(18, String[].class, BoundedArraySerializer::new),
            new Entry(19, Object[].class, BoundedArraySerializer::new),
            new Entry(20, ArrayList.class, BoundedCollectionSerializer::new),
            new Entry(21, HashMap.class, BoundedMapSerializer::new),
            new Entry(22, LinkedHashMap.class, BoundedMapSerializer::new),
            new Entry(23, HashSet.class, BoundedCollectionSerializer::new),
            new Entry(24, LinkedHashSet.class, BoundedCollectionSerializer::new),
            new Entry(25, BigInteger.class, DefaultSerializers.BigIntegerSerializer::new),
            new Entry(26, BigDecimal.class, DefaultSerializers.BigDecimalSerializer::new),
            new Entry(27, UUID.class, DefaultSerializers.UUIDSerializer::new),
            new Entry(28, Instant.class, TimeSerializers.InstantSerializer::new),
            new Entry(29, LocalDate.class, TimeSerializers.LocalDateSerializer::new),
            new Entry(30, LocalTime.class, TimeSerializers.LocalTimeSerializer::new),
            new Entry(31, LocalDateTime.class, TimeSerializers.LocalDateTimeSerializer::new),
            new Entry(32, Duration.class, TimeSerializers.DurationSerializer::new));

    private BuiltIns() {
    }

    private static <T> Serializer<T> checked(Serializer<T> serializer, int bytesEach, String what) {
        return new CheckedLengthSerializer<>(serializer, bytesEach, what);
    }

    /** Registers every built-in class in a new Kryo. */
    static void register(Kryo kryo) {
        for (Entry entry : ENTRIES) {
            kryo.register(new Registration(entry.type(), entry.serializer().get(), entry.id()));
        }
    }

    /** Whether a class is built in (a wrapper counts as its primitive). */
    static boolean contains(Class<?> type) {
        for (Entry entry : ENTRIES) {
            if (entry.type() == type || wrapper(entry.type()) == type) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> wrapper(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }
}
