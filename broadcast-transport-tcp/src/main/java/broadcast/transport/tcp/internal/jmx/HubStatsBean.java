package broadcast.transport.tcp.internal.jmx;

import broadcast.api.HubStats;

import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Publishes a hub's {@link HubStats} in the platform MBean server. Thread-safe.
 */
public final class HubStatsBean implements HubStatsMXBean {

    private static final System.Logger LOG = System.getLogger(HubStatsBean.class.getName());

    private final Supplier<HubStats> stats;

    private HubStatsBean(Supplier<HubStats> stats) {
        this.stats = stats;
    }

    /** The name a hub's bean is registered under. */
    public static ObjectName name(String hubId) {
        try {
            return new ObjectName("broadcast:type=Hub,name=" + hubId);
        } catch (JMException e) {
            throw new IllegalArgumentException("hub id \"" + hubId + "\" makes no JMX name: " + e.getMessage(), e);
        }
    }

    /** Registers the hub's bean; a failure is logged, never thrown: JMX is a view, not a duty. */
    public static void register(String hubId, Supplier<HubStats> stats) {
        try {
            platform().registerMBean(new HubStatsBean(stats), name(hubId));
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, () -> "hub " + hubId + " - cannot register its statistics in JMX: " + e);
        }
    }

    /** Unregisters the hub's bean, if registered. */
    public static void unregister(String hubId) {
        try {
            platform().unregisterMBean(name(hubId));
        } catch (InstanceNotFoundException e) {
            // Never registered.
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "hub " + hubId + " - cannot unregister its statistics from JMX: " + e);
        }
    }

    private static MBeanServer platform() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static Map<String, Long> named(Map<? extends Enum<?>, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k.name(), v));
        return out;
    }

    @Override
    public long getConnections() {
        return stats.get().connections();
    }

    @Override
    public long getConnectionsAccepted() {
        return stats.get().connectionsAccepted();
    }

    @Override
    public long getClients() {
        return stats.get().clients();
    }

    @Override
    public long getSubscriptions() {
        return stats.get().subscriptions();
    }

    @Override
    public long getMessagesIn() {
        return stats.get().messagesIn();
    }

    @Override
    public long getMessagesOut() {
        return stats.get().messagesOut();
    }

    @Override
    public long getQueued() {
        return stats.get().queued();
    }

    @Override
    public long getExpired() {
        return stats.get().expired();
    }

    @Override
    public long getPendingWriteBytes() {
        return stats.get().pendingWriteBytes();
    }

    @Override
    public long getSlowConsumerEvents() {
        return stats.get().slowConsumerEvents();
    }

    @Override
    public long getSlowConsumerDisconnects() {
        return stats.get().slowConsumerDisconnects();
    }

    @Override
    public Map<String, Long> getDropped() {
        return named(stats.get().dropped());
    }

    @Override
    public Map<String, Long> getNotDelivered() {
        return named(stats.get().notDelivered());
    }

    @Override
    public Map<String, Long> getErrors() {
        return named(stats.get().errors());
    }

    @Override
    public long getRefusedSubscriptions() {
        return stats.get().refusedSubscriptions();
    }

    @Override
    public long getRefusals() {
        return stats.get().refusals();
    }

    @Override
    public String getSummary() {
        return stats.get().summary();
    }
}
