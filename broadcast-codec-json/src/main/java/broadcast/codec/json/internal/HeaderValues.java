package broadcast.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed field values from a header parser positioned on a field name, throwing
 * {@link JsonProblem} with the field's name and the value found when the JSON type is wrong.
 * Stateless.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /** A string value; not null. */
    static String string(JsonParser p, String field) throws IOException {
        String value = p.nextTextValue();
        if (value == null) {
            throw wrongType(p, field, "a string");
        }
        return Texts.wellFormed(field, value);
    }

    /** A string value, or null for {@code null}. */
    static String optionalString(JsonParser p, String field) throws IOException {
        String value = p.nextTextValue();
        if (value == null) {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            throw wrongType(p, field, "a string");
        }
        return Texts.wellFormed(field, value);
    }

    /** A boolean value. */
    static boolean bool(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw wrongType(p, field, "true or false");
    }

    /** A whole number in the range of a {@code long}. */
    static long longValue(JsonParser p, String field) throws IOException {
        nextWholeNumber(p, field, false);
        return longInRange(p, field);
    }

    /** A whole number in the range of a {@code long}, or 0 for {@code null}. */
    static long optionalLong(JsonParser p, String field) throws IOException {
        return nextWholeNumber(p, field, true) ? longInRange(p, field) : 0;
    }

    /** A whole number in the range of an {@code int}, or 0 for {@code null}. */
    static int optionalInt(JsonParser p, String field) throws IOException {
        if (!nextWholeNumber(p, field, true)) {
            return 0;
        }
        if (p.getNumberType() != JsonParser.NumberType.INT) {
            throw outOfRange(p, field);
        }
        return p.getIntValue();
    }

    /** Moves to a whole number: true there, false on an allowed {@code null}. */
    private static boolean nextWholeNumber(JsonParser p, String field, boolean nullable) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return true;
        }
        if (nullable && token == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, field, "a whole number");
    }

    private static long longInRange(JsonParser p, String field) throws IOException {
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw outOfRange(p, field);
        }
        return p.getLongValue();
    }

    private static JsonProblem outOfRange(JsonParser p, String field) throws IOException {
        return new JsonProblem("field \"" + field + "\" is out of range, was " + Texts.abbreviate(p.getText()));
    }

    /** An array of strings. */
    static List<String> strings(JsonParser p, String field) throws IOException {
        startArray(p, field);
        List<String> values = new ArrayList<>();
        String value;
        while ((value = p.nextTextValue()) != null || p.currentToken() != JsonToken.END_ARRAY) {
            if (value == null) {
                throw wrongType(p, field + "[" + values.size() + "]", "a string");
            }
            values.add(Texts.wellFormed(field, value));
        }
        return values;
    }

    /** Moves to the start of an array value. */
    static void startArray(JsonParser p, String field) throws IOException {
        if (p.nextToken() != JsonToken.START_ARRAY) {
            throw wrongType(p, field, "an array");
        }
    }

    /** Moves to the start of an array value: true there, false on {@code null}. */
    static boolean startOptionalArray(JsonParser p, String field) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.VALUE_NULL) {
            return false;
        }
        if (token != JsonToken.START_ARRAY) {
            throw wrongType(p, field, "an array");
        }
        return true;
    }

    /**
     * Moves to the next element of an array of objects: true on its start, false at the end of
     * the array.
     */
    static boolean nextObject(JsonParser p, String field, int index) throws IOException {
        JsonToken token = p.nextToken();
        if (token == JsonToken.END_ARRAY) {
            return false;
        }
        if (token != JsonToken.START_OBJECT) {
            throw wrongType(p, field + "[" + index + "]", "an object");
        }
        return true;
    }

    /** An enum constant by its name. */
    static <E extends Enum<E>> E enumValue(JsonParser p, String field, Class<E> type) throws IOException {
        String name = string(p, field);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new JsonProblem("field \"" + field + "\" has an unknown value " + Texts.quote(name));
        }
    }

    /** The error for a value of the wrong type; the parser is on that value. */
    static JsonProblem wrongType(JsonParser p, String field, String expected) throws IOException {
        return new JsonProblem("field \"" + field + "\" must be " + expected + ", was " + describe(p));
    }

    /** The current token, for an error message. */
    static String describe(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            return "the end of the input";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case VALUE_STRING:
                return "the string " + Texts.quote(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "the number " + Texts.abbreviate(p.getText());
            case VALUE_NULL:
                return "null";
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case END_ARRAY:
                return "the end of an array";
            case END_OBJECT:
                return "the end of an object";
            default:
                return token.name();
        }
    }
}
