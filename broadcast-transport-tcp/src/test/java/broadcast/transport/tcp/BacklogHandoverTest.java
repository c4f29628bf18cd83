package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static broadcast.transport.tcp.DeliveryRulesTest.WAIT;
import static broadcast.transport.tcp.DeliveryRulesTest.outcome;
import static broadcast.transport.tcp.DeliveryRulesTest.subscriber;
import static broadcast.transport.tcp.DeliveryRulesTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel backlog handed to a subscriber that leaves before acknowledging it (docs/protocol.md,
 * delivery rule 5: "the rest is handed to another subscriber, or kept for the next one").
 */
class BacklogHandoverTest {

    @Test
    void aBacklogItsOnlySubscriberLeftUnacknowledgedIsKeptForTheNextOne() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            for (int i = 1; i <= 3; i++) {
                assertEquals(Outcome.Status.QUEUED,
                        outcome(a.sendMessage(BroadcastMessage.createChannelMessage("jobs", "job " + i))).status());
            }
            // b is handed the backlog and leaves without acknowledging any of it: its handler holds
            // the first message until b is closed, so the batch is never acknowledged.
            CountDownLatch got = new CountDownLatch(1);
            BroadcastTcpClient b = hub.client("b");
            b.onMessage("jobs", m -> {
                got.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (b.state() != ConnectionState.CLOSED && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
            });
            b.connect(WAIT);
            assertTrue(got.await(10, TimeUnit.SECONDS), "b got the backlog");
            b.close();
            // c subscribes after b left: the backlog nobody acknowledged is kept for it.
            Inbox c = new Inbox();
            subscriber(hub, "c", "jobs", c);
            assertEquals(List.of("job 1", "job 2", "job 3"), texts(c.await(3)));
        }
    }
}
