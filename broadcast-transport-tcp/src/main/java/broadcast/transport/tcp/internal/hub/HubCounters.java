package broadcast.transport.tcp.internal.hub;

import broadcast.api.ErrorCode;
import broadcast.api.HubStats;
import broadcast.api.Outcome;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hub's counters of events since start, {@link LongAdder}s so the event loops count without
 * contending; the gauges (connections, queued, pending bytes) are read from where they live when
 * a snapshot is taken ({@link Hub#stats()}). Thread-safe.
 */
final class HubCounters {

    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder slowConsumerEvents = new LongAdder();
    final LongAdder slowConsumerDisconnects = new LongAdder();
    final LongAdder refusedSubscriptions = new LongAdder();
    private final LongAdder[] dropped = adders(HubStats.Drop.values().length);
    private final LongAdder[] notDelivered = adders(Outcome.Reason.values().length);
    private final LongAdder[] errors = adders(ErrorCode.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void dropped(HubStats.Drop reason) {
        dropped[reason.ordinal()].increment();
    }

    /** Counts an outcome when it is {@code NOT_DELIVERED}. */
    void outcome(Outcome outcome) {
        if (outcome.reason() != null) {
            notDelivered[outcome.reason().ordinal()].increment();
        }
    }

    void error(ErrorCode code) {
        errors[code.ordinal()].increment();
    }

    Map<HubStats.Drop, Long> dropped() {
        return counts(dropped, HubStats.Drop.values());
    }

    Map<Outcome.Reason, Long> notDelivered() {
        return counts(notDelivered, Outcome.Reason.values());
    }

    Map<ErrorCode, Long> errors() {
        return counts(errors, ErrorCode.values());
    }

    private static <K extends Enum<K>> Map<K, Long> counts(LongAdder[] adders, K[] keys) {
        Map<K, Long> out = new EnumMap<>(keys[0].getDeclaringClass());
        for (K k : keys) {
            long n = adders[k.ordinal()].sum();
            if (n > 0) {
                out.put(k, n);
            }
        }
        return out;
    }
}
