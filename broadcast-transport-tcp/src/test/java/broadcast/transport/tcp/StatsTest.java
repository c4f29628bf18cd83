package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.TabularData;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub's counters after a known exchange, from Java and through JMX. */
class StatsTest {

    @Test
    void theCountersMatchAKnownExchangeInJavaAndInJmx() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try (TestHub hub = TestHub.start()) {
            name = new ObjectName("broadcast:type=Hub,name=" + hub.server.hubId());
            Inbox inbox = new Inbox();
            BroadcastTcpClient sub = hub.client("sub");
            sub.onMessage("a", inbox);
            sub.onMessage("b", new Inbox());
            sub.connect(Duration.ofSeconds(10));
            BroadcastTcpClient pub = hub.connected("pub");

            for (int i = 0; i < 3; i++) {
                assertEquals(Outcome.Status.DELIVERED, send(pub, BroadcastMessage.createChannelMessage("a", i, null, true)));
            }
            pub.sendMessage(BroadcastMessage.createChannelMessage("a", "t1"));
            pub.sendMessage(BroadcastMessage.createChannelMessage("a", "t2"));
            assertEquals(Outcome.Status.QUEUED, send(pub, BroadcastMessage.createClientMessage("offline", "later", null, true)));
            assertEquals(Outcome.Reason.EXPIRED, pub.sendMessage(BroadcastMessage.builder().channel("a").data("old")
                    .persistent(true).expiresAt(Instant.now().minusSeconds(60)).build())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).reason());
            assertEquals(Outcome.Status.DELIVERED, hub.server.sendMessage(BroadcastMessage.createChannelMessage("a", "hub"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).status());
            inbox.await(6);

            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(RawClient.hello("raw", List.of("", "c")));
                assertEquals(1, raw.readWelcome().refused().size(), "the empty channel name is refused");
                byte[] data = RawClient.data(new Frame.Data("0123456789abcdefghijkl", "raw", null, "nobody", null, false,
                        0, "text/plain", Frame.Data.OUTCOME_REQUESTED), new byte[3]);
                raw.write(data);
                raw.write(data); // the same id again: a duplicate
                Frame.Outcomes first = (Frame.Outcomes) raw.read(FrameKind.OUTCOME);
                assertEquals(Outcome.Reason.NO_RECIPIENT, first.outcomes().get(0).reason());

                Eventually.until(() -> hub.server.stats().dropped(HubStats.Drop.DUPLICATE) == 1,
                        () -> "the copy counted: " + hub.server.stats());
                Eventually.until(() -> hub.server.stats().queued() == 1, () -> "acknowledged: " + hub.server.stats());
                HubStats s = hub.server.stats();
                assertEquals(3, s.connections(), s.toString());
                assertEquals(3, s.connectionsAccepted());
                assertEquals(3, s.clients());
                assertEquals(3, s.subscriptions(), "sub: a and b; raw: c");
                assertEquals(9, s.messagesIn(), "3 persistent, 2 transient, 1 queued, 1 expired, 1 from raw and the hub's "
                        + "own; not the duplicate: " + s);
                assertEquals(6, s.messagesOut(), "3 persistent, 2 transient and the hub's, to sub");
                assertEquals(1, s.queued(), "for 'offline'");
                assertEquals(Map.of(Outcome.Reason.EXPIRED, 1L, Outcome.Reason.NO_RECIPIENT, 1L), s.notDelivered());
                assertEquals(Map.of(HubStats.Drop.DUPLICATE, 1L), s.dropped());
                assertEquals(Map.of(), s.errors());
                assertEquals(1, s.refusedSubscriptions());
                assertEquals(3, s.refusals(), "two messages not delivered, one subscription refused");
                assertEquals(0, s.slowConsumerEvents());
                assertTrue(s.summary().startsWith("connections=3 clients=3 subscriptions=3 in=9 out=6 queued=1 expired=0 "),
                        s.summary());
                assertTrue(s.summary().contains(" dropped={DUPLICATE=1} notDelivered={NO_RECIPIENT=1,EXPIRED=1} errors=0 "
                        + "refusedSubscriptions=1"), s.summary());

                assertEquals(9L, jmx.getAttribute(name, "MessagesIn"));
                assertEquals(6L, jmx.getAttribute(name, "MessagesOut"));
                assertEquals(3L, jmx.getAttribute(name, "Clients"));
                assertEquals(1L, jmx.getAttribute(name, "Queued"));
                assertEquals(3L, jmx.getAttribute(name, "Refusals"));
                TabularData dropped = (TabularData) jmx.getAttribute(name, "Dropped");
                assertEquals(1, dropped.size());
                assertEquals(1L, dropped.get(new Object[] {"DUPLICATE"}).get("value"));
            }
        }
        assertFalse(jmx.isRegistered(name), "unregistered on close");
    }

    private static Outcome.Status send(BroadcastTcpClient pub, BroadcastMessage m) throws Exception {
        return pub.sendMessage(m).toCompletableFuture().get(10, TimeUnit.SECONDS).status();
    }
}
