package broadcast.codec.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads plain data (maps with String keys, collections, strings, booleans, null and
 * the boxed numbers but BigInteger and BigDecimal) with Jackson's streaming generator and parser,
 * without databind: its serializer and deserializer lookups cost more than a small map does.
 *
 * <p>It gives what databind gives for the same data, byte for byte and value for value (a test
 * compares the two): maps and collections of {@code java.util} classes only (a user class may carry
 * Jackson annotations), entries in iteration order, nulls written; read back as
 * {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer}/{@code Long}/
 * {@code BigInteger} by size, {@code Double}, {@code Boolean} and null. On anything else (another
 * type, a repeated key, a number beyond a double, any error) it gives up ({@link #NOT_PLAIN}), and
 * the caller uses databind, which encodes or decodes the data or fails with the message it always
 * gave.
 *
 * <p>Stateless; thread-safe.
 */
final class PlainData {

    /** Returned when the data is not plain. */
    static final Object NOT_PLAIN = new Object();

    private PlainData() {
    }

    /** Whether {@link #write} will try the value: a map or collection of a {@code java.util} class. */
    static boolean candidate(Object value) {
        return (value instanceof Map || value instanceof Collection) && jdk(value);
    }

    /**
     * Writes the value and returns true, or returns false as soon as it meets something that is not
     * plain (the generator then holds part of it, to be thrown away).
     */
    static boolean write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String) {
            out.writeString((String) value);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long) {
            out.writeNumber((long) (Long) value);
        } else if (value instanceof Double) {
            out.writeNumber((double) (Double) value);
        } else if (value instanceof Float) {
            out.writeNumber((float) (Float) value);
        } else if (value instanceof Boolean) {
            out.writeBoolean((Boolean) value);
        } else if (value instanceof Map && jdk(value)) {
            return writeMap(out, (Map<?, ?>) value);
        } else if (value instanceof Collection && jdk(value)) {
            return writeCollection(out, (Collection<?>) value);
        } else {
            return false;
        }
        return true;
    }

    private static boolean writeMap(JsonGenerator out, Map<?, ?> map) throws IOException {
        out.writeStartObject(map);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                return false;
            }
            out.writeFieldName((String) entry.getKey());
            if (!write(out, entry.getValue())) {
                return false;
            }
        }
        out.writeEndObject();
        return true;
    }

    private static boolean writeCollection(JsonGenerator out, Collection<?> collection) throws IOException {
        out.writeStartArray(collection, collection.size());
        for (Object element : collection) {
            if (!write(out, element)) {
                return false;
            }
        }
        out.writeEndArray();
        return true;
    }

    private static boolean jdk(Object value) {
        return value.getClass().getName().startsWith("java.util.");
    }

    /** The one value the parser holds, read to its natural form, or {@link #NOT_PLAIN}. */
    static Object read(JsonParser in) throws IOException {
        Object value = value(in, in.nextToken());
        return value == NOT_PLAIN || in.nextToken() != null ? NOT_PLAIN : value;
    }

    private static Object value(JsonParser in, JsonToken token) throws IOException {
        if (token == null) {
            return NOT_PLAIN;
        }
        switch (token.id()) {
            case JsonTokenId.ID_START_OBJECT:
                return map(in);
            case JsonTokenId.ID_START_ARRAY:
                return list(in);
            case JsonTokenId.ID_STRING:
                return in.getText();
            case JsonTokenId.ID_NUMBER_INT:
                return in.getNumberValue();
            case JsonTokenId.ID_NUMBER_FLOAT:
                double number = in.getDoubleValue();
                return Double.isInfinite(number) ? NOT_PLAIN : (Object) number;
            case JsonTokenId.ID_TRUE:
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                return null;
            default:
                return NOT_PLAIN;
        }
    }

    private static Object map(JsonParser in) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name = in.nextFieldName(); name != null; name = in.nextFieldName()) {
            Object value = value(in, in.nextToken());
            int size = map.size();
            if (value == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            map.put(name, value);
            if (map.size() == size) {
                return NOT_PLAIN;
            }
        }
        return in.currentToken() == JsonToken.END_OBJECT ? map : NOT_PLAIN;
    }

    private static Object list(JsonParser in) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
            Object value = value(in, token);
            if (value == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            list.add(value);
        }
        return list;
    }
}
