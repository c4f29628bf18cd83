package broadcast.codec.json.internal;

import broadcast.api.spi.Frame;
import broadcast.codec.json.internal.HeaderFields.DataFields;

import java.nio.charset.StandardCharsets;

/**
 * Reads the plain form of a DATA header without Jackson: the hub decodes one for every message it
 * routes, and a Jackson parser costs more to set up than such a header costs to read.
 *
 * <p>The plain form is what {@link HeaderWriter} writes, and a little more: one flat JSON object
 * of the DATA fields only, each at most once, in any order, with JSON whitespace between tokens;
 * string values of printable ASCII without escapes, at most
 * {@value JsonCodec#HEADER_MAX_STRING_LENGTH} characters; {@code true}/{@code false};
 * whole numbers without a fraction or exponent that fit the field; {@code null} where a field may
 * be absent. On anything else (an unknown or repeated field, an escape, a non-ASCII byte, a number
 * out of range, a missing required field, bad syntax, trailing data) the scanner gives up and
 * returns {@code null}, and the caller reads the header with Jackson, which accepts or refuses it
 * with the message it always gave. So the scanner changes no result: it returns a frame only for
 * input that Jackson reads as the same frame (a test checks this on mutated headers), and never
 * fails.
 *
 * <p>Stateless; thread-safe.
 */
final class DataHeaderScanner {

    private static final int FIELD_COUNT = DataFields.FLAGS + 1;
    private static final byte[][] NAMES = new byte[FIELD_COUNT][];
    private static final int REQUIRED = 1 << DataFields.ID | 1 << DataFields.PERSISTENT | 1 << DataFields.CONTENT_TYPE;
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    static {
        for (int field = 0; field < FIELD_COUNT; field++) {
            NAMES[field] = ascii(DataFields.NAMES.name(field));
        }
    }

    /** Where the scan is, and the fields read so far. One per call. */
    private final byte[] bytes;
    private final int end;
    private int at;
    private String id;
    private String sender;
    private String client;
    private String channel;
    private String name;
    private boolean persistent;
    private long expiresAt;
    private String contentType;
    private int flags;

    private DataHeaderScanner(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.at = start;
        this.end = end;
    }

    /**
     * The DATA header in {@code bytes[start..end)}, or {@code null} if it is not in the plain form
     * (the caller then reads it with Jackson).
     */
    static Frame.Data scan(byte[] bytes, int start, int end) {
        return new DataHeaderScanner(bytes, start, end).object();
    }

    private Frame.Data object() {
        if (!skipWhitespaceTo('{')) {
            return null;
        }
        int seen = 0;
        do {
            int field = skipWhitespaceTo('"') ? fieldName() : -1;
            if (field < 0 || (seen & 1 << field) != 0 || !skipWhitespaceTo(':') || !value(field)) {
                return null;
            }
            seen |= 1 << field;
        } while (skipWhitespaceTo(','));
        if (!skipWhitespaceTo('}') || (seen & REQUIRED) != REQUIRED) {
            return null;
        }
        skipWhitespace();
        return at == end ? new Frame.Data(id, sender, client, channel, name, persistent, expiresAt, contentType, flags)
                : null;
    }

    /** Skips whitespace and then the given byte: true if it was there. */
    private boolean skipWhitespaceTo(char c) {
        skipWhitespace();
        if (at < end && bytes[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < end) {
            byte b = bytes[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    /** After the opening quote: the number of a known field whose name ends here, or -1. */
    private int fieldName() {
        int close = closingQuote();
        if (close < 0) {
            return -1;
        }
        int length = close - at;
        for (int field = 0; field < FIELD_COUNT; field++) {
            byte[] known = NAMES[field];
            if (known.length == length && regionMatches(known)) {
                at = close + 1;
                return field;
            }
        }
        return -1;
    }

    private boolean regionMatches(byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (bytes[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * After an opening quote: the index of the closing one if every byte up to it is printable
     * ASCII other than a backslash, else -1.
     */
    private int closingQuote() {
        for (int i = at; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b < 0x20 || b == '\\') { // also every byte >= 0x80, which is negative
                return -1;
            }
        }
        return -1;
    }

    /** Reads the value of a field: true if it is in the plain form. */
    private boolean value(int field) {
        skipWhitespace();
        switch (field) {
            case DataFields.ID:
                return (id = string()) != null;
            case DataFields.CONTENT_TYPE:
                return (contentType = string()) != null;
            case DataFields.PERSISTENT:
                if (literal(TRUE)) {
                    persistent = true;
                    return true;
                }
                return literal(FALSE);
            case DataFields.EXPIRES_AT:
                return literal(NULL) || wholeNumber(Long.MIN_VALUE, Long.MAX_VALUE, DataFields.EXPIRES_AT);
            case DataFields.FLAGS:
                return literal(NULL) || wholeNumber(Integer.MIN_VALUE, Integer.MAX_VALUE, DataFields.FLAGS);
            default:
                return optionalString(field);
        }
    }

    private boolean optionalString(int field) {
        if (literal(NULL)) {
            return true; // the field stays null
        }
        String value = string();
        switch (field) {
            case DataFields.SENDER -> sender = value;
            case DataFields.CLIENT -> client = value;
            case DataFields.CHANNEL -> channel = value;
            default -> name = value;
        }
        return value != null;
    }

    /** A string in the plain form, or null. */
    private String string() {
        if (at == end || bytes[at] != '"') {
            return null;
        }
        at++;
        int close = closingQuote();
        if (close < 0 || close - at > JsonCodec.HEADER_MAX_STRING_LENGTH) {
            return null;
        }
        String value = new String(bytes, at, close - at, StandardCharsets.ISO_8859_1);
        at = close + 1;
        return value;
    }

    /** Skips the literal if it is next; what follows it is checked by the caller's next token. */
    private boolean literal(byte[] word) {
        if (end - at < word.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (bytes[at + i] != word[i]) {
                return false;
            }
        }
        at += word.length;
        return true;
    }

    /**
     * A JSON integer ({@code -?(0|[1-9][0-9]*)}, not followed by a fraction or an exponent) within
     * the bounds, stored in the field; false for anything else.
     */
    private boolean wholeNumber(long min, long max, int field) {
        boolean negative = at < end && bytes[at] == '-';
        int i = negative ? at + 1 : at;
        int first = i;
        long negated = 0; // accumulated negatively: Long.MIN_VALUE has no positive counterpart
        for (; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            int digit = bytes[i] - '0';
            if (negated < (Long.MIN_VALUE + digit) / 10) {
                return false;
            }
            negated = negated * 10 - digit;
        }
        int digits = i - first;
        if (digits == 0 || digits > 1 && bytes[first] == '0'
                || i < end && (bytes[i] == '.' || bytes[i] == 'e' || bytes[i] == 'E')) {
            return false;
        }
        if (!negative && negated == Long.MIN_VALUE) {
            return false;
        }
        long value = negative ? negated : -negated;
        if (value < min || value > max) {
            return false;
        }
        at = i;
        if (field == DataFields.FLAGS) {
            flags = (int) value;
        } else {
            expiresAt = value;
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
