package broadcast.codec.protobuf.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code PayloadData} holding a {@code struct_value} or a {@code list_value} straight from
 * the bytes, without parsing them into {@code Struct}, map-entry and {@code Value} messages.
 *
 * <p>It reads the common form only, the one {@link StructWriter} writes: one-byte tags of known
 * fields with their own wire type, each map entry a key and then a value, each {@code Value} one
 * field, keys not repeated, lengths in at most five bytes within the enclosing message, strings in
 * valid UTF-8, at most {@value BytesReader#SCRATCH_BYTES} bytes unless the buffer has an array,
 * nesting at most {@link PayloadEncoder#MAX_NESTING} deep. On anything else
 * {@link #read} gives up and returns {@link #NOT_COMMON}, and the caller parses the payload with
 * the generated parser, which accepts or refuses it with the message it always gave. So this class
 * changes no result (a test compares the two on mutated payloads), and every length it reads is
 * checked against the bytes of the enclosing message before it is used.
 *
 * <p>Thread-safe: each thread reads with an instance of its own, which keeps no input between calls.
 */
final class StructReader extends BytesReader {

    /** Returned when the bytes are not in the common form. */
    static final Object NOT_COMMON = new Object();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int PAYLOAD_STRUCT = 9 << 3 | 2;
    private static final int PAYLOAD_LIST = 10 << 3 | 2;
    private static final int FIELD_1 = 1 << 3 | 2;
    private static final int FIELD_2 = 2 << 3 | 2;
    private static final int NULL_KIND = 1 << 3;
    private static final int NUMBER_KIND = 2 << 3 | 1;
    private static final int STRING_KIND = 3 << 3 | 2;
    private static final int BOOL_KIND = 4 << 3;
    private static final int STRUCT_KIND = 5 << 3 | 2;
    private static final int LIST_KIND = 6 << 3 | 2;

    /** Stands for a failed read inside the recursion; never escapes. */
    private static final Object FAIL = new Object();

    private static final ThreadLocal<StructReader> READERS = ThreadLocal.withInitial(StructReader::new);

    private StructReader() {
    }

    /**
     * The map or list in the payload's remaining bytes, or {@link #NOT_COMMON}. Leaves the buffer's
     * position alone.
     */
    static Object read(ByteBuffer payload) {
        StructReader reader = READERS.get();
        try {
            Object value = reader.payload(reader.start(payload));
            return value == FAIL ? NOT_COMMON : value;
        } finally {
            reader.finish();
        }
    }

    private Object payload(int end) {
        if (end < 0 || end - pos < 2) {
            return FAIL;
        }
        int tag = bytes[pos++];
        if (end(end) != end) {
            return FAIL;
        }
        if (tag == PAYLOAD_STRUCT) {
            return struct(end, 1);
        }
        return tag == PAYLOAD_LIST ? list(end, 1) : FAIL;
    }

    /** The fields of a {@code Struct} ending at {@code end}, as an unmodifiable map, or {@link #FAIL}. */
    private Object struct(int end, int depth) {
        if (depth > PayloadEncoder.MAX_NESTING) {
            return FAIL;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (pos < end) {
            if (bytes[pos++] != FIELD_1) {
                return FAIL;
            }
            int entryEnd = end(end);
            if (entryEnd < 0 || pos == entryEnd || bytes[pos++] != FIELD_1) {
                return FAIL;
            }
            String key = string(entryEnd, true);
            if (key == null || pos == entryEnd || bytes[pos++] != FIELD_2) {
                return FAIL;
            }
            int valueEnd = end(entryEnd);
            if (valueEnd != entryEnd) {
                return FAIL;
            }
            Object value = value(valueEnd, depth);
            int before = map.size();
            if (value == FAIL || pos != valueEnd) {
                return FAIL;
            }
            map.put(key, value);
            if (map.size() == before) {
                return FAIL;
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The values of a {@code ListValue} ending at {@code end}, as an unmodifiable list, or {@link #FAIL}. */
    private Object list(int end, int depth) {
        if (depth > PayloadEncoder.MAX_NESTING) {
            return FAIL;
        }
        List<Object> list = new ArrayList<>();
        while (pos < end) {
            if (bytes[pos++] != FIELD_1) {
                return FAIL;
            }
            int valueEnd = end(end);
            if (valueEnd < 0) {
                return FAIL;
            }
            Object value = value(valueEnd, depth);
            if (value == FAIL || pos != valueEnd) {
                return FAIL;
            }
            list.add(value);
        }
        return Collections.unmodifiableList(list);
    }

    /** The one field of a {@code Value} ending at {@code end}, or {@link #FAIL}. */
    private Object value(int end, int depth) {
        if (pos == end) {
            return FAIL;
        }
        int tag = bytes[pos++];
        switch (tag) {
            case STRING_KIND:
                String text = string(end, false);
                return text == null ? FAIL : text;
            case NUMBER_KIND:
                if (end - pos < Long.BYTES) {
                    return FAIL;
                }
                double number = Double.longBitsToDouble((long) LONGS.get(bytes, pos));
                pos += Long.BYTES;
                return number;
            case NULL_KIND:
            case BOOL_KIND:
                if (pos == end || (bytes[pos] & ~1) != 0) {
                    return FAIL;
                }
                boolean bit = bytes[pos++] != 0;
                if (tag == NULL_KIND) {
                    return bit ? FAIL : null;
                }
                return bit;
            case STRUCT_KIND:
            case LIST_KIND:
                int nestedEnd = end(end);
                if (nestedEnd != end) {
                    return FAIL;
                }
                return tag == STRUCT_KIND ? struct(end, depth + 1) : list(end, depth + 1);
            default:
                return FAIL;
        }
    }
}
