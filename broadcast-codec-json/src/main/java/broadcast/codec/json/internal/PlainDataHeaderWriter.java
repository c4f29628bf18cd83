package broadcast.codec.json.internal;

import broadcast.api.spi.Frame;
import broadcast.codec.json.internal.HeaderFields.DataFields;

import java.nio.charset.StandardCharsets;

/**
 * Writes a DATA header whose strings are all printable ASCII without a quote or a backslash (ids,
 * names and content types usually are) without Jackson, byte for byte as {@link HeaderWriter}
 * writes it with Jackson: the same fields in the same order, nothing to escape. A header with any
 * other string is left to Jackson. A test compares the two writers. Stateless; thread-safe.
 */
final class PlainDataHeaderWriter {

    /** Per field: {@code "name":} with the comma before it, except for the first field. */
    private static final byte[][] PREFIXES = new byte[DataFields.FLAGS + 1][];
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");

    static {
        for (int field = 0; field < PREFIXES.length; field++) {
            PREFIXES[field] = ascii((field == DataFields.ID ? "{\"" : ",\"") + DataFields.NAMES.name(field) + "\":");
        }
    }

    private PlainDataHeaderWriter() {
    }

    /**
     * Writes the header into the empty buffer if every string in it is plain.
     *
     * @return false, with the buffer in an unknown state, if a string is not
     */
    static boolean write(Frame.Data d, HeaderBuffer out) {
        if (!string(DataFields.ID, d.id(), out) || !optional(DataFields.SENDER, d.sender(), out)
                || !optional(DataFields.CLIENT, d.client(), out) || !optional(DataFields.CHANNEL, d.channel(), out)
                || !optional(DataFields.NAME, d.name(), out)) {
            return false;
        }
        out.write(PREFIXES[DataFields.PERSISTENT]);
        out.write(d.persistent() ? TRUE : FALSE);
        if (d.expiresAt() != 0) {
            out.write(PREFIXES[DataFields.EXPIRES_AT]);
            out.writeAscii(Long.toString(d.expiresAt()));
        }
        if (!string(DataFields.CONTENT_TYPE, d.contentType(), out)) {
            return false;
        }
        if (d.flags() != 0) {
            out.write(PREFIXES[DataFields.FLAGS]);
            out.writeAscii(Integer.toString(d.flags()));
        }
        out.write('}');
        return true;
    }

    private static boolean optional(int field, String value, HeaderBuffer out) {
        return value == null || string(field, value, out);
    }

    private static boolean string(int field, String value, HeaderBuffer out) {
        if (!isPlain(value)) {
            return false;
        }
        out.write(PREFIXES[field]);
        out.write('"');
        out.writeAscii(value);
        out.write('"');
        return true;
    }

    /** Printable ASCII (DEL included, which JSON and Jackson leave as it is) without quote or backslash. */
    static boolean isPlain(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7F || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
