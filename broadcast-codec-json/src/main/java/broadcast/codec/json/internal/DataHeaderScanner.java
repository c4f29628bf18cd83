package broadcast.codec.json.internal;

import broadcast.api.spi.Frame;
import broadcast.codec.json.internal.HeaderFields.DataFields;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
final class DataHeaderScanner {

    private static final int FIELD_COUNT = DataFields.FLAGS + 1;
    private static final int REQUIRED = 1 << DataFields.ID | 1 << DataFields.PERSISTENT | 1 << DataFields.CONTENT_TYPE;
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

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

    /** DATA headers from direct buffers up to this size are scanned in a copy, larger ones left to Jackson. */
    static final int SCRATCH_BYTES = 1024;

    private static final ThreadLocal<DataHeaderScanner> SCANNERS = ThreadLocal.withInitial(DataHeaderScanner::new);

    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final Names names = new Names();

    // Where the scan is, and the fields read so far; reset by each scan.
    private byte[] bytes;
    private int end;
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
        header.get(header.position(), scanner.scratch, 0, length);
        Frame.Data frame = scanner.scanArray(scanner.scratch, 0, length);
        if (frame != null) {
            header.position(header.limit());
        }
        return frame;
    }

    private Frame.Data scanArray(byte[] input, int start, int stop) {
        bytes = input;
        at = start;
        end = stop;
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
            bytes = null; // keep no caller's array
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

    /** Skips whitespace and then the given byte: true if it was there. */
    private boolean skipWhitespaceTo(char c) {
        if (at < end && bytes[at] == c) { // the writer's form has no whitespace
            at++;
            return true;
        }
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
        } else if (at + length > end || !regionMatches(NAMES[field])) {
            return -1;
        }
        at += length;
        return field;
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
     * ASCII other than a backslash, else -1. Eight bytes at a time while none of them needs a look.
     */
    private int closingQuote() {
        int i = at;
        while (i + Long.BYTES <= end && plain((long) LONGS.get(bytes, i))) {
            i += Long.BYTES;
        }
        for (; i < end; i++) {
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

    /**
     * Whether none of the eight bytes is a quote, a backslash, a control character or a non-ASCII
     * byte: the zero-byte test ({@code (v - 0x01..) & ~v & 0x80..}) on the bytes xor the quote and
     * xor the backslash, the same test for bytes below 0x20, and the high bits. A plain byte is
     * flagged only through a borrow from a flagged byte below it, so the answer is exact.
     */
    static boolean plain(long eight) {
        long quote = eight ^ 0x2222222222222222L;
        long backslash = eight ^ 0x5C5C5C5C5C5C5C5CL;
        long flagged = (quote - ONES) & ~quote | (backslash - ONES) & ~backslash
                | (eight - 0x2020202020202020L) & ~eight | eight;
        return (flagged & HIGH_BITS) == 0;
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
     * A string in the plain form, or null.
     *
     * @param repeated whether the field's values repeat from message to message (names, content
     *     types: they come from a small cache), unlike ids
     */
    private String string(boolean repeated) {
        if (at == end || bytes[at] != '"') {
            return null;
        }
        at++;
        int close = closingQuote();
        if (close < 0 || close - at > JsonCodec.HEADER_MAX_STRING_LENGTH) {
            return null;
        }
        String value = repeated ? names.get(bytes, at, close - at)
                : new String(bytes, at, close - at, StandardCharsets.ISO_8859_1);
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

    /**
     * The strings of the repeating fields (sender, client, channel, name, content type) read
     * lately, so that the same bytes give the same {@link String} instance: no allocation, and its
     * hash code, which maps and sets of channel and client names ask for, is computed once.
     * Direct-mapped by a hash of the bytes; a miss replaces the entry. Not thread-safe; one per
     * scanner.
     */
    static final class Names {
        private static final int SLOTS = 64;
        private static final int MAX_LENGTH = 64;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];

        String get(byte[] bytes, int from, int length) {
            if (length > MAX_LENGTH) {
                return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
            }
            int h = length;
            for (int i = from, end = from + length; i < end; i++) {
                h = 31 * h + bytes[i];
            }
            int slot = (h ^ h >>> 16) & SLOTS - 1;
            byte[] key = keys[slot];
            if (key != null && java.util.Arrays.equals(key, 0, key.length, bytes, from, from + length)) {
                return values[slot];
            }
            String value = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
            keys[slot] = java.util.Arrays.copyOfRange(bytes, from, from + length);
            values[slot] = value;
            return value;
        }
    }
}
