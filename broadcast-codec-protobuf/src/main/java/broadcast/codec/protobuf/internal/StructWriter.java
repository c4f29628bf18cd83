package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import com.google.protobuf.CodedOutputStream;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a {@code PayloadData} holding a {@code Map} (as {@code struct_value}) or a
 * {@code Collection} (as {@code list_value}) with {@link CodedOutputStream}, without building
 * {@code Struct}, map-entry and {@code Value} messages: protobuf-java allocates several kilobytes
 * to build and serialize the messages of a 128-byte map.
 *
 * <p>The bytes are those of {@link PayloadEncoder#payload}'s {@code toByteArray()}: map entries in
 * iteration order, each with its key (field 1) and its {@code Value} (field 2) whatever they hold,
 * and a {@code Value}'s one field always written. It refuses what that refuses, with the same
 * message, first in the same order: a first pass walks the data, checks it and records the size
 * of every nested message in visiting order; the second writes, taking the sizes in that order.
 *
 * <p>Not thread-safe: one instance per thread ({@link #get}).
 */
final class StructWriter {

    private static final int STRUCT_VALUE = 9;
    private static final int LIST_VALUE = 10;

    private static final int STRUCT_FIELDS = 1;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    private static final int LIST_VALUES = 1;

    private static final int NULL_KIND = 1;
    private static final int NUMBER_KIND = 2;
    private static final int STRING_KIND = 3;
    private static final int BOOL_KIND = 4;
    private static final int STRUCT_KIND = 5;
    private static final int LIST_KIND = 6;

    /** One tag byte and one length byte at least for each element: sizes kept past this are dropped. */
    private static final int RETAINED_SIZES = 4096;

    private static final ThreadLocal<StructWriter> WRITERS = ThreadLocal.withInitial(StructWriter::new);

    private int[] sizes = new int[64];
    private int count;
    private int next;

    private StructWriter() {
    }

    /** This thread's writer. */
    static StructWriter get() {
        return WRITERS.get();
    }

    /**
     * The payload bytes of a map with String keys.
     *
     * @throws CodecException as {@link PayloadEncoder#payload} for data it cannot encode
     */
    byte[] map(Map<?, ?> map) {
        return write(map, STRUCT_VALUE);
    }

    /** The payload bytes of a collection, as {@link #map}. */
    byte[] list(Collection<?> collection) {
        return write(collection, LIST_VALUE);
    }

    private byte[] write(Object data, int field) {
        count = 0;
        next = 0;
        try {
            int body = field == STRUCT_VALUE ? structSize((Map<?, ?>) data, 1) : listSize((Collection<?>) data, 1);
            byte[] bytes = new byte[CodedOutputStream.computeTagSize(field) + lengthDelimited(body)];
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeTag(field, 2);
            out.writeUInt32NoTag(body);
            if (field == STRUCT_VALUE) {
                writeStruct(out, (Map<?, ?>) data);
            } else {
                writeList(out, (Collection<?>) data);
            }
            out.checkNoSpaceLeft();
            return bytes;
        } catch (IOException e) {
            // The array was sized by the first pass: data that changed in between.
            throw new CodecException("the protobuf codec could not encode the data, which changed while it was "
                    + "being encoded: " + e.getMessage(), e);
        } finally {
            if (sizes.length > RETAINED_SIZES) {
                sizes = new int[64];
            }
        }
    }

    // First pass: check and measure. Each nested message reserves its slot before its children.

    private int structSize(Map<?, ?> map, int depth) {
        PayloadEncoder.checkDepth(depth);
        int slot = reserve();
        int size = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            if (!(key instanceof String)) {
                throw PayloadEncoder.nonStringKey(key);
            }
            int entrySlot = reserve();
            int entry1 = CodedOutputStream.computeStringSize(ENTRY_KEY, (String) key)
                    + 1 + lengthDelimited(valueSize(entry.getValue(), depth));
            sizes[entrySlot] = entry1;
            size += 1 + lengthDelimited(entry1);
        }
        sizes[slot] = size;
        return size;
    }

    private int listSize(Collection<?> collection, int depth) {
        PayloadEncoder.checkDepth(depth);
        int slot = reserve();
        int size = 0;
        for (Object element : collection) {
            size += 1 + lengthDelimited(valueSize(element, depth));
        }
        sizes[slot] = size;
        return size;
    }

    private int valueSize(Object v, int depth) {
        int slot = reserve();
        int size;
        if (v == null) {
            size = 2;
        } else if (v instanceof String) {
            size = CodedOutputStream.computeStringSize(STRING_KIND, (String) v);
        } else if (v instanceof Boolean) {
            size = 2;
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof Float || v instanceof Double) {
            size = 9;
        } else if (v instanceof Long) {
            PayloadEncoder.exactDouble((Long) v);
            size = 9;
        } else if (v instanceof Map) {
            size = 1 + lengthDelimited(structSize((Map<?, ?>) v, depth + 1));
        } else if (v instanceof Collection) {
            size = 1 + lengthDelimited(listSize((Collection<?>) v, depth + 1));
        } else {
            throw PayloadEncoder.unsupportedNested(v);
        }
        sizes[slot] = size;
        return size;
    }

    private int reserve() {
        if (count == sizes.length) {
            sizes = Arrays.copyOf(sizes, count * 2);
        }
        return count++;
    }

    private static int lengthDelimited(int size) {
        return CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    }

    // Second pass: write, taking the sizes in the order the first pass recorded them.

    private void writeStruct(CodedOutputStream out, Map<?, ?> map) throws IOException {
        next++;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.writeTag(STRUCT_FIELDS, 2);
            out.writeUInt32NoTag(sizes[next++]);
            out.writeString(ENTRY_KEY, (String) entry.getKey());
            out.writeTag(ENTRY_VALUE, 2);
            writeValue(out, entry.getValue());
        }
    }

    private void writeList(CodedOutputStream out, Collection<?> collection) throws IOException {
        next++;
        for (Object element : collection) {
            out.writeTag(LIST_VALUES, 2);
            writeValue(out, element);
        }
    }

    /** A {@code Value} with its length prefix. */
    private void writeValue(CodedOutputStream out, Object v) throws IOException {
        out.writeUInt32NoTag(sizes[next++]);
        if (v == null) {
            out.writeEnum(NULL_KIND, 0);
        } else if (v instanceof String) {
            out.writeString(STRING_KIND, (String) v);
        } else if (v instanceof Boolean) {
            out.writeBool(BOOL_KIND, (Boolean) v);
        } else if (v instanceof Number && !(v instanceof Long)) {
            out.writeDouble(NUMBER_KIND, ((Number) v).doubleValue());
        } else if (v instanceof Long) {
            out.writeDouble(NUMBER_KIND, (Long) v);
        } else if (v instanceof Map) {
            out.writeTag(STRUCT_KIND, 2);
            out.writeUInt32NoTag(sizes[next]);
            writeStruct(out, (Map<?, ?>) v);
        } else {
            out.writeTag(LIST_KIND, 2);
            out.writeUInt32NoTag(sizes[next]);
            writeList(out, (Collection<?>) v);
        }
    }
}
