package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Writes and reads the elements of maps and collections: the common scalars (null, String,
 * Integer, Long, Double, Boolean) directly, everything else through Kryo's
 * {@code writeClassAndObject}/{@code readClassAndObject}. The bytes are Kryo's for every value:
 * the class id plus two as a varint (one byte for the built-in ids, see {@link BuiltIns}) and then
 * what the built-in serializer writes ({@code writeString}, {@code writeVarInt(v, false)},
 * {@code writeVarLong(v, false)}, {@code writeDouble}, {@code writeBoolean}); null is the byte 0.
 * Kryo's generic path looks up the class, its registration and serializer, and checks the depth
 * for every key and value, which shows on a payload of a hundred bytes.
 *
 * <p>The short way is taken only below the maximum depth, where Kryo would refuse a scalar too;
 * it reads with the same {@link Input} methods as Kryo's serializers, so bad input fails the same
 * way. Stateless; thread-safe.
 */
final class Scalars {

    private static final int NULL = 0;
    private static final int INT = 0 + 2;
    private static final int STRING = 1 + 2;
    private static final int BOOLEAN = 3 + 2;
    private static final int LONG = 7 + 2;
    private static final int DOUBLE = 8 + 2;

    private Scalars() {
    }

    /** Writes a value with its class id, as {@code kryo.writeClassAndObject} does. */
    static void write(Kryo kryo, Output output, Object value) {
        if (!roomForOneLevel(kryo)) {
            kryo.writeClassAndObject(output, value);
            return;
        }
        Class<?> type = value == null ? null : value.getClass();
        if (type == null) {
            output.writeByte(NULL);
        } else if (type == String.class) {
            output.writeByte(STRING);
            output.writeString((String) value);
        } else if (type == Integer.class) {
            output.writeByte(INT);
            output.writeVarInt((Integer) value, false);
        } else if (type == Long.class) {
            output.writeByte(LONG);
            output.writeVarLong((Long) value, false);
        } else if (type == Double.class) {
            output.writeByte(DOUBLE);
            output.writeDouble((Double) value);
        } else if (type == Boolean.class) {
            output.writeByte(BOOLEAN);
            output.writeBoolean((Boolean) value);
        } else {
            kryo.writeClassAndObject(output, value);
        }
    }

    /**
     * Reads a value with its class id, as {@code kryo.readClassAndObject} does.
     *
     * @param repeated whether a string here is likely to repeat from message to message (a map
     *     key): an ASCII one then comes from the input's cache
     */
    static Object read(Kryo kryo, Input input, boolean repeated) {
        if (!roomForOneLevel(kryo) || input.position() == input.limit()) {
            return kryo.readClassAndObject(input);
        }
        int position = input.position();
        switch (input.readByte()) {
            case NULL:
                return null;
            case STRING:
                return repeated ? ((BoundedInput) input).readRepeatedString() : input.readString();
            case INT:
                return input.readVarInt(false);
            case LONG:
                return input.readVarLong(false);
            case DOUBLE:
                return input.readDouble();
            case BOOLEAN:
                return input.readBoolean();
            default:
                input.setPosition(position);
                return kryo.readClassAndObject(input);
        }
    }

    private static boolean roomForOneLevel(Kryo kryo) {
        return kryo instanceof StrictKryo strict && strict.depth() < strict.maxDepth();
    }
}
