package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Outcome;
import broadcast.api.ReconnectPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub killed with SIGKILL in mid-stream, in its own process, and restarted on the same port:
 * the clients reconnect by themselves and resubscribe, and no persistent message the hub had not
 * acknowledged is lost (the publisher sends those again). Messages the hub had acknowledged and
 * held only in its memory store may be lost with it; that is the memory store's documented limit.
 */
class HubCrashTest {

    @Test
    void noUnacknowledgedPersistentMessageIsLostWhenTheHubIsKilledAndRestarted(@TempDir Path logs) throws Exception {
        HubProcess first = HubProcess.start(0, logs);
        int port = first.port();
        BroadcastConfig config = TestHub.config().port(port)
                .reconnect(ReconnectPolicy.of(Duration.ofMillis(20), Duration.ofMillis(200), 0)).build();
        HubProcess second = null;
        try (BroadcastTcpClient subscriber = new BroadcastTcpClient(config, "subscriber", TestCodec.BIN);
             BroadcastTcpClient publisher = new BroadcastTcpClient(config, "publisher", TestCodec.BIN)) {
            Inbox inbox = new Inbox();
            subscriber.onMessage("stream", inbox);
            subscriber.connect(Duration.ofSeconds(10));
            AtomicBoolean publisherLost = new AtomicBoolean();
            publisher.onConnectionState((c, previous, current, cause) -> {
                if (current == ConnectionState.DISCONNECTED) {
                    publisherLost.set(true);
                }
            });
            publisher.connect(Duration.ofSeconds(10));

            int n = 3000;
            List<CompletableFuture<Outcome>> stages = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n / 2; i++) {
                send(publisher, i, stages, ids);
            }
            // Kill it in mid-stream: some messages answered, some in flight.
            Eventually.until(() -> stages.stream().filter(CompletableFuture::isDone).count() >= 200, "outcomes flowing");
            for (int i = n / 2; i < n / 2 + 200; i++) {
                send(publisher, i, stages, ids);
            }
            first.kill();
            // Outcomes are completed on the callback thread before the state change is reported there.
            Eventually.until(publisherLost::get, "the publisher noticed");
            Set<String> acknowledgedByTheDeadHub = new HashSet<>();
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).isDone()) {
                    acknowledgedByTheDeadHub.add(ids.get(i));
                }
            }
            assertTrue(acknowledgedByTheDeadHub.size() < stages.size(), "some messages were not answered yet");
            // Sends go on while the hub is down: they wait in the outbox.
            for (int i = n / 2 + 200; i < n; i++) {
                send(publisher, i, stages, ids);
            }

            second = HubProcess.start(port, logs);
            assertEquals(port, second.port());
            for (CompletableFuture<Outcome> stage : stages) {
                assertTrue(stage.get(30, TimeUnit.SECONDS).accepted(), stage.get().toString());
            }
            Set<String> mustArrive = new HashSet<>(ids);
            mustArrive.removeAll(acknowledgedByTheDeadHub);
            Eventually.until(() -> new HashSet<>(inbox.ids()).containsAll(mustArrive), Duration.ofSeconds(30),
                    () -> "missing " + missing(mustArrive, inbox) + " of " + mustArrive.size());
            List<String> received = inbox.ids();
            assertEquals(received.size(), new HashSet<>(received).size(), "no message handled twice");
            assertEquals(ConnectionState.CONNECTED, subscriber.state());
            // A transient message reaches only live subscribers: the subscriber subscribed again by itself.
            BroadcastMessage live = BroadcastMessage.createChannelMessage("stream", "live", null, false);
            publisher.sendMessage(live);
            Eventually.until(() -> inbox.ids().contains(live.id()), "the resubscribed subscriber got a live message");
            assertEquals(ConnectionState.CONNECTED, publisher.state());
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static void send(BroadcastTcpClient publisher, int i, List<CompletableFuture<Outcome>> stages,
                             List<String> ids) {
        BroadcastMessage m = BroadcastMessage.createChannelMessage("stream", i);
        ids.add(m.id());
        stages.add(publisher.sendMessage(m).toCompletableFuture());
    }

    private static int missing(Set<String> mustArrive, Inbox inbox) {
        Set<String> left = new HashSet<>(mustArrive);
        inbox.ids().forEach(left::remove);
        return left.size();
    }
}
