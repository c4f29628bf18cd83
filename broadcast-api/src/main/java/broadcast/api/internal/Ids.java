package broadcast.api.internal;

import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes message ids: 22 characters of an order-preserving URL-safe alphabet encoding 132 bits: a
 * 48-bit millisecond timestamp, then 84 bits that start random each millisecond and go up by a
 * fixed large odd step within it, so ids from one process are strictly increasing and ids from
 * different processes collide with negligible probability. String order of ids is creation order.
 *
 * <p>The step is large (about 0.62 &times; 2<sup>64</sup>) so that consecutive ids differ in many
 * characters: ids that counted up by one differed in their last one or two characters only, and
 * {@link String#hashCode()} put thousands of them in the same few hash buckets (every map keyed by
 * message id, in the hub and in clients, turned its buckets into trees). A millisecond holds at
 * least 800,000 ids this way; past that (or while the clock stands still or goes back) ids carry
 * on in the next millisecond. The timestamp's top bit is set (it stays clear until the year 6429),
 * so that an id never starts with {@code -}, which a command line would take for an option.
 * Thread-safe.
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
    /** The step between two ids of one millisecond: odd, its 64 bits spread (the golden ratio). */
    static final long STEP = 0x9E3779B97F4A7C15L;
    /** Set in the 48-bit timestamp of every id: its first character is then {@code V} or later, never {@code -}. */
    static final long TIME_MARK = 1L << 47;
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
                start(now);
            } else {
                // same millisecond, or the clock went back: keep the last time and step up
                long before = low64;
                low64 += STEP;
                if (Long.compareUnsigned(low64, before) < 0 && ++high20 > 0xFFFFF) {
                    // this millisecond is used up: carry on in the next
                    start(lastMillis + 1);
                }
            }
            millis = lastMillis;
            hi = high20;
            lo = low64;
        } finally {
            LOCK.unlock();
        }
        return encode(millis | TIME_MARK, hi, lo);
    }

    /** Starts a millisecond at a random point of its lower half. Caller holds the lock. */
    private static void start(long millis) {
        lastMillis = millis;
        high20 = SEED.nextInt() & 0x7FFFF; // top bit clear leaves room to step up
        low64 = SEED.nextLong();
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
