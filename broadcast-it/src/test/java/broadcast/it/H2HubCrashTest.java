package broadcast.it;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Outcome;
import broadcast.api.ReconnectPolicy;
import broadcast.transport.tcp.BroadcastTcpClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hub with the {@code h2} store in its own process, killed with SIGKILL and started again on the
 * same file: what it had queued and acknowledged ({@code QUEUED}) to its sender is all there, in
 * order, once.
 */
class H2HubCrashTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aChannelBacklogAndAnAbsentClientsQueueSurviveAKill(@TempDir Path dir) throws Exception {
        int n = 300;
        try (HubProcess hub = HubProcess.start(dir.resolve("data/hub"), dir, List.of())) {
            BroadcastConfig config = config(hub.port());
            List<String> toChannel = new ArrayList<>();
            List<String> toClient = new ArrayList<>();
            try (BroadcastTcpClient sender = new BroadcastTcpClient(config, "sender")) {
                sender.connect(WAIT);
                List<BroadcastMessage> sent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    BroadcastMessage c = BroadcastMessage.createChannelMessage("orders", "order " + i);
                    BroadcastMessage d = BroadcastMessage.createClientMessage("billing", "invoice " + i);
                    toChannel.add(c.id());
                    toClient.add(d.id());
                    sent.add(c);
                    sent.add(d);
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (var stage : sender.sendMessages(sent)) {
                    outcomes.add(stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
                }
                for (Outcome o : outcomes) {
                    assertEquals(Outcome.Status.QUEUED, o.status(), o.toString());
                }
            }

            hub.kill();
            hub.restart();

            try (BroadcastTcpClient subscriber = new BroadcastTcpClient(config, "subscriber");
                 BroadcastTcpClient billing = new BroadcastTcpClient(config, "billing");
                 BroadcastTcpClient marker = new BroadcastTcpClient(config, "marker")) {
                Inbox orders = new Inbox();
                Inbox invoices = new Inbox();
                subscriber.onMessage("orders", orders);
                billing.onDirectMessage(invoices);
                subscriber.connect(WAIT);
                billing.connect(WAIT);
                awaitAll(orders, toChannel);
                awaitAll(invoices, toClient);
                // One more message each, after everything: whatever the hub sent before it has arrived too.
                marker.connect(WAIT);
                BroadcastMessage lastOrder = BroadcastMessage.createChannelMessage("orders", "last");
                BroadcastMessage lastInvoice = BroadcastMessage.createClientMessage("billing", "last");
                marker.sendMessage(lastOrder).toCompletableFuture().get(30, TimeUnit.SECONDS);
                marker.sendMessage(lastInvoice).toCompletableFuture().get(30, TimeUnit.SECONDS);
                orders.await(n + 1, WAIT);
                invoices.await(n + 1, WAIT);

                toChannel.add(lastOrder.id());
                toClient.add(lastInvoice.id());
                assertEquals(toChannel, orders.ids(), "the channel's backlog, in order, once, to its first subscriber");
                assertEquals(toClient, invoices.ids(), "the client's queue, in order, once");
                assertEquals("order 0", orders.messages().get(0).data());
                assertEquals("invoice " + (n - 1), invoices.messages().get(n - 1).data());
            }
        }
    }

    /** Waits until the inbox holds all these ids; the failure says which are missing, by index. */
    static void awaitAll(Inbox inbox, List<String> ids) {
        Await.until(() -> inbox.ids().containsAll(ids), WAIT, () -> {
            List<String> got = inbox.ids();
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!got.contains(ids.get(i))) {
                    missing.add(i);
                }
            }
            return "got " + got.size() + " of " + ids.size() + " messages; missing, by index sent: " + missing;
        });
    }

    /** A client config for a hub on this port that reconnects fast. */
    static BroadcastConfig config(int port) {
        return BroadcastConfig.builder().port(port)
                .reconnect(ReconnectPolicy.of(Duration.ofMillis(20), Duration.ofMillis(250), 0)).build();
    }

    static boolean connected(BroadcastTcpClient client) {
        return client.state() == ConnectionState.CONNECTED;
    }
}
