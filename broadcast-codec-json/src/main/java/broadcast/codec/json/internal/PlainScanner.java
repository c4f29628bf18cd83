package broadcast.codec.json.internal;

import broadcast.api.spi.AsciiStrings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What the readers of plain headers share ({@link DataHeaderScanner}, {@link ListHeaderScanner}):
 * the input and the position in it, whitespace, literals, and plain strings (printable ASCII
 * without an escape, found eight bytes at a time). A reader returns a frame only for input that
 * Jackson reads as the same frame, and {@code null} for anything else, which the caller then gives
 * to Jackson. Not thread-safe: each thread scans with instances of its own, which keep no input
 * between calls.
 */
abstract class PlainScanner {

    /** Headers from direct buffers up to this size are scanned in a copy, larger ones left to Jackson. */
    static final int SCRATCH_BYTES = 1024;

    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final AsciiStrings names = new AsciiStrings();

    /** The input and where the scan is in it. */
    byte[] bytes;
    int at;
    int end;

    /** Starts a scan of {@code input[start..stop)}. */
    final void start(byte[] input, int start, int stop) {
        bytes = input;
        at = start;
        end = stop;
    }

    /** Ends a scan: keeps no caller's array. */
    final void finish() {
        bytes = null;
    }

    /** The remaining bytes of a buffer, copied to the start of this scanner's scratch array (at most {@link #SCRATCH_BYTES}). */
    final byte[] copy(ByteBuffer header) {
        header.get(header.position(), scratch, 0, header.remaining());
        return scratch;
    }

    /** Skips whitespace and then the given byte: true if it was there. */
    final boolean skipWhitespaceTo(char c) {
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

    final void skipWhitespace() {
        while (at < end) {
            byte b = bytes[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    /** After an opening quote: skips the given bytes (a name and its closing quote) if they come next. */
    final boolean skipName(byte[] quotedName) {
        if (end - at < quotedName.length) {
            return false;
        }
        for (int i = 0; i < quotedName.length; i++) {
            if (bytes[at + i] != quotedName[i]) {
                return false;
            }
        }
        at += quotedName.length;
        return true;
    }

    /**
     * After an opening quote: the index of the closing one if every byte up to it is printable
     * ASCII other than a backslash, else -1. Eight bytes at a time while none of them needs a look.
     */
    final int closingQuote() {
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

    /**
     * A string in the plain form, or null.
     *
     * @param repeated whether the field's values repeat from message to message (names, content
     *     types, statuses: they come from a small cache), unlike ids
     */
    final String string(boolean repeated) {
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
    final boolean literal(byte[] word) {
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

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

}
