package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PING/PONG both ways: a peer that stopped answering is found within the heartbeat timeout. */
class HeartbeatTest {

    static BroadcastConfig.Builder fast() {
        return TestHub.config().heartbeatInterval(Duration.ofMillis(100)).heartbeatTimeout(Duration.ofMillis(500));
    }

    @Test
    void idleConnectionsStayUpOnPingsAndPongs() throws Exception {
        try (TestHub hub = TestHub.start(fast().build()); TestProxy proxy = new TestProxy(hub.port())) {
            BroadcastTcpClient c = hub.client("c", hub.clientConfig().port(proxy.port()).build(), TestCodec.BIN);
            c.connect(Duration.ofSeconds(10));
            // Two timeouts' worth of silence from the application: the heartbeats keep it alive.
            Eventually.until(() -> proxy.toHub(FrameKind.PING) >= 10 && proxy.fromHub(FrameKind.PING) >= 10,
                    () -> "pings both ways: " + proxy.toHub(FrameKind.PING) + " / " + proxy.fromHub(FrameKind.PING));
            assertTrue(proxy.toHub(FrameKind.PONG) > 0 && proxy.fromHub(FrameKind.PONG) > 0, "pongs both ways");
            assertEquals(1, proxy.connections.get(), "never reconnected");
            assertEquals(ConnectionState.CONNECTED, c.state());
        }
    }

    @Test
    void aClientThatOnlyReceivesStillSendsHeartbeats() throws Exception {
        try (TestHub hub = TestHub.start(fast().build()); TestProxy proxy = new TestProxy(hub.port())) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient c = hub.client("c", hub.clientConfig().port(proxy.port()).build(), TestCodec.BIN);
            c.onMessage("stream", inbox);
            c.connect(Duration.ofSeconds(10));
            // A steady one-way stream for well over the hub's 500 ms timeout: the client writes only PINGs.
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (proxy.toHub(FrameKind.PING) < 10) {
                assertTrue(System.nanoTime() < deadline, "the receiving client sent only " + proxy.toHub(FrameKind.PING)
                        + " PINGs in 10 s, over " + proxy.connections.get() + " connections");
                hub.server.sendMessage(BroadcastMessage.createChannelMessage("stream", sent++, null, false))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            inbox.await(sent);
            assertEquals(1, proxy.connections.get(), "the hub never dropped the receiving client");
            assertEquals(ConnectionState.CONNECTED, c.state());
        }
    }

    @Test
    void aFrozenHubIsDetectedAndTheClientReconnectsWhenItAnswersAgain() throws Exception {
        try (TestHub hub = TestHub.start(fast().build()); TestProxy proxy = new TestProxy(hub.port())) {
            BroadcastTcpClient c = hub.client("c", hub.clientConfig().port(proxy.port()).build(), TestCodec.BIN);
            List<Throwable> causes = new CopyOnWriteArrayList<>();
            c.onConnectionState((client, previous, current, cause) -> {
                if (current == ConnectionState.DISCONNECTED) {
                    causes.add(cause);
                }
            });
            c.connect(Duration.ofSeconds(10));
            proxy.freeze(true);
            Eventually.until(() -> !causes.isEmpty(), "the client noticed the silence");
            assertEquals(ErrorCode.HEARTBEAT_TIMEOUT, ((BroadcastException) causes.get(0)).code().orElseThrow());
            proxy.freeze(false);
            Eventually.until(() -> c.state() == ConnectionState.CONNECTED, "connected again");
        }
    }

    @Test
    void theHubFreesAConnectionThatStoppedAnsweringAndItsSubscriptions() throws Exception {
        try (TestHub hub = TestHub.start(fast().build()); TestProxy proxy = new TestProxy(hub.port())) {
            BroadcastTcpClient frozen = hub.client("frozen", hub.clientConfig().port(proxy.port())
                    .heartbeatInterval(Duration.ofSeconds(30)).heartbeatTimeout(Duration.ofSeconds(60)).build(),
                    TestCodec.BIN);
            frozen.onMessage("news", m -> { });
            frozen.connect(Duration.ofSeconds(10));
            BroadcastTcpClient a = hub.connected("a");
            proxy.freeze(true);
            Eventually.until(() -> hub.server.client("frozen").isEmpty(), "the hub freed the connection");
            // Its subscription is gone: a persistent message to the channel is queued, not sent to it.
            Outcome o = a.sendMessage(BroadcastMessage.createChannelMessage("news", "x")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(Outcome.Status.QUEUED, o.status());
        }
    }

    @Test
    void persistentMessagesInFlightToAFrozenClientGoBackToItsQueueAndReachItsSuccessor() throws Exception {
        BroadcastConfig config = TestHub.config().heartbeatInterval(Duration.ofMillis(200))
                .heartbeatTimeout(Duration.ofMillis(1500)).build();
        try (TestHub hub = TestHub.start(config); TestProxy proxy = new TestProxy(hub.port())) {
            BroadcastTcpClient frozen = hub.client("frozen", hub.clientConfig().port(proxy.port())
                    .heartbeatInterval(Duration.ofSeconds(30)).heartbeatTimeout(Duration.ofSeconds(60)).build(),
                    TestCodec.BIN);
            Inbox lost = new Inbox();
            frozen.onMessage("news", lost);
            frozen.connect(Duration.ofSeconds(10));
            BroadcastTcpClient a = hub.connected("a");
            proxy.freeze(true);
            List<String> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                BroadcastMessage m = BroadcastMessage.createChannelMessage("news", "m" + i, null, true);
                sent.add(m.id());
                assertEquals(Outcome.Status.DELIVERED, a.sendMessage(m).toCompletableFuture().get(10, TimeUnit.SECONDS)
                        .status(), "written to the frozen client's connection: in flight");
            }
            Eventually.until(() -> hub.server.client("frozen").isEmpty(), "the hub freed the frozen connection");
            assertEquals(1, hub.server.stats().errors(ErrorCode.HEARTBEAT_TIMEOUT));
            assertEquals(5, hub.server.stats().queued(), "the messages in flight are in its queue");
            frozen.close();
            assertEquals(0, lost.size(), "the frozen client never got them");

            Inbox inbox = new Inbox();
            BroadcastTcpClient successor = hub.client("frozen");
            successor.onMessage("news", inbox);
            successor.connect(Duration.ofSeconds(10));
            List<BroadcastMessage> got = inbox.await(5);
            assertEquals(sent, inbox.ids(), "every message in flight, once, in order");
            assertTrue(got.stream().allMatch(BroadcastMessage::redelivered), "marked redelivered");
            Eventually.until(() -> hub.server.stats().queued() == 0, () -> "acknowledged: " + hub.server.stats());
        }
    }

    @Test
    void theHubPingsAndClosesARawConnectionThatNeverAnswers() throws Exception {
        try (TestHub hub = TestHub.start(fast().build()); RawClient raw = new RawClient(hub.port())) {
            raw.write(RawClient.hello("mute", List.of()));
            assertEquals(100, raw.readWelcome().heartbeatIntervalMs());
            raw.read(FrameKind.PING);
            Frame.Error e = (Frame.Error) raw.read(FrameKind.ERROR);
            assertEquals(ErrorCode.HEARTBEAT_TIMEOUT, e.code());
            assertEquals("nothing received from client 'mute' for 500 ms (heartbeatTimeout)", e.message());
            assertTrue(raw.closedByPeer());
        }
    }
}
