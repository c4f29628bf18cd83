package broadcast.codec.kryo.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * ASCII strings read lately (header names and content types, map keys), so that the same bytes
 * give the same {@link String} instance: no allocation, and its hash code, which maps of channel
 * and client names and payload maps ask for, is computed once. Two-way set-associative by a hash
 * of the bytes; a miss replaces the older entry of its pair. Not thread-safe; one per input.
 */
final class Names {

    /** Longer strings are not cached. */
    static final int MAX_LENGTH = 64;

    private static final int SLOTS = 64; // 32 pairs: the shift below takes 5 bits

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /**
     * The string of {@code length} ASCII bytes (each below 0x80, except that the last has its
     * high bit set when {@code marked}, as Kryo ends an ASCII string), at most {@link #MAX_LENGTH}.
     */
    String get(byte[] bytes, int from, int length, boolean marked) {
        int h = length;
        for (int i = from, end = from + length; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        // two ways: a pair of slots, the newer entry first, so two hot names of one hash coexist;
        // Fibonacci hashing spreads names that differ in one character over the pairs
        int slot = (h * 0x9E3779B9 >>> 27) << 1;
        for (int way = slot; way <= slot + 1; way++) {
            byte[] key = keys[way];
            if (key != null && Arrays.equals(key, 0, key.length, bytes, from, from + length)) {
                return values[way];
            }
        }
        byte[] copy = Arrays.copyOfRange(bytes, from, from + length);
        String value;
        if (marked) {
            byte[] chars = copy.clone();
            chars[length - 1] &= 0x7F;
            value = new String(chars, StandardCharsets.ISO_8859_1);
        } else {
            value = new String(copy, StandardCharsets.ISO_8859_1);
        }
        keys[slot + 1] = keys[slot];
        values[slot + 1] = values[slot];
        keys[slot] = copy;
        values[slot] = value;
        return value;
    }
}
