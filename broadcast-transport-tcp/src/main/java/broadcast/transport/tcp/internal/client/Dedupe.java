package broadcast.transport.tcp.internal.client;

import java.util.HashSet;
import java.util.Set;

/**
 * The ids of the last {@code capacity} messages received, to drop copies the hub sends again.
 * Bounded: the oldest id is forgotten when a new one comes. Not thread-safe.
 */
final class Dedupe {

    private final String[] ring;
    private final Set<String> ids;
    private int next;

    Dedupe(int capacity) {
        this.ring = new String[capacity];
        this.ids = new HashSet<>(Math.min(capacity, 1 << 16) * 2);
    }

    /** Records an id. @return false when it was seen before (a duplicate) */
    boolean add(String id) {
        if (ids.contains(id)) {
            return false;
        }
        String oldest = ring[next];
        if (oldest != null) {
            ids.remove(oldest);
        }
        ring[next] = id;
        ids.add(id);
        next = next + 1 == ring.length ? 0 : next + 1;
        return true;
    }
}
