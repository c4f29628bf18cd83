package broadcast.api.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A map from message ids to values, for the per-message bookkeeping of the hub and the memory
 * store (ids sent, in flight, queued). Not a {@link java.util.Map}: just what that bookkeeping
 * needs, without an entry object per id.
 *
 * <p>Why not a {@code HashMap}: ids made by one process differ in their last characters, and
 * there {@link String#hashCode()}'s multiplier 31, smaller than the span of the id alphabet,
 * maps about a third of them onto hashes their neighbours already have (16384 recent ids had about
 * 5800 distinct ones); a {@code HashMap} then chains and turns bins into trees. This map hashes
 * ids with {@link #hash}, which sends every character through a 64-bit multiply.
 *
 * <p>Layout: entries (key, value) sit in dense arrays, freed ones on a free list; an
 * open-addressing table with linear probing, at most half full, holds one {@code long} per entry:
 * its hash and its index. A probe compares hashes and reads a key only when they match; a removal
 * shifts the rest of its probe run back, so no tombstones build up. Iteration follows the entry
 * arrays, not insertion order. Not thread-safe.
 *
 * @param <V> the values
 */
public final class IdMap<V> {

    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int MIN_SLOTS = 16;

    /** 0 for a free slot, else {@code hash << 32 | (entry + 1)}. */
    private long[] slots;
    private int shift;
    private String[] keys;
    private Object[] values;
    private int[] nextFree;
    private int free = -1;
    private int used;
    private int size;

    /** An empty map. */
    public IdMap() {
        this(8);
    }

    /** An empty map with room for {@code expected} ids before it grows. */
    public IdMap(int expected) {
        init(Math.max(expected, 1));
    }

    private void init(int expected) {
        int slotCount = Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, expected - 1)) << 2);
        slots = new long[slotCount];
        shift = Integer.numberOfLeadingZeros(slotCount) + 1;
        int entries = Math.max(4, expected);
        keys = new String[entries];
        values = new Object[entries];
        nextFree = new int[entries];
        free = -1;
        used = 0;
        size = 0;
    }

    /**
     * The hash this map (and the client's duplicate filter) gives an id: its high bits change with
     * every character. Four characters at a time go through one 64-bit multiply (a character of an
     * id fits in 16 bits), so a 22-character id costs six.
     */
    public static int hash(String id) {
        int n = id.length();
        long h = n;
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            long word = id.charAt(k) | (long) id.charAt(k + 1) << 16 | (long) id.charAt(k + 2) << 32
                    | (long) id.charAt(k + 3) << 48;
            h = (h + word) * MIX;
        }
        for (; k < n; k++) {
            h = (h + id.charAt(k)) * MIX;
        }
        return (int) (h >>> 32);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The value of an id, or null. */
    public V get(String id) {
        return get(id, hash(id));
    }

    /** The value of an id whose {@link #hash} the caller has, or null. */
    @SuppressWarnings("unchecked")
    public V get(String id, int hash) {
        int slot = slotOf(id, hash);
        return slot < 0 ? null : (V) values[entry(slots[slot])];
    }

    public boolean containsKey(String id) {
        return containsKey(id, hash(id));
    }

    public boolean containsKey(String id, int hash) {
        return slotOf(id, hash) >= 0;
    }

    /** Maps an id to a value. @return the value it had, or null */
    public V put(String id, V value) {
        return put(id, hash(id), value, true);
    }

    /** As {@link #put(String, Object)}, for an id whose {@link #hash} the caller has. */
    public V put(String id, int hash, V value) {
        return put(id, hash, value, true);
    }

    /** Maps an id to a value unless it has one. @return the value it had (then unchanged), or null */
    public V putIfAbsent(String id, V value) {
        return put(id, hash(id), value, false);
    }

    /** Replaces the value of an id that has one. @return the value it had, or null (then nothing changed) */
    @SuppressWarnings("unchecked")
    public V replace(String id, V value) {
        int slot = slotOf(id, hash(id));
        if (slot < 0) {
            return null;
        }
        int e = entry(slots[slot]);
        V old = (V) values[e];
        values[e] = value;
        return old;
    }

    @SuppressWarnings("unchecked")
    private V put(String id, int h, V value, boolean replace) {
        Objects.requireNonNull(id, "id");
        int slot = slotOf(id, h);
        if (slot >= 0) {
            int e = entry(slots[slot]);
            V old = (V) values[e];
            if (replace) {
                values[e] = value;
            }
            return old;
        }
        int e = newEntry();
        keys[e] = id;
        values[e] = value;
        slots[-1 - slot] = (long) h << 32 | e + 1;
        if (++size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return null;
    }

    /** Removes an id. @return its value, or null */
    public V remove(String id) {
        return remove(id, hash(id));
    }

    /** As {@link #remove(String)}, for an id whose {@link #hash} the caller has. */
    @SuppressWarnings("unchecked")
    public V remove(String id, int hash) {
        int slot = slotOf(id, hash);
        if (slot < 0) {
            return null;
        }
        int e = entry(slots[slot]);
        V old = (V) values[e];
        keys[e] = null;
        values[e] = null;
        nextFree[e] = free;
        free = e;
        size--;
        deleteSlot(slot);
        return old;
    }

    /** Removes every id, and gives back the memory of a map that grew. */
    public void clear() {
        if (size > 0 || used > 0) {
            init(8);
        }
    }

    /** Calls the action for every id and its value. The map must not change meanwhile. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<String, ? super V> action) {
        for (int e = 0; e < used; e++) {
            String key = keys[e];
            if (key != null) {
                action.accept(key, (V) values[e]);
            }
        }
    }

    /** The slot of an id, or {@code -1 - (the free slot where it would go)}. */
    private int slotOf(String id, int h) {
        int mask = slots.length - 1;
        for (int i = h >>> shift; ; i = (i + 1) & mask) {
            long s = slots[i];
            if (s == 0) {
                return -1 - i;
            }
            if ((int) (s >>> 32) == h && id.equals(keys[entry(s)])) {
                return i;
            }
        }
    }

    private static int entry(long slot) {
        return (int) slot - 1;
    }

    private int newEntry() {
        if (free >= 0) {
            int e = free;
            free = nextFree[e];
            return e;
        }
        if (used == keys.length) {
            int n = keys.length * 2;
            keys = Arrays.copyOf(keys, n);
            values = Arrays.copyOf(values, n);
            nextFree = Arrays.copyOf(nextFree, n);
        }
        return used++;
    }

    /** Frees a slot, moving later slots of its probe run back when their home is not after the gap. */
    private void deleteSlot(int gap) {
        int mask = slots.length - 1;
        int i = gap;
        int j = gap;
        while (true) {
            j = (j + 1) & mask;
            long s = slots[j];
            if (s == 0) {
                break;
            }
            int home = (int) (s >>> 32) >>> shift;
            boolean staysPut = i <= j ? i < home && home <= j : home > i || home <= j;
            if (!staysPut) {
                slots[i] = s;
                i = j;
            }
        }
        slots[i] = 0;
    }

    private void rehash(int slotCount) {
        long[] old = slots;
        slots = new long[slotCount];
        shift = Integer.numberOfLeadingZeros(slotCount) + 1;
        int mask = slotCount - 1;
        for (long s : old) {
            if (s != 0) {
                int i = (int) (s >>> 32) >>> shift;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = s;
            }
        }
    }
}
