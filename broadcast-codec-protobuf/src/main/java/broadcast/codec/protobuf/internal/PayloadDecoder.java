package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import broadcast.codec.protobuf.internal.proto.PayloadData;
import com.google.protobuf.Any;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads payload data from a {@link PayloadData}: to its natural Java value, or to a requested type.
 * Maps and lists come back unmodifiable, in wire order; in their common form they are read by
 * {@link StructReader}, without the generated classes. Immutable; thread-safe.
 */
final class PayloadDecoder {

    /**
     * Each level of map nesting costs three protobuf levels (Struct, its map entry, Value), so
     * this admits everything {@link PayloadEncoder} writes and stops deeper input.
     */
    static final int RECURSION_LIMIT = 3 * PayloadEncoder.MAX_NESTING + 8;

    private static final String WHAT = "payload";

    private final MessageTypes types;

    PayloadDecoder(MessageTypes types) {
        this.types = types;
    }

    /** The natural value of the payload. */
    Object decode(ByteBuffer payload) {
        Object common = StructReader.read(payload);
        return common != StructReader.NOT_COMMON ? common : value(parse(payload));
    }

    /** The natural value of the payload, read with the generated parser only: every form, every error. */
    Object decodeGenerated(ByteBuffer payload) {
        return value(parse(payload));
    }

    /** The payload as a type: a message class parses the {@code Any}; other types take the natural value. */
    <T> T decode(ByteBuffer payload, Class<T> type) {
        Object common = StructReader.read(payload);
        if (common != StructReader.NOT_COMMON) {
            return as(common, type);
        }
        PayloadData data = parse(payload);
        if (data.getValueCase() == PayloadData.ValueCase.MESSAGE && type != Any.class
                && MessageTypes.isConcreteMessage(type)) {
            return MessageTypes.unpack(data.getMessage(), type, RECURSION_LIMIT);
        }
        Object value = data.getValueCase() == PayloadData.ValueCase.MESSAGE && type == Any.class
                ? data.getMessage() : value(data);
        return as(value, type);
    }

    private static PayloadData parse(ByteBuffer payload) {
        PayloadData data = Wire.parse(PayloadData.parser(), payload, RECURSION_LIMIT, WHAT);
        Wire.requireWellTyped(data, WHAT);
        return data;
    }

    private Object value(PayloadData data) {
        switch (data.getValueCase()) {
            case NULL_VALUE:
                return null;
            case BOOL_VALUE:
                return data.getBoolValue();
            case INT32_VALUE:
                return data.getInt32Value();
            case INT64_VALUE:
                return data.getInt64Value();
            case FLOAT_VALUE:
                return data.getFloatValue();
            case DOUBLE_VALUE:
                return data.getDoubleValue();
            case STRING_VALUE:
                return data.getStringValue();
            case BYTES_VALUE:
                return data.getBytesValue().toByteArray();
            case STRUCT_VALUE:
                return map(data.getStructValue());
            case LIST_VALUE:
                return list(data.getListValue());
            case MESSAGE:
                return types.unpack(data.getMessage(), RECURSION_LIMIT);
            default:
                throw new CodecException("the protobuf payload has no value (none of the fields of "
                        + "broadcast.codec.protobuf.v1.PayloadData this version knows)");
        }
    }

    private static Map<String, Object> map(Struct struct) {
        Wire.requireWellTyped(struct, "payload google.protobuf.Struct");
        Map<String, Value> fields = struct.getFieldsMap();
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, fields.size() * 4 / 3 + 1));
        for (Map.Entry<String, Value> entry : fields.entrySet()) {
            map.put(entry.getKey(), value(entry.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<Object> list(ListValue listValue) {
        Wire.requireWellTyped(listValue, "payload google.protobuf.ListValue");
        List<Object> list = new ArrayList<>(listValue.getValuesCount());
        for (Value value : listValue.getValuesList()) {
            list.add(value(value));
        }
        return Collections.unmodifiableList(list);
    }

    private static Object value(Value value) {
        Wire.requireWellTyped(value, "payload google.protobuf.Value");
        switch (value.getKindCase()) {
            case NULL_VALUE:
                return null;
            case NUMBER_VALUE:
                return value.getNumberValue();
            case STRING_VALUE:
                return value.getStringValue();
            case BOOL_VALUE:
                return value.getBoolValue();
            case STRUCT_VALUE:
                return map(value.getStructValue());
            case LIST_VALUE:
                return list(value.getListValue());
            default:
                throw new CodecException("the protobuf payload holds a google.protobuf.Value without a kind");
        }
    }

    private static <T> T as(Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof Number && Number.class.isAssignableFrom(type)) {
            Number converted = Numbers.convert((Number) value, type);
            if (converted != null) {
                return type.cast(converted);
            }
            throw new CodecException("the protobuf payload holds the " + value.getClass().getSimpleName() + " "
                    + value + ", which is not exact as " + type.getName());
        }
        throw new CodecException("the protobuf payload holds " + describe(value) + ", which cannot be read as "
                + type.getName());
    }

    private static String describe(Object value) {
        if (value instanceof Any) {
            return "a message of type \"" + MessageTypes.typeName(((Any) value).getTypeUrl())
                    + "\" (not in the codec's types setting, so kept as a google.protobuf.Any)";
        }
        if (value instanceof com.google.protobuf.Message) {
            return "a message of type " + ((com.google.protobuf.Message) value).getDescriptorForType().getFullName();
        }
        if (value instanceof Map) {
            return "a Map";
        }
        if (value instanceof List) {
            return "a List";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
