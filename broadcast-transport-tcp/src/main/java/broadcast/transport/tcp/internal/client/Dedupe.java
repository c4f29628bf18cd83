package broadcast.transport.tcp.internal.client;

/**
 * The ids of the last {@code capacity} messages received, to drop copies the hub sends again.
 * Bounded: the oldest id is forgotten when a new one comes.
 *
 * <p>One lookup per received message, so no boxing and no entry objects: an open-addressing
 * table with linear probing (at most half full) holds the ids, and a ring in arrival order says
 * which one to forget; a forgotten id leaves the table by backward-shift deletion, so no
 * tombstones build up. Ids made by one process differ in their last characters, which gives
 * {@link String#hashCode()} runs of near values: the index takes the high bits of a
 * multiplicative hash. Not thread-safe.
 */
final class Dedupe {

    private static final int MAX_CAPACITY = 1 << 29;

    private final String[] ring;
    private final String[] table;
    private final int shift;
    private final int mask;
    private int next;

    Dedupe(int capacity) {
        int n = Math.min(Math.max(capacity, 1), MAX_CAPACITY);
        this.ring = new String[n];
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1) + 1; // a table at least twice the capacity
        this.table = new String[1 << bits];
        this.shift = 32 - bits;
        this.mask = table.length - 1;
    }

    /** Records an id. @return false when it was seen before (a duplicate) */
    boolean add(String id) {
        int i = home(id);
        for (String s; (s = table[i]) != null; i = (i + 1) & mask) {
            if (s.equals(id)) {
                return false;
            }
        }
        String oldest = ring[next];
        if (oldest != null) {
            delete(oldest);
            i = home(id);
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
        }
        table[i] = id;
        ring[next] = id;
        next = next + 1 == ring.length ? 0 : next + 1;
        return true;
    }

    private int home(String id) {
        return (id.hashCode() * 0x9E3779B9) >>> shift;
    }

    /** Removes an id the table holds (the very instance the ring kept), shifting later entries of its run back. */
    private void delete(String id) {
        int i = home(id);
        while (table[i] != id) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            String s = table[j];
            if (s == null) {
                break;
            }
            int k = home(s);
            boolean staysPut = i <= j ? i < k && k <= j : k > i || k <= j;
            if (!staysPut) {
                table[i] = s;
                i = j;
            }
        }
        table[i] = null;
    }
}
