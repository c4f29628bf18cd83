package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import broadcast.codec.protobuf.internal.proto.PayloadData;
import com.google.protobuf.Any;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.MessageLite;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.Value;

import java.util.Collection;
import java.util.Map;

/**
 * Turns message data into a {@link PayloadData}: a protobuf message as an {@code Any}, top-level
 * numbers in their own width, maps and collections as {@code Struct} and {@code ListValue}, whose
 * numbers are doubles. Stateless; thread-safe.
 */
final class PayloadEncoder {

    /** How deep maps and lists may nest; deeper (or cyclic) data is refused. */
    static final int MAX_NESTING = 64;

    /** The largest magnitude a double holds exactly for every integer up to it. */
    private static final long MAX_EXACT_LONG = 1L << 53;

    private static final Value NULL = Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

    private PayloadEncoder() {
    }

    /**
     * The payload bytes of a value.
     *
     * @throws CodecException naming the type when the value cannot be encoded
     */
    static byte[] encode(Object data) {
        if (data instanceof Map && !(data instanceof Message)) {
            return StructWriter.get().map((Map<?, ?>) data);
        }
        if (data instanceof Collection) {
            return StructWriter.get().list((Collection<?>) data);
        }
        return payload(data).toByteArray();
    }

    /**
     * The {@code PayloadData} message of a value, built with protobuf-java: what {@link #encode}
     * writes, which takes a shorter way for maps and collections ({@link StructWriter}).
     */

    static PayloadData payload(Object data) {
        PayloadData.Builder payload = PayloadData.newBuilder();
        if (data == null) {
            payload.setNullValue(NullValue.NULL_VALUE);
        } else if (data instanceof Message) {
            payload.setMessage(Any.pack((Message) data));
        } else if (data instanceof Boolean) {
            payload.setBoolValue((Boolean) data);
        } else if (data instanceof Integer || data instanceof Short || data instanceof Byte) {
            payload.setInt32Value(((Number) data).intValue());
        } else if (data instanceof Long) {
            payload.setInt64Value((Long) data);
        } else if (data instanceof Float) {
            payload.setFloatValue((Float) data);
        } else if (data instanceof Double) {
            payload.setDoubleValue((Double) data);
        } else if (data instanceof String) {
            payload.setStringValue((String) data);
        } else if (data instanceof byte[]) {
            // Serialized at once and not kept, so the array need not be copied.
            payload.setBytesValue(UnsafeByteOperations.unsafeWrap((byte[]) data));
        } else if (data instanceof Map) {
            payload.setStructValue(struct((Map<?, ?>) data, 1));
        } else if (data instanceof Collection) {
            payload.setListValue(list((Collection<?>) data, 1));
        } else {
            throw unsupported(data, "");
        }
        return payload.build();
    }

    private static Struct struct(Map<?, ?> map, int depth) {
        checkDepth(depth);
        Struct.Builder struct = Struct.newBuilder();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw nonStringKey(entry.getKey());
            }
            struct.putFields((String) entry.getKey(), value(entry.getValue(), depth));
        }
        return struct.build();
    }

    private static ListValue list(Collection<?> collection, int depth) {
        checkDepth(depth);
        ListValue.Builder list = ListValue.newBuilder();
        for (Object element : collection) {
            list.addValues(value(element, depth));
        }
        return list.build();
    }

    private static Value value(Object v, int depth) {
        if (v == null) {
            return NULL;
        }
        Value.Builder value = Value.newBuilder();
        if (v instanceof String) {
            value.setStringValue((String) v);
        } else if (v instanceof Boolean) {
            value.setBoolValue((Boolean) v);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof Float || v instanceof Double) {
            value.setNumberValue(((Number) v).doubleValue());
        } else if (v instanceof Long) {
            value.setNumberValue(exactDouble((Long) v));
        } else if (v instanceof Map) {
            value.setStructValue(struct((Map<?, ?>) v, depth + 1));
        } else if (v instanceof Collection) {
            value.setListValue(list((Collection<?>) v, depth + 1));
        } else {
            throw unsupportedNested(v);
        }
        return value.build();
    }

    static CodecException nonStringKey(Object key) {
        return new CodecException("the protobuf codec encodes maps with String keys only (as "
                + "google.protobuf.Struct); found a key " + describe(key));
    }

    static CodecException unsupportedNested(Object v) {
        return unsupported(v, " inside a map or list (a google.protobuf.Value holds null, Boolean, String, "
                + "numbers, Map and Collection)");
    }

    static double exactDouble(long v) {
        if (v > MAX_EXACT_LONG || v < -MAX_EXACT_LONG) {
            throw new CodecException("the protobuf codec cannot encode the Long " + v + " inside a map or list: a "
                    + "google.protobuf.Value number is a double, exact only within +-2^53; send it as a String, "
                    + "or as the whole data");
        }
        return v;
    }

    static void checkDepth(int depth) {
        if (depth > MAX_NESTING) {
            throw new CodecException("the protobuf codec encodes maps and lists nested at most " + MAX_NESTING
                    + " deep; the data nests deeper (or contains itself)");
        }
    }

    private static CodecException unsupported(Object value, String where) {
        String hint = value instanceof MessageLite
                ? "; a lite message has no descriptor to name its type, use the full protobuf runtime"
                : "";
        return new CodecException("the protobuf codec cannot encode a " + value.getClass().getName() + where
                + hint + "; it encodes protobuf messages, Map with String keys, Collection, String, Integer, Long, "
                + "Short, Byte, Float, Double, Boolean, byte[] and null");
    }

    private static String describe(Object value) {
        return value == null ? "null" : "of type " + value.getClass().getName() + " (" + value + ")";
    }
}
