package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Outcome;
import broadcast.api.ReconnectPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clients reconnect by themselves, resubscribe, and keep what they send while disconnected in a bounded outbox. */
class ReconnectTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aClientReconnectsResubscribesAndReportsItsStates() throws Exception {
        try (TestHub hub = TestHub.start(); TestProxy proxy = new TestProxy(hub.port())) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient c = hub.client("c", hub.clientConfig().port(proxy.port()).build(), TestCodec.BIN);
            List<String> states = new CopyOnWriteArrayList<>();
            c.onConnectionState((client, previous, current, cause) -> states.add(previous + "->" + current));
            c.onMessage("news", inbox);
            c.connect(WAIT);
            proxy.cutAll();
            Eventually.until(() -> states.contains("RECONNECTING->CONNECTED"), () -> "reconnected: " + states);
            assertEquals(List.of("CONNECTING->CONNECTED", "CONNECTED->DISCONNECTED", "DISCONNECTED->RECONNECTING",
                    "RECONNECTING->CONNECTED"), List.copyOf(states));
            Eventually.until(() -> hub.server.client("c").map(x -> x.channels().contains("news")).orElse(false),
                    "resubscribed");
            hub.server.sendMessage(BroadcastMessage.createChannelMessage("news", "after the reconnect"));
            assertEquals(List.of("after the reconnect"), DeliveryRulesTest.texts(inbox.await(1)));
        }
    }

    @Test
    void messagesSentWhileTheHubIsDownWaitInTheOutboxAndGoFirstInOrder() throws Exception {
        TestHub first = TestHub.start();
        int port = first.port();
        BroadcastConfig clientConfig = first.clientConfig().build();
        BroadcastTcpClient p = new BroadcastTcpClient(clientConfig, "p", TestCodec.BIN);
        BroadcastTcpClient s = new BroadcastTcpClient(clientConfig, "s", TestCodec.BIN);
        try {
            Inbox inbox = new Inbox();
            s.onMessage("news", inbox);
            s.connect(WAIT);
            p.connect(WAIT);
            first.close();
            Eventually.until(() -> p.state() == ConnectionState.RECONNECTING && s.state() == ConnectionState.RECONNECTING,
                    "both clients noticed the hub is gone");
            List<CompletionStage<Outcome>> whileDown = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                whileDown.add(p.sendMessage(BroadcastMessage.createChannelMessage("news", "queued " + i, null, i % 2 == 0)));
            }
            try (TestHub second = TestHub.start(TestHub.config().port(port).build())) {
                assertEquals(port, second.port());
                p.connect(WAIT);
                Eventually.until(() -> p.state() == ConnectionState.CONNECTED, "p is back");
                for (CompletionStage<Outcome> stage : whileDown) {
                    assertTrue(stage.toCompletableFuture().get(10, TimeUnit.SECONDS).accepted());
                }
                p.sendMessage(BroadcastMessage.createChannelMessage("news", "new"));
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 20; i += 2) {
                    expected.add("queued " + i); // the persistent ones reach s, queued if it came back later
                }
                expected.add("new");
                Eventually.until(() -> s.state() == ConnectionState.CONNECTED, "s is back");
                Eventually.until(() -> inbox.texts().contains("new"), () -> "got " + inbox.texts());
                List<String> persistentOnes = inbox.texts().stream()
                        .filter(t -> t.equals("new") || Integer.parseInt(t.substring(7)) % 2 == 0).toList();
                assertEquals(expected, persistentOnes, "the outbox first, in order, then new sends");
            }
        } finally {
            p.close();
            s.close();
        }
    }

    @Test
    void aFullOutboxRefusesAtOnceNamingTheLimit() throws Exception {
        TestHub hub = TestHub.start();
        BroadcastTcpClient c = hub.client("c", hub.clientConfig().outboxMessages(3).build(), TestCodec.BIN);
        c.connect(WAIT);
        hub.server.close();
        Eventually.until(() -> c.state() == ConnectionState.RECONNECTING, "disconnected");
        List<CompletionStage<Outcome>> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(c.sendMessage(BroadcastMessage.createChannelMessage("x", i)));
        }
        Outcome refused = c.sendMessage(BroadcastMessage.createChannelMessage("x", 3)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertEquals(Outcome.Reason.OUTBOX_FULL, refused.reason());
        assertEquals("client 'c' already has 3 messages waiting to be sent or answered (outboxMessages)", refused.detail());
        for (CompletionStage<Outcome> stage : kept) {
            assertTrue(!stage.toCompletableFuture().isDone(), "the first three wait");
        }
        hub.close();
        for (CompletionStage<Outcome> stage : kept) {
            assertEquals(Outcome.Reason.CLOSED, stage.toCompletableFuture().get(10, TimeUnit.SECONDS).reason(),
                    "closing the client completes what waited");
        }
    }

    @Test
    void aClientGivesUpAfterItsMaximumAttempts() throws Exception {
        int port;
        try (TestHub hub = TestHub.start()) {
            port = hub.port();
        }
        BroadcastConfig config = TestHub.config().port(port)
                .reconnect(ReconnectPolicy.of(Duration.ofMillis(10), Duration.ofMillis(20), 3)).build();
        try (BroadcastTcpClient c = new BroadcastTcpClient(config, "c", TestCodec.BIN)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.connect().toCompletableFuture().get(10, TimeUnit.SECONDS));
            BroadcastException cause = (BroadcastException) e.getCause();
            assertTrue(cause.getMessage().startsWith("client 'c' gave up connecting to 127.0.0.1:" + port
                    + " after 3 attempts (reconnect maxAttempts)"), cause.getMessage());
            assertEquals(ConnectionState.CLOSED, c.state());
        }
    }

    @Test
    void connectWithATimeoutSaysWhereAndWhy() throws Exception {
        int port;
        try (TestHub hub = TestHub.start()) {
            port = hub.port();
        }
        try (BroadcastTcpClient c = new BroadcastTcpClient(TestHub.config().port(port).build(), "c", TestCodec.BIN)) {
            BroadcastException e = assertThrows(BroadcastException.class, () -> c.connect(Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("client 'c' could not connect to 127.0.0.1:" + port + " within 300 ms"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
            assertEquals(ConnectionState.CONNECTING, c.state(), "still trying");
        }
    }
}
