package broadcast.cli.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The command's JSON: reading {@code DATA} arguments, and writing values on one line in plain
 * ASCII (every character beyond ASCII and every control character as a {@code \\uXXXX} or short
 * escape), so that what is printed reads the same in any terminal and any locale. Thread-safe.
 */
public final class Json {

    private static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory WRITER = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private Json() {
    }

    /**
     * A {@code DATA} argument: the JSON value when the text parses as JSON (whole numbers as
     * {@code Integer}, {@code Long} or {@code BigInteger}, others as {@code Double}, objects as
     * maps in order, arrays as lists), otherwise the text itself.
     */
    static Object parseOrText(String text) {
        try {
            return READER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a value is a JSON value: {@code null}, a string, a boolean, a finite number, a list
     * of JSON values, or a map from strings to JSON values.
     */
    static boolean isJsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return true;
        }
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!isJsonValue(element)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isJsonValue(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A generator of one-line, ASCII-only JSON into the writer. */
    public static JsonGenerator generator(StringWriter out) {
        try {
            return WRITER.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON value on one line. @throws IllegalArgumentException if it is not one ({@link #isJsonValue}) */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = generator(out)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a JSON value. @throws IllegalArgumentException if it is not one ({@link #isJsonValue}) */
    static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            g.writeNumber(d);
        } else if (value instanceof Float f && Float.isFinite(f)) {
            g.writeNumber(f);
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object element : list) {
                writeValue(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("a JSON object needs string keys, found " + e.getKey());
                }
                g.writeFieldName(key);
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }
}
