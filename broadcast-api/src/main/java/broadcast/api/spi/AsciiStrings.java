package broadcast.api.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * For codecs: the ASCII strings a decoder read lately (sender, channel and client names, content
 * types, map keys), so that the same bytes give the same {@link String} instance. A header decoder
 * then allocates nothing for a repeating name, and the name's hash code, which the hub's and the
 * client's maps ask for, is computed once. Message ids, which never repeat, should not go through
 * it.
 *
 * <p>Two-way set-associative by a hash of the bytes: 32 pairs of slots, the newer entry first, so
 * two hot names of one hash both stay; a miss replaces the older entry of its pair. Strings longer
 * than {@link #MAX_LENGTH} bytes are made, not kept.
 *
 * <p>Not thread-safe: one per decoder, or per thread.
 */
public final class AsciiStrings {

    /** Strings of more bytes than this are not kept: {@value}. */
    public static final int MAX_LENGTH = 64;

    private static final int SLOTS = 64; // 32 pairs: the shift below takes 5 bits

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** An empty cache. */
    public AsciiStrings() {
    }

    /**
     * The string of {@code length} bytes from {@code from}, each below 0x80 (the caller checked).
     */
    public String get(byte[] bytes, int from, int length) {
        return get(bytes, from, length, false);
    }

    /**
     * The string of {@code length} ASCII bytes from {@code from}; when {@code lastMarked}, the last
     * byte has its high bit set, as Kryo ends a string in its ASCII form, and the string has it
     * cleared.
     */
    public String get(byte[] bytes, int from, int length, boolean lastMarked) {
        if (length > MAX_LENGTH) {
            return string(Arrays.copyOfRange(bytes, from, from + length), lastMarked);
        }
        int h = length;
        for (int i = from, end = from + length; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        // Fibonacci hashing spreads names that differ in one character over the pairs
        int slot = (h * 0x9E3779B9 >>> 27) << 1;
        for (int way = slot; way <= slot + 1; way++) {
            byte[] key = keys[way];
            if (key != null && Arrays.equals(key, 0, key.length, bytes, from, from + length)) {
                return values[way];
            }
        }
        byte[] key = Arrays.copyOfRange(bytes, from, from + length);
        String value = string(lastMarked ? key.clone() : key, lastMarked);
        keys[slot + 1] = keys[slot];
        values[slot + 1] = values[slot];
        keys[slot] = key;
        values[slot] = value;
        return value;
    }

    private static String string(byte[] chars, boolean lastMarked) {
        if (lastMarked && chars.length > 0) {
            chars[chars.length - 1] &= 0x7F;
        }
        return new String(chars, StandardCharsets.ISO_8859_1);
    }
}
