package broadcast.transport.tcp.internal.client;

import broadcast.api.internal.IdMap;

/**
 * The ids of the last {@code capacity} messages received, to drop copies the hub sends again.
 * Bounded: the oldest id is forgotten when a new one comes.
 *
 * <p>One lookup per received message, and the table is too large to stay in a cache while
 * messages stream through, so the layout saves cache misses: the ids sit in a ring in arrival
 * order (which says which one to forget, and is written in sequence), and an open-addressing table
 * with linear probing, at most half full, holds for each id one {@code long}: its hash and its
 * place in the ring. A probe compares hashes and reads an id only when they match; a forgotten id
 * leaves the table by backward-shift deletion, so no tombstones build up. The hash is
 * {@link IdMap#hash}, not {@link String#hashCode()}, which gives many recent ids the same hash.
 * Not thread-safe.
 */
final class Dedupe {

    private static final int MAX_CAPACITY = 1 << 29;

    private final String[] ring;
    private final int[] ringHashes;
    /** 0 for a free slot, else {@code hash << 32 | (ring index + 1)}. */
    private final long[] table;
    private final int shift;
    private final int mask;
    private int next;

    Dedupe(int capacity) {
        int n = Math.min(Math.max(capacity, 1), MAX_CAPACITY);
        this.ring = new String[n];
        this.ringHashes = new int[n];
        int bits = 32 - Integer.numberOfLeadingZeros(n - 1) + 1; // a table at least twice the capacity
        this.table = new long[1 << bits];
        this.shift = 32 - bits;
        this.mask = table.length - 1;
    }

    /** Records an id. @return false when it was seen before (a duplicate) */
    boolean add(String id) {
        int h = IdMap.hash(id);
        int i = h >>> shift;
        for (long e; (e = table[i]) != 0; i = (i + 1) & mask) {
            if ((int) (e >>> 32) == h && ring[(int) e - 1].equals(id)) {
                return false;
            }
        }
        if (ring[next] != null) {
            delete(next, ringHashes[next]);
            i = h >>> shift;
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
        }
        table[i] = (long) h << 32 | next + 1;
        ring[next] = id;
        ringHashes[next] = h;
        next = next + 1 == ring.length ? 0 : next + 1;
        return true;
    }

    /** Removes the table's entry for a ring place, shifting later entries of its run back. */
    private void delete(int place, int h) {
        int i = h >>> shift;
        while ((int) table[i] != place + 1) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long e = table[j];
            if (e == 0) {
                break;
            }
            int k = (int) (e >>> 32) >>> shift;
            boolean staysPut = i <= j ? i < k && k <= j : k > i || k <= j;
            if (!staysPut) {
                table[i] = e;
                i = j;
            }
        }
        table[i] = 0;
    }
}
