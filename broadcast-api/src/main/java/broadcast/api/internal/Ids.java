package broadcast.api.internal;

import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes message ids: 22 characters of an order-preserving URL-safe alphabet encoding 132 bits: a
 * 48-bit millisecond timestamp, then 84 bits that start random each millisecond and count up
 * within it, so ids from one process are strictly increasing and ids from different processes
 * collide with negligible probability. String order of ids is creation order. Thread-safe.
 */
public final class Ids {

    /** The alphabet, in ASCII order so that string order is numeric order. */
    static final char[] ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
    /** Length of an id. */
    public static final int LENGTH = 22;
    private static final int MAX_ID_LENGTH = 64;

    /** Which characters below 128 an id may hold: every received message's id is checked. */
    private static final boolean[] ID_CHARS = new boolean[128];

    static {
        for (char c : ALPHABET) {
            ID_CHARS[c] = true;
        }
    }

    private static final SecureRandom SEED = new SecureRandom();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static long lastMillis;
    /** 84 bits: high 20 bits and low 64 bits. */
    private static long high20;
    private static long low64;

    private Ids() {
    }

    /** A new id. */
    public static String next() {
        long millis;
        long hi;
        long lo;
        LOCK.lock();
        try {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                high20 = SEED.nextInt() & 0x7FFFF; // top bit clear leaves room to count up
                low64 = SEED.nextLong();
            } else {
                // same millisecond, or the clock went back: keep the last time and count up
                low64++;
                if (low64 == 0) {
                    high20++;
                }
            }
            millis = lastMillis;
            hi = high20;
            lo = low64;
        } finally {
            LOCK.unlock();
        }
        return encode(millis, hi, lo);
    }

    static String encode(long millis, long hi20, long lo64) {
        char[] out = new char[LENGTH];
        // 132 bits = 48 (time) + 20 + 64; 22 digits of 6 bits, most significant first
        for (int i = 7; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 63)];
            millis >>>= 6;
        }
        // the remaining 84 bits = 14 digits: hi20 (20 bits) then lo64 (64 bits)
        long lo = lo64;
        long hi = hi20 & 0xFFFFF;
        for (int i = LENGTH - 1; i >= 8; i--) {
            out[i] = ALPHABET[(int) (lo & 63)];
            lo = (lo >>> 6) | ((hi & 63) << 58);
            hi >>>= 6;
        }
        return new String(out);
    }

    /**
     * @throws IllegalArgumentException if the id is not 1 to 64 characters of {@code A-Za-z0-9_-}
     */
    public static String requireValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must be 1 to " + MAX_ID_LENGTH + " characters, was "
                    + (id == null ? "null" : id.length() + " characters"));
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= ID_CHARS.length || !ID_CHARS[c]) {
                throw new IllegalArgumentException("id must hold only A-Z a-z 0-9 _ -, found U+"
                        + String.format("%04X", (int) c) + " at index " + i + " in \"" + Names.printable(id) + "\"");
            }
        }
        return id;
    }
}
