package broadcast.codec.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The field names of one kind of JSON object, in the order the writer writes them, and the
 * reader's way through them. Reading tries the field expected next by comparing bytes
 * ({@link JsonParser#nextFieldName(SerializableString)}), so a header in the usual order is read
 * without decoding a single name; any other name is decoded and looked up. Immutable; thread-safe.
 */
final class FieldNames {

    /** {@link #next} found the end of the object. */
    static final int END = -1;
    /** {@link #next} found a field this version does not know. */
    static final int UNKNOWN = -2;

    /** Set as the root context's value of a parser that met an unknown field name. */
    private static final Object UNKNOWN_MARK = new Object();

    private final SerializedString[] names;
    private final Map<String, Integer> indexes = new HashMap<>();

    private FieldNames(String... names) {
        this.names = new SerializedString[names.length];
        for (int i = 0; i < names.length; i++) {
            this.names[i] = new SerializedString(names[i]);
            indexes.put(names[i], i);
        }
    }

    /** The names, whose indexes are the field numbers. */
    static FieldNames of(String... names) {
        return new FieldNames(names);
    }

    /** The name of a field, pre-encoded for the generator. */
    SerializedString serialized(int field) {
        return names[field];
    }

    /** The name of a field. */
    String name(int field) {
        return names[field].getValue();
    }

    /**
     * Moves the parser, inside an object, to its next field name.
     *
     * @param expected the field that usually comes next
     * @return the field's number, {@link #UNKNOWN}, or {@link #END} at the end of the object
     */
    private int next(JsonParser p, int expected) throws IOException {
        if (expected < names.length) {
            if (p.nextFieldName(names[expected])) {
                return expected;
            }
        } else {
            p.nextToken();
        }
        if (p.currentToken() != JsonToken.FIELD_NAME) {
            return END; // the parser refuses anything but a name or the end inside an object
        }
        Integer index = indexes.get(p.currentName());
        return index == null ? UNKNOWN : index;
    }

    /** Reads the value of one known field. */
    interface FieldReader {
        /**
         * Reads the value of a field; the parser is on its name.
         *
         * @param field the field's number
         * @param name the field's name, for error messages
         */
        void read(JsonParser p, int field, String name) throws IOException;
    }

    /**
     * Reads the fields of an object up to its end: known ones once each with the reader, unknown
     * ones skipped whatever their value.
     *
     * @return the fields read, as a bit set of field numbers
     * @throws JsonProblem if a known field appears twice
     */
    int read(JsonParser p, FieldReader reader) throws IOException {
        int seen = 0;
        int expected = 0;
        int field;
        while ((field = next(p, expected)) != END) {
            if (field == UNKNOWN) {
                markUnknown(p);
                p.nextToken();
                p.skipChildren();
                continue;
            }
            seen = seen(seen, field);
            reader.read(p, field, name(field));
            expected = field + 1;
        }
        return seen;
    }

    /**
     * Whether the parser met a field name that no {@code FieldNames} knows. Such a name went into
     * the parser's symbol table, which {@link JsonParser#close()} would merge into the table that
     * every parser of the factory shares.
     */
    static boolean sawUnknown(JsonParser p) {
        return root(p).getCurrentValue() == UNKNOWN_MARK;
    }

    private static void markUnknown(JsonParser p) {
        root(p).setCurrentValue(UNKNOWN_MARK);
    }

    private static JsonStreamContext root(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        while (context.getParent() != null) {
            context = context.getParent();
        }
        return context;
    }

    /** Records that a field was read, refusing a second occurrence. */
    private int seen(int seen, int field) {
        int bit = 1 << field;
        if ((seen & bit) != 0) {
            throw new JsonProblem("field \"" + name(field) + "\" appears twice");
        }
        return seen | bit;
    }

    /**
     * Throws unless the field was read.
     *
     * @param where the path of the object for the message, e.g. {@code outcomes[2].}, or empty
     */
    void require(int seen, int field, String where) {
        if ((seen & (1 << field)) == 0) {
            throw new JsonProblem("field \"" + where + name(field) + "\" is missing");
        }
    }
}
