package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.Providers;
import broadcast.api.spi.QueueKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Persistent means at-least-once, and the client library makes it effectively once (DESIGN.md rule 5). */
class AtLeastOnceTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static BroadcastConfig.Builder viaProxy(TestHub hub, TestProxy proxy) {
        return hub.clientConfig().port(proxy.port());
    }

    /** A client connected to the hub through a proxy; a handler added later subscribes at once. */
    static BroadcastTcpClient connect(TestHub hub, TestProxy proxy, String name) throws Exception {
        BroadcastTcpClient c = hub.client(name, viaProxy(hub, proxy).build(), TestCodec.BIN);
        c.connect(WAIT);
        return c;
    }

    @Test
    void theHubKeepsAMessageUntilAcknowledgedAndRedeliversItMarked() throws Exception {
        MessageStore store = Providers.installed().store("memory", Map.of());
        try (TestHub hub = TestHub.start(TestHub.config().build(), () -> store)) {
            BroadcastTcpClient a = hub.connected("a");
            Frame.Data first;
            try (RawClient s = new RawClient(hub.port())) {
                s.write(RawClient.hello("s", List.of("orders")));
                s.readWelcome();
                a.sendMessage(BroadcastMessage.createChannelMessage("orders", "order 1"));
                first = (Frame.Data) s.read(FrameKind.DATA);
                assertFalse(first.has(Frame.Data.REDELIVERED));
                // no ACK: the connection ends
            }
            Eventually.until(() -> hub.server.client("s").isEmpty(), "the hub saw the connection end");
            assertEquals(1, store.count(QueueKey.client("s")), "kept until acknowledged");
            try (RawClient s = new RawClient(hub.port())) {
                s.write(RawClient.hello("s", List.of("orders")));
                s.readWelcome();
                Frame.Data again = (Frame.Data) s.read(FrameKind.DATA);
                assertEquals(first.id(), again.id());
                assertTrue(again.has(Frame.Data.REDELIVERED), "marked as sent before");
                s.write(RawClient.frame(new Frame.Ack(List.of(again.id()))));
                Eventually.until(() -> store.count(QueueKey.client("s")) == 0, "the ACK removes it");
            }
            try (RawClient s = new RawClient(hub.port())) {
                s.write(RawClient.hello("s", List.of("orders")));
                s.readWelcome();
                a.sendMessage(BroadcastMessage.createChannelMessage("orders", "order 2"));
                Frame.Data next = (Frame.Data) s.read(FrameKind.DATA);
                assertFalse(first.id().equals(next.id()), "the acknowledged message does not come back");
            }
        }
    }

    @Test
    void theClientAcknowledgesAfterItsHandlerAndDropsTheCopyTheHubSendsAgain() throws Exception {
        MessageStore store = Providers.installed().store("memory", Map.of());
        try (TestHub hub = TestHub.start(TestHub.config().build(), () -> store);
             TestProxy proxy = new TestProxy(hub.port())) {
            BroadcastTcpClient a = hub.connected("a");
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger calls = new AtomicInteger();
            BroadcastTcpClient s = hub.client("s", viaProxy(hub, proxy).build(), TestCodec.BIN);
            s.onMessage("orders", m -> {
                calls.incrementAndGet();
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            s.connect(WAIT);
            a.sendMessage(BroadcastMessage.createChannelMessage("orders", "order 1"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            assertEquals(1, store.count(QueueKey.client("s")), "not acknowledged while the handler runs");

            proxy.cutAll();
            // The hub sends the unacknowledged message again on the new connection.
            Eventually.until(() -> proxy.fromHub(FrameKind.DATA) == 2, "the hub redelivered");
            release.countDown();
            Eventually.until(() -> store.count(QueueKey.client("s")) == 0, "acknowledged after the handler returned");
            assertEquals(1, calls.get(), "the handler saw the message once");
            assertEquals(ConnectionState.CONNECTED, s.state());
        }
    }

    @Test
    void sendsNotAnsweredBeforeAReconnectAreSentAgainAndTheHubDropsTheCopies() throws Exception {
        GatedStore store = new GatedStore(Providers.installed().store("memory", Map.of()));
        try (TestHub hub = TestHub.start(TestHub.config().build(), () -> store);
             TestProxy proxy = new TestProxy(hub.port())) {
            List<String> seenByHub = Collections.synchronizedList(new ArrayList<>());
            hub.server.onMessage((sender, m) -> seenByHub.add(m.id()));
            Inbox inbox = new Inbox();
            BroadcastTcpClient s = hub.client("s");
            s.onDirectMessage(inbox);
            s.connect(WAIT);
            BroadcastTcpClient p = hub.client("p", viaProxy(hub, proxy).build(), TestCodec.BIN);
            p.connect(WAIT);

            List<CompletionStage<Outcome>> stages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                stages.add(p.sendMessage(BroadcastMessage.createClientMessage("s", "m" + i)));
            }
            inbox.await(10);
            assertEquals(10, proxy.toHub(FrameKind.DATA));
            assertFalse(stages.get(9).toCompletableFuture().isDone(), "no outcome until durable");

            proxy.cutAll();
            Eventually.until(() -> proxy.toHub(FrameKind.DATA) == 20, "p sent its unanswered messages again");
            store.open();
            for (CompletionStage<Outcome> stage : stages) {
                assertEquals(Outcome.Status.DELIVERED, stage.toCompletableFuture().get(10, TimeUnit.SECONDS).status());
            }
            assertEquals(10, seenByHub.size(), "the hub routed each message once: " + seenByHub);
            p.sendMessage(BroadcastMessage.createClientMessage("s", "after")).toCompletableFuture().get(10, TimeUnit.SECONDS);
            inbox.await(11);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                expected.add("m" + i);
            }
            expected.add("after");
            assertEquals(expected, inbox.texts(), "each once, in order");
        }
    }

    @Test
    void orderFromOneSenderToOneRecipientHoldsAcrossReconnects() throws Exception {
        try (TestHub hub = TestHub.start();
             TestProxy pubProxy = new TestProxy(hub.port());
             TestProxy subProxy = new TestProxy(hub.port())) {
            Inbox inbox = new Inbox();
            connect(hub, subProxy, "s").onMessage("seq", inbox).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            BroadcastTcpClient p = connect(hub, pubProxy, "p");
            int n = 600;
            List<CompletionStage<Outcome>> stages = new ArrayList<>();
            for (int chunk = 0; chunk < 6; chunk++) {
                for (int i = chunk * 100; i < (chunk + 1) * 100; i++) {
                    stages.add(p.sendMessage(BroadcastMessage.createChannelMessage("seq", i)));
                }
                // Cut one side while messages are in flight, and go on once it is back.
                TestProxy cut = chunk % 2 == 0 ? pubProxy : subProxy;
                int before = cut.connections.get();
                cut.cutAll();
                Eventually.until(() -> cut.connections.get() > before, "reconnected");
            }
            for (CompletionStage<Outcome> stage : stages) {
                assertTrue(stage.toCompletableFuture().get(20, TimeUnit.SECONDS).accepted());
            }
            List<BroadcastMessage> got = inbox.await(n, Duration.ofSeconds(20));
            List<Integer> values = got.stream().map(m -> (Integer) m.data()).toList();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                expected.add(i);
            }
            assertEquals(expected, values, "every message once, in the order sent");
            assertTrue(pubProxy.connections.get() >= 4 && subProxy.connections.get() >= 4, "the connections were cut");
        }
    }

    @Test
    void acknowledgementsAndOutcomesAreBatched() throws Exception {
        try (TestHub hub = TestHub.start();
             TestProxy pubProxy = new TestProxy(hub.port());
             TestProxy subProxy = new TestProxy(hub.port())) {
            Inbox inbox = new Inbox();
            connect(hub, subProxy, "s").onMessage("bulk", inbox).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            BroadcastTcpClient p = connect(hub, pubProxy, "p");
            List<BroadcastMessage> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(BroadcastMessage.createChannelMessage("bulk", ("m" + i).getBytes(StandardCharsets.UTF_8)));
            }
            for (CompletionStage<Outcome> stage : p.sendMessages(batch)) {
                assertEquals(Outcome.Status.DELIVERED, stage.toCompletableFuture().get(10, TimeUnit.SECONDS).status());
            }
            inbox.await(500);
            Eventually.until(() -> hub.server.toString().contains("clients=2"), "hub up");
            Eventually.until(() -> subProxy.toHub(FrameKind.ACK) > 0, "acks sent");
            int acks = subProxy.toHub(FrameKind.ACK);
            int outcomes = pubProxy.fromHub(FrameKind.OUTCOME);
            assertTrue(acks < 100, "500 messages acknowledged in " + acks + " ACK frames");
            assertTrue(outcomes < 100, "500 outcomes in " + outcomes + " OUTCOME frames");
        }
    }
}
