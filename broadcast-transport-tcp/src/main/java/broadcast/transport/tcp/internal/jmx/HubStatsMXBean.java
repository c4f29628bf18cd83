package broadcast.transport.tcp.internal.jmx;

import java.util.Map;

/**
 * The hub's counters through JMX, registered as {@code broadcast:type=Hub,name=<hub id>} while
 * the hub runs; each attribute is read from a fresh {@link broadcast.api.HubStats} snapshot
 * (the {@code get} prefix is what JMX requires). Implementations are thread-safe.
 */
public interface HubStatsMXBean {

    long getConnections();

    long getConnectionsAccepted();

    long getClients();

    long getSubscriptions();

    long getMessagesIn();

    long getMessagesOut();

    long getQueued();

    long getExpired();

    long getPendingWriteBytes();

    long getSlowConsumerEvents();

    long getSlowConsumerDisconnects();

    /** Deliveries dropped, by reason. */
    Map<String, Long> getDropped();

    /** Messages answered NOT_DELIVERED, by reason. */
    Map<String, Long> getNotDelivered();

    /** Connections refused or closed with an ERROR, by code. */
    Map<String, Long> getErrors();

    long getRefusedSubscriptions();

    /** All refusals: errors, messages not delivered, subscriptions refused. */
    long getRefusals();

    /** The one-line summary the {@code broadcast server} command logs. */
    String getSummary();
}
