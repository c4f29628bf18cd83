package broadcast.codec.json.internal;

import broadcast.api.spi.Frame;
import broadcast.codec.json.internal.HeaderFields.DataFields;

import java.nio.ByteBuffer;
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
 * <p>Thread-safe: each thread scans with an instance of its own, which keeps no input between calls.
 */
final class DataHeaderScanner extends PlainScanner {

    private static final int FIELD_COUNT = DataFields.FLAGS + 1;
    private static final int REQUIRED = 1 << DataFields.ID | 1 << DataFields.PERSISTENT | 1 << DataFields.CONTENT_TYPE;
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");

    /** Per field: its name and closing quote as bytes, their length, and as two masked little-endian words. */
    private static final byte[][] NAMES = new byte[FIELD_COUNT][];
    private static final int[] NAME_LENGTHS = new int[FIELD_COUNT];
    private static final long[][] NAME_WORDS = new long[FIELD_COUNT][2];
    private static final long[][] NAME_MASKS = new long[FIELD_COUNT][2];

    static {
        for (int field = 0; field < FIELD_COUNT; field++) {
            byte[] quoted = ascii(DataFields.NAMES.name(field) + '"');
            NAMES[field] = quoted;
            NAME_LENGTHS[field] = quoted.length;
            for (int i = 0; i < quoted.length; i++) { // every name fits in two words
                NAME_WORDS[field][i / Long.BYTES] |= (quoted[i] & 0xFFL) << 8 * (i % Long.BYTES);
                NAME_MASKS[field][i / Long.BYTES] |= 0xFFL << 8 * (i % Long.BYTES);
            }
        }
    }

    private static final ThreadLocal<DataHeaderScanner> SCANNERS = ThreadLocal.withInitial(DataHeaderScanner::new);

    // The fields read so far; reset by each scan.
    private String id;
    private String sender;
    private String client;
    private String channel;
    private String name;
    private boolean persistent;
    private long expiresAt;
    private String contentType;
    private int flags;

    private DataHeaderScanner() {
    }

    /**
     * The DATA header in {@code bytes[start..end)}, or {@code null} if it is not in the plain form
     * (the caller then reads it with Jackson).
     */
    static Frame.Data scan(byte[] bytes, int start, int end) {
        return SCANNERS.get().scanArray(bytes, start, end);
    }

    /**
     * The DATA header in the remaining bytes of a buffer without an accessible array (a direct one,
     * from the network), or {@code null} as {@link #scan}; on success the buffer is consumed.
     */
    static Frame.Data scan(ByteBuffer header) {
        int length = header.remaining();
        if (length > SCRATCH_BYTES) {
            return null;
        }
        DataHeaderScanner scanner = SCANNERS.get();
        Frame.Data frame = scanner.scanArray(scanner.copy(header), 0, length);
        if (frame != null) {
            header.position(header.limit());
        }
        return frame;
    }

    private Frame.Data scanArray(byte[] input, int start, int stop) {
        start(input, start, stop);
        id = null;
        sender = null;
        client = null;
        channel = null;
        name = null;
        persistent = false;
        expiresAt = 0;
        contentType = null;
        flags = 0;
        try {
            return object();
        } finally {
            finish();
            id = sender = client = channel = name = contentType = null;
        }
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


    /** After the opening quote: the number of the known field whose name and closing quote come next, or -1. */
    private int fieldName() {
        if (at == end) {
            return -1;
        }
        switch (bytes[at]) {
            case 'i':
                return name(DataFields.ID);
            case 's':
                return name(DataFields.SENDER);
            case 'c':
                int field = name(DataFields.CONTENT_TYPE);
                field = field < 0 ? name(DataFields.CHANNEL) : field;
                return field < 0 ? name(DataFields.CLIENT) : field;
            case 'n':
                return name(DataFields.NAME);
            case 'p':
                return name(DataFields.PERSISTENT);
            case 'e':
                return name(DataFields.EXPIRES_AT);
            case 'f':
                return name(DataFields.FLAGS);
            default:
                return -1;
        }
    }

    /** Skips the field's name and closing quote if they come next: the field, else -1. */
    private int name(int field) {
        int length = NAME_LENGTHS[field];
        if (at + 2 * Long.BYTES <= end) {
            // the name and its quote, as one or two little-endian words, masked to their length
            if (((long) LONGS.get(bytes, at) & NAME_MASKS[field][0]) != NAME_WORDS[field][0]
                    || length > Long.BYTES
                    && ((long) LONGS.get(bytes, at + Long.BYTES) & NAME_MASKS[field][1]) != NAME_WORDS[field][1]) {
                return -1;
            }
        } else {
            return skipName(NAMES[field]) ? field : -1;
        }
        at += length;
        return field;
    }


    /** Reads the value of a field: true if it is in the plain form. */
    private boolean value(int field) {
        skipWhitespace();
        switch (field) {
            case DataFields.ID:
                return (id = string(false)) != null;
            case DataFields.CONTENT_TYPE:
                return (contentType = string(true)) != null;
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
        String value = string(true);
        switch (field) {
            case DataFields.SENDER -> sender = value;
            case DataFields.CLIENT -> client = value;
            case DataFields.CHANNEL -> channel = value;
            default -> name = value;
        }
        return value != null;
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

}
