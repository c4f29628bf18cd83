package broadcast.transport.tcp.internal.hub;

import broadcast.api.Outcome;
import broadcast.api.internal.IdMap;
import broadcast.api.spi.QueueKey;


/**
 * What the hub remembers of one client name across its connections: the current session (where
 * outcomes go), the ids it sent recently with the outcome given (to drop the copies a client sends
 * again after a reconnect), and the messages its last connection had not acknowledged (to mark
 * them redelivered, and to know the queue of a late acknowledgement). Thread-safe.
 */
final class ClientRecord implements Sender {

    /** How many sent ids the hub remembers per client name. */
    static final int SEEN_IDS = 8192;
    /** Marks an id whose outcome is not known yet. */
    private static final Outcome PENDING = Outcome.queued("pending");

    private final String name;
    private volatile Session session;
    /** The user whose connection holds or last held the name; null without a users file. */
    private volatile String owner;
    /** The ids sent lately with their outcome; {@link #seenOrder} says which one to forget. */
    private final IdMap<Outcome> seen = new IdMap<>();
    /** The ids of {@link #seen} in the order they came, a ring of {@link #SEEN_IDS}; grown up to it. */
    private String[] seenOrder = new String[64];
    private int[] seenHashes = new int[64];
    private int seenNext;
    private IdMap<QueueKey> previous = new IdMap<>();

    ClientRecord(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    Session session() {
        return session;
    }

    void attach(Session s) {
        session = s;
        owner = s.identity().user();
    }

    /** The user whose connection holds or last held this name, or null. */
    String owner() {
        return owner;
    }

    /** The session ended; what it had not acknowledged is remembered for the next one. */
    synchronized void detach(Session s, IdMap<QueueKey> unacknowledged) {
        if (session == s) {
            session = null;
            previous = new IdMap<>(unacknowledged.size());
        }
        unacknowledged.forEach(previous::put);
    }

    /**
     * Remembers a sent id, or finds it was sent before.
     *
     * @return {@code null} for a new id; the outcome given for a known one, or a pending marker
     *     (see {@link #isPending}) when it is not known yet
     */
    synchronized Outcome remember(String id) {
        int hash = IdMap.hash(id);
        Outcome known = seen.get(id, hash);
        if (known == null) {
            seen.put(id, hash, PENDING);
            if (seen.size() > SEEN_IDS) {
                seen.remove(seenOrder[seenNext], seenHashes[seenNext]);
            } else if (seenNext == seenOrder.length) {
                int n = Math.min(SEEN_IDS, seenOrder.length * 2);
                seenOrder = java.util.Arrays.copyOf(seenOrder, n);
                seenHashes = java.util.Arrays.copyOf(seenHashes, n);
            }
            seenOrder[seenNext] = id;
            seenHashes[seenNext] = hash;
            seenNext = seenNext + 1 == SEEN_IDS ? 0 : seenNext + 1;
        }
        return known;
    }

    static boolean isPending(Outcome outcome) {
        return outcome == PENDING;
    }

    /** Whether a connection of this name was sent the message and did not acknowledge it. */
    synchronized boolean sentBefore(String id) {
        return previous.containsKey(id);
    }

    /** The queue of a message a previous connection was sent, forgetting it; null if unknown. */
    synchronized QueueKey takePrevious(String id) {
        return previous.isEmpty() ? null : previous.remove(id);
    }

    @Override
    public void outcome(Outcome outcome) {
        synchronized (this) {
            seen.replace(outcome.messageId(), outcome);
        }
        Session s = session;
        if (s != null) {
            s.queueOutcome(outcome);
        }
    }

    /** Whether nothing but the name is worth keeping. */
    synchronized boolean idle() {
        return session == null && previous.isEmpty() && seen.isEmpty();
    }
}
