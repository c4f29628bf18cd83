package broadcast.api;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a hub's counters, from {@link BroadcastServer#stats()}. Counts marked "since
 * start" only grow; the others are the state at the time of the snapshot. Immutable.
 *
 * @param connections connections open now, including those still in their handshake
 * @param connectionsAccepted connections accepted since start
 * @param clients clients connected now (handshake done)
 * @param subscriptions channel subscriptions of the clients connected now
 * @param messagesIn data messages routed since start, from clients and from the hub itself
 * @param messagesOut deliveries written to clients since start (one message to three recipients counts three)
 * @param queued queue entries the store holds now (a message for three offline recipients counts three)
 * @param expired queue entries the store removed since start because their message expired
 * @param pendingWriteBytes bytes written to connections and not yet sent, now
 * @param slowConsumerEvents times a recipient fell behind (its write buffer reached
 *     {@link HubLimits#writeBufferBytes()}) since start
 * @param slowConsumerDisconnects recipients disconnected since start because they stayed behind
 *     past {@link HubLimits#slowConsumerTimeout()}
 * @param dropped deliveries dropped since start, by reason; a reason that never happened is absent
 * @param notDelivered messages answered {@code NOT_DELIVERED} since start, by reason; absent when none
 * @param errors connections refused or closed with an ERROR since start, by code; absent when none
 * @param refusedSubscriptions channel subscriptions refused since start (bad name, permission, limit)
 */
public record HubStats(long connections, long connectionsAccepted, long clients, long subscriptions, long messagesIn,
                       long messagesOut, long queued, long expired, long pendingWriteBytes, long slowConsumerEvents,
                       long slowConsumerDisconnects, Map<Drop, Long> dropped, Map<Outcome.Reason, Long> notDelivered,
                       Map<ErrorCode, Long> errors, long refusedSubscriptions) {

    /** Why the hub did not write a delivery to a recipient. */
    public enum Drop {
        /** A transient message for a recipient that was behind (not writable): dropped for it alone. */
        SLOW_CONSUMER,
        /** A message larger than the frame size agreed with the recipient. */
        TOO_LARGE,
        /** A copy of a message the sender had sent before (sent again after a reconnect). */
        DUPLICATE
    }

    /** Copies the maps; @throws NullPointerException if a map is null */
    public HubStats {
        dropped = copy(dropped, Drop.class);
        notDelivered = copy(notDelivered, Outcome.Reason.class);
        errors = copy(errors, ErrorCode.class);
    }

    private static <K extends Enum<K>> Map<K, Long> copy(Map<K, Long> map, Class<K> type) {
        Objects.requireNonNull(map, type.getSimpleName() + " counts");
        EnumMap<K, Long> copy = new EnumMap<>(type);
        copy.putAll(map);
        return Map.copyOf(copy);
    }

    /** Deliveries dropped for one reason since start. */
    public long dropped(Drop reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** Messages answered {@code NOT_DELIVERED} for one reason since start. */
    public long notDelivered(Outcome.Reason reason) {
        return notDelivered.getOrDefault(reason, 0L);
    }

    /** Connections refused or closed with one error code since start. */
    public long errors(ErrorCode code) {
        return errors.getOrDefault(code, 0L);
    }

    /** Every refusal since start: connections refused or closed with an error, messages not delivered, subscriptions refused. */
    public long refusals() {
        return sum(errors) + sum(notDelivered) + refusedSubscriptions;
    }

    private static long sum(Map<?, Long> counts) {
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        return total;
    }

    /** One line, for a log; a count by reason shows its reasons when it is not zero. */
    public String summary() {
        return "connections=" + connections + " clients=" + clients + " subscriptions=" + subscriptions + " in="
                + messagesIn + " out=" + messagesOut + " queued=" + queued + " expired=" + expired
                + " pendingWriteBytes=" + pendingWriteBytes + " slowConsumers=" + slowConsumerEvents
                + " slowConsumerDisconnects=" + slowConsumerDisconnects + " dropped=" + describe(dropped)
                + " notDelivered=" + describe(notDelivered) + " errors=" + describe(errors)
                + " refusedSubscriptions=" + refusedSubscriptions;
    }

    private static String describe(Map<? extends Enum<?>, Long> counts) {
        return counts.isEmpty() ? "0" : new java.util.TreeMap<>(counts).toString().replace(" ", "");
    }
}
