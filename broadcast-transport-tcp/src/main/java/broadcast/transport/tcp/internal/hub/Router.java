package broadcast.transport.tcp.internal.hub;

import broadcast.api.spi.AppendResult;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The routing table: channel to subscriber sessions, and who is being handed each channel's
 * backlog. The subscriber array of a channel is copied on every change and read without a lock.
 *
 * <p>Adding a subscriber and appending to the channel's backlog are serialised per channel, so a
 * message never lands in a backlog just after the channel got a subscriber without that
 * subscriber being handed it. One subscriber at a time (the <em>handler</em>) is handed a
 * channel's backlog: the first one to subscribe while the channel may have a backlog, or another
 * one when the handler leaves before the end. Entries the handler sent itself are skipped and stay
 * for the next handler. Thread-safe.
 */
final class Router {

    static final Session[] NONE = new Session[0];

    private final ConcurrentHashMap<String, Entry> channels = new ConcurrentHashMap<>();
    /** A durable store that held entries at start may hold a backlog for any channel. */
    private final boolean storeMayHoldBacklogs;

    Router(boolean storeMayHoldBacklogs) {
        this.storeMayHoldBacklogs = storeMayHoldBacklogs;
    }

    private final class Entry {
        volatile Session[] subscribers = NONE;
        boolean maybeBacklog = storeMayHoldBacklogs;
        long version;
        Session handler;
        /** Subscribers that read the backlog to its end and left some of it: their own messages. */
        final Set<Session> tried = Collections.newSetFromMap(new IdentityHashMap<>());

        boolean removable() {
            return subscribers.length == 0 && !maybeBacklog && handler == null;
        }

        /** Makes the first open subscriber not in {@code tried} (nor {@code not}) the handler. */
        Handoff chooseHandler(Session not) {
            handler = null;
            for (Session s : subscribers) {
                if (s != not && !s.closed() && !tried.contains(s)) {
                    handler = s;
                    return new Handoff(s, version);
                }
            }
            return null;
        }
    }

    /** A backlog to hand over: to whom, and the channel's backlog version then. */
    record Handoff(Session to, long version) {
    }

    /** The subscribers of a channel now. */
    Session[] subscribers(String channel) {
        Entry e = channels.get(channel);
        return e == null ? NONE : e.subscribers;
    }

    /**
     * Adds a subscriber.
     *
     * @return the backlog version when this session is to be handed the channel's backlog; -1 otherwise
     */
    long add(String channel, Session session) {
        long[] handoff = {-1};
        channels.compute(channel, (k, e) -> {
            Entry entry = e != null ? e : new Entry();
            if (indexOf(entry.subscribers, session) < 0) {
                Session[] next = Arrays.copyOf(entry.subscribers, entry.subscribers.length + 1);
                next[next.length - 1] = session;
                entry.subscribers = next;
                if (entry.maybeBacklog && (entry.handler == null || entry.handler.closed()) && !entry.tried.contains(session)) {
                    entry.handler = session;
                    handoff[0] = entry.version;
                }
            }
            return entry;
        });
        return handoff[0];
    }

    /** Removes a subscriber. */
    void remove(String channel, Session session) {
        channels.computeIfPresent(channel, (k, entry) -> {
            entry.tried.remove(session);
            int i = indexOf(entry.subscribers, session);
            if (i >= 0) {
                Session[] old = entry.subscribers;
                Session[] next = new Session[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                entry.subscribers = next;
            }
            return entry.removable() ? null : entry;
        });
    }

    /**
     * A handler read the backlog to its end. No backlog remains if nothing was appended since the
     * handover began and the handler skipped none of it. Otherwise the next subscriber that has not
     * read it yet is handed it (a backlog of messages from several subscribers goes round them).
     *
     * @return the next handover, or {@code null}
     */
    Handoff backlogDone(String channel, Session handler, long version, boolean skippedAny) {
        Handoff[] next = {null};
        channels.computeIfPresent(channel, (k, entry) -> {
            if (entry.handler == handler) {
                entry.handler = null;
                if (entry.version == version && !skippedAny) {
                    entry.maybeBacklog = false;
                    entry.tried.clear();
                } else {
                    entry.tried.add(handler);
                    next[0] = entry.chooseHandler(null);
                }
            }
            return entry.removable() ? null : entry;
        });
        return next[0];
    }

    /**
     * Chooses another subscriber to hand the backlog to, when the handler left before the end (or
     * its handed messages were not all acknowledged).
     *
     * @return the handover, or {@code null} when no open subscriber other than {@code leaving} is there
     */
    Handoff handOver(String channel, Session leaving) {
        Handoff[] result = {null};
        // compute, not computeIfPresent: a handler that read the backlog to its end and then left
        // as the channel's last subscriber had its entry removed, but its messages are still queued
        channels.compute(channel, (k, e) -> {
            Entry entry = e != null ? e : new Entry();
            entry.tried.remove(leaving);
            if (entry.handler == leaving || entry.handler == null || entry.handler.closed()) {
                entry.maybeBacklog = true;
                result[0] = entry.chooseHandler(leaving);
            }
            return entry.removable() ? null : entry;
        });
        return result[0];
    }

    /**
     * Runs a store append that includes the channel's backlog, unless the channel has a subscriber
     * other than the sender by now.
     *
     * @return the append's result, or {@code null} when a subscriber appeared (route again)
     */
    AppendResult appendToBacklog(String channel, Session sender, Supplier<AppendResult> append) {
        AppendResult[] result = {null};
        channels.compute(channel, (k, e) -> {
            Entry entry = e != null ? e : new Entry();
            if (hasOtherThan(entry.subscribers, sender)) {
                return e;
            }
            result[0] = append.get();
            entry.maybeBacklog = true;
            entry.version++;
            entry.tried.clear();
            return entry;
        });
        return result[0];
    }

    /** Whether a channel has an open subscriber other than {@code sender} (a closing one no longer counts). */
    static boolean hasOtherThan(Session[] subscribers, Session sender) {
        for (Session s : subscribers) {
            if (s != sender && !s.closed()) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(Session[] sessions, Session s) {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == s) {
                return i;
            }
        }
        return -1;
    }
}
