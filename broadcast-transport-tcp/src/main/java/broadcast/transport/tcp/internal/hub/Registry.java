package broadcast.transport.tcp.internal.hub;

import broadcast.api.ErrorCode;
import broadcast.api.internal.Ids;
import broadcast.transport.tcp.internal.auth.Identity;
import broadcast.transport.tcp.internal.wire.ProtocolException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's connected clients by name and by address, and what it remembers per client name
 * ({@link ClientRecord}), also for the last {@value #IDLE_NAMES} names whose connection ended.
 * Thread-safe.
 */
final class Registry {

    /** Client names remembered after their connection ended (dedup memory, unacknowledged ids). */
    static final int IDLE_NAMES = 1024;

    private final ConcurrentHashMap<String, Session> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Session> addresses = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ClientRecord> records = new ConcurrentHashMap<>();
    private final LinkedHashSet<String> idleNames = new LinkedHashSet<>();

    Session named(String name) {
        return names.get(name);
    }

    Session at(String address) {
        return addresses.get(address);
    }

    Collection<Session> sessions() {
        return List.copyOf(names.values());
    }

    int size() {
        return names.size();
    }

    /**
     * Whether an identity may take a client name: the users file says so, or the hub gave the user
     * that name or let it take it before, as long as the name's record is remembered.
     */
    boolean mayTake(Identity identity, String name) {
        if (identity.mayUseName(name)) {
            return true;
        }
        ClientRecord record = records.get(name);
        return record != null && identity.user().equals(record.owner());
    }

    /** What the hub remembers of a name, kept from an earlier connection or new. */
    ClientRecord record(String name) {
        synchronized (idleNames) {
            idleNames.remove(name);
            return records.computeIfAbsent(name, ClientRecord::new);
        }
    }

    /**
     * Registers a session under its name (and its address, when it has a TCP one). A name held by a
     * connection of another user is not taken over (with a users file, only its own user may).
     *
     * @return the session that had the name, or null
     * @throws ProtocolException {@code FORBIDDEN} if a connection of another user holds the name
     */
    Session register(Session s, boolean byAddress) {
        Session[] previous = new Session[1];
        names.compute(s.name(), (name, holder) -> {
            if (holder != null && !holder.closed()
                    && !Objects.equals(holder.identity().user(), s.identity().user())) {
                throw new ProtocolException(ErrorCode.FORBIDDEN, "client name '" + name
                        + "' is held by a connection of another user; only that user may take it over");
            }
            previous[0] = holder;
            return s;
        });
        Session old = previous[0];
        if (byAddress) {
            addresses.put(s.address(), s);
        }
        return old == s ? null : old;
    }

    /** A session ended; its name's record is kept among the idle ones, the oldest forgotten. */
    void closed(Session s) {
        names.remove(s.name(), s);
        addresses.remove(s.address(), s);
        synchronized (idleNames) {
            if (s.record().session() == null) {
                idleNames.add(s.name());
                while (idleNames.size() > IDLE_NAMES) {
                    String oldest = idleNames.iterator().next();
                    idleNames.remove(oldest);
                    records.computeIfPresent(oldest, (k, r) -> r.session() == null ? null : r);
                }
            }
        }
    }

    /** A name for a client that asked for none: {@code client-} and 10 characters. */
    String assignName() {
        String name;
        do {
            name = "client-" + Ids.next().substring(12);
        } while (names.containsKey(name));
        return name;
    }
}
