package broadcast.codec.protobuf.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
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
 * valid UTF-8, nesting at most {@link PayloadEncoder#MAX_NESTING} deep. On anything else
 * {@link #read} gives up and returns {@link #NOT_COMMON}, and the caller parses the payload with
 * the generated parser, which accepts or refuses it with the message it always gave. So this class
 * changes no result (a test compares the two on mutated payloads), and every length it reads is
 * checked against the bytes of the enclosing message before it is used.
 *
 * <p>Stateless; thread-safe.
 */
final class StructReader {

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

    private final byte[] bytes;
    private int pos;

    private StructReader(byte[] bytes, int pos) {
        this.bytes = bytes;
        this.pos = pos;
    }

    /**
     * The map or list in the payload's remaining bytes, or {@link #NOT_COMMON}. Leaves the buffer's
     * position alone.
     */
    static Object read(ByteBuffer payload) {
        if (!payload.hasArray()) {
            return NOT_COMMON;
        }
        int start = payload.arrayOffset() + payload.position();
        int end = start + payload.remaining();
        if (end - start < 2) {
            return NOT_COMMON;
        }
        StructReader reader = new StructReader(payload.array(), start + 1);
        int tag = reader.bytes[start];
        int length = reader.length(end);
        if (length < 0 || reader.pos + length != end) {
            return NOT_COMMON;
        }
        Object value;
        if (tag == PAYLOAD_STRUCT) {
            value = reader.struct(end, 1);
        } else if (tag == PAYLOAD_LIST) {
            value = reader.list(end, 1);
        } else {
            return NOT_COMMON;
        }
        return value == FAIL ? NOT_COMMON : value;
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
            String key = string(entryEnd);
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
                String text = string(end);
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

    /** Reads a length and returns where it ends, or -1 if it does not fit before {@code limit}. */
    private int end(int limit) {
        int length = length(limit);
        return length < 0 || length > limit - pos ? -1 : pos + length;
    }

    /** A varint length of at most five bytes below 2^31, or -1. */
    private int length(int limit) {
        int value = 0;
        for (int shift = 0; shift < 35 && pos < limit; shift += 7) {
            int b = bytes[pos++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return shift == 28 && (b & 0x78) != 0 ? -1 : value;
            }
        }
        return -1;
    }

    /** A length-prefixed UTF-8 string ending at or before {@code limit}, or {@code null}. */
    private String string(int limit) {
        int end = end(limit);
        if (end < 0) {
            return null;
        }
        int start = pos;
        pos = end;
        for (int i = start; i < end; i++) {
            if (bytes[i] < 0) {
                String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                // Java replaces malformed UTF-8 with U+FFFD where protobuf refuses it; let protobuf decide.
                return text.indexOf('\uFFFD') >= 0 ? null : text;
            }
        }
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
