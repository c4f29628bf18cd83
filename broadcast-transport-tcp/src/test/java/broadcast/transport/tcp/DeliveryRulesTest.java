package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectedClient;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.FailureListener;
import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastException;
import broadcast.api.Outcome;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.Providers;
import broadcast.api.spi.QueueKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub's delivery rules (DESIGN.md "Delivery rules"), end to end over loopback with real clients. */
class DeliveryRulesTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static Outcome outcome(CompletionStage<Outcome> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static BroadcastTcpClient subscriber(TestHub hub, String name, String channel, Inbox inbox) {
        BroadcastTcpClient c = hub.client(name);
        c.onMessage(channel, inbox);
        c.connect(WAIT);
        return c;
    }

    static BroadcastMessage transientTo(String channel, Object data) {
        return BroadcastMessage.createChannelMessage(channel, data, null, false);
    }

    @Test
    void channelMessageReachesEverySubscriberButItsSender() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox a = new Inbox();
            Inbox b = new Inbox();
            Inbox c = new Inbox();
            BroadcastTcpClient ca = subscriber(hub, "a", "news", a);
            BroadcastTcpClient cb = subscriber(hub, "b", "news", b);
            subscriber(hub, "c", "news", c);

            Outcome o = outcome(ca.sendMessage(BroadcastMessage.createChannelMessage("news", "from a")));
            assertEquals(Outcome.Status.DELIVERED, o.status());
            b.await(1);
            c.await(1);
            assertEquals(List.of("from a"), b.texts());
            assertEquals(List.of("from a"), c.texts());
            assertEquals("a", b.messages().get(0).sender().orElseThrow());
            assertEquals(o.messageId(), b.messages().get(0).id(), "the id travels end to end");

            // a's own message would have come before this one: a sees only b's.
            outcome(cb.sendMessage(BroadcastMessage.createChannelMessage("news", "from b")));
            a.await(1);
            assertEquals(List.of("from b"), a.texts());
        }
    }

    @Test
    void clientMessageReachesTheClientByNameAndByAddress() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox direct = new Inbox();
            BroadcastTcpClient b = hub.client("b");
            b.onDirectMessage(direct);
            b.connect(WAIT);

            assertEquals(Outcome.Status.DELIVERED,
                    outcome(a.sendMessage(BroadcastMessage.createClientMessage("b", "by name"))).status());
            String address = hub.server.client("b").orElseThrow().address();
            assertTrue(address.startsWith("127.0.0.1:"), address);
            assertEquals(Outcome.Status.DELIVERED,
                    outcome(a.sendMessage(BroadcastMessage.createClientMessage(address, "by address"))).status());

            direct.await(2);
            assertEquals(List.of("by name", "by address"), direct.texts());
            assertEquals("b", direct.messages().get(1).client().orElseThrow(), "the hub names the addressed client");
        }
    }

    @Test
    void messageToAClientAndAChannelReachesEachRecipientOnce() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox bChannel = new Inbox();
            Inbox bDirect = new Inbox();
            BroadcastTcpClient b = hub.client("b");
            b.onMessage("news", bChannel);
            b.onDirectMessage(bDirect);
            b.connect(WAIT);
            Inbox c = new Inbox();
            subscriber(hub, "c", "news", c);

            BroadcastMessage both = BroadcastMessage.create("b", "news", "to b and news");
            assertEquals(Outcome.Status.DELIVERED, outcome(a.sendMessage(both)).status());
            // A second message marks the end: had the first come twice, it would be seen before it.
            outcome(a.sendMessage(BroadcastMessage.create("b", "news", "marker")));
            bChannel.await(2);
            bDirect.await(2);
            c.await(2);
            assertEquals(List.of("to b and news", "marker"), bChannel.texts(), "b's channel handler, once each");
            assertEquals(List.of("to b and news", "marker"), bDirect.texts(), "b's direct handler, once each");
            assertEquals(List.of("to b and news", "marker"), c.texts());
            assertEquals(bChannel.messages().get(0), bDirect.messages().get(0), "the same message, one id");
        }
    }

    @Test
    void multiChannelAndGroupSendsReachEveryTarget() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox x = new Inbox();
            Inbox y = new Inbox();
            subscriber(hub, "x", "room-1", x);
            subscriber(hub, "y", "room-2", y);
            Inbox bDirect = new Inbox();
            Inbox cDirect = new Inbox();
            BroadcastTcpClient b = hub.client("b");
            b.onDirectMessage(bDirect);
            b.connect(WAIT);
            BroadcastTcpClient c = hub.client("c");
            c.onDirectMessage(cDirect);
            c.connect(WAIT);

            List<CompletionStage<Outcome>> rooms = a.sendMessages(
                    BroadcastMessage.createMultiChannelMessage(List.of("room-1", "room-2"), "to both rooms"));
            List<CompletionStage<Outcome>> group = a.sendMessages(
                    BroadcastMessage.createGroupMessage(List.of("b", "c"), "to the group"));
            for (CompletionStage<Outcome> s : rooms) {
                assertEquals(Outcome.Status.DELIVERED, outcome(s).status());
            }
            for (CompletionStage<Outcome> s : group) {
                assertEquals(Outcome.Status.DELIVERED, outcome(s).status());
            }
            assertEquals(List.of("to both rooms"), texts(x.await(1)));
            assertEquals(List.of("to both rooms"), texts(y.await(1)));
            assertEquals(List.of("to the group"), texts(bDirect.await(1)));
            assertEquals(List.of("to the group"), texts(cDirect.await(1)));
        }
    }

    static List<String> texts(List<BroadcastMessage> messages) {
        return messages.stream().map(m -> String.valueOf(m.data())).toList();
    }

    @Test
    void channelBacklogGoesToTheFirstSubscriberButNeverBackToItsSender() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            assertEquals(Outcome.Status.QUEUED,
                    outcome(a.sendMessage(BroadcastMessage.createChannelMessage("jobs", "job 1"))).status());
            assertEquals(Outcome.Status.QUEUED,
                    outcome(a.sendMessage(BroadcastMessage.createChannelMessage("jobs", "job 2"))).status());
            // The sender subscribes first: its own messages are not handed back to it.
            Inbox aInbox = new Inbox();
            a.onMessage("jobs", aInbox).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // The first other subscriber gets the backlog, in order.
            Inbox b = new Inbox();
            subscriber(hub, "b", "jobs", b);
            assertEquals(List.of("job 1", "job 2"), texts(b.await(2)));
            // A later subscriber gets nothing of it: b took it.
            Inbox c = new Inbox();
            BroadcastTcpClient cc = subscriber(hub, "c", "jobs", c);
            outcome(cc.sendMessage(BroadcastMessage.createChannelMessage("jobs", "job 3 from c")));
            assertEquals(List.of("job 3 from c"), texts(aInbox.await(1)));
            assertEquals(List.of("job 1", "job 2", "job 3 from c"), texts(b.await(3)));
            assertEquals(0, c.size());
        }
    }

    @Test
    void aClientsQueueIsDeliveredWhenItConnectsBeforeAnythingLive() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            List<CompletionStage<Outcome>> queued = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                queued.add(a.sendMessage(BroadcastMessage.createClientMessage("d", "queued " + i)));
            }
            for (CompletionStage<Outcome> s : queued) {
                assertEquals(Outcome.Status.QUEUED, outcome(s).status());
            }
            Inbox d = new Inbox();
            BroadcastTcpClient cd = hub.client("d");
            cd.onDirectMessage(d);
            cd.connect().toCompletableFuture().get(10, TimeUnit.SECONDS);
            // Live messages sent while the queue is being replayed come after it.
            for (int i = 0; i < 20; i++) {
                a.sendMessage(BroadcastMessage.createClientMessage("d", "live " + i));
                a.sendMessage(BroadcastMessage.createClientMessage("d", "live transient " + i, null, false));
            }
            List<String> got = texts(d.await(340));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                expected.add("queued " + i);
            }
            for (int i = 0; i < 20; i++) {
                expected.add("live " + i);
                expected.add("live transient " + i);
            }
            assertEquals(expected.subList(0, 300), got.subList(0, 300), "the queue first, in order");
            List<String> persistentLive = got.subList(300, 340).stream().filter(t -> t.startsWith("live ")
                    && !t.contains("transient")).toList();
            List<String> transientLive = got.subList(300, 340).stream().filter(t -> t.contains("transient")).toList();
            assertEquals(expected.stream().filter(t -> t.startsWith("live ") && !t.contains("transient")).toList(),
                    persistentLive);
            assertEquals(expected.stream().filter(t -> t.contains("transient")).toList(), transientLive);
        }
    }

    @Test
    void transientMessagesAreNeverStored() throws Exception {
        CountingStore store = new CountingStore(Providers.installed().store("memory", Map.of()));
        try (TestHub hub = TestHub.start(TestHub.config().build(), () -> store)) {
            BroadcastTcpClient a = hub.client("a", hub.clientConfig().transientOutcomes(true).build(), TestCodec.BIN);
            a.connect(WAIT);
            Inbox b = new Inbox();
            subscriber(hub, "b", "ticks", b);
            assertEquals(Outcome.Status.DELIVERED, outcome(a.sendMessage(transientTo("ticks", "tick"))).status());
            Outcome nobody = outcome(a.sendMessage(transientTo("nobody-listens", "lost")));
            Outcome offline = outcome(a.sendMessage(BroadcastMessage.createClientMessage("offline", "lost too", null, false)));
            b.await(1);
            assertEquals(Outcome.Reason.NO_RECIPIENT, nobody.reason());
            assertEquals(Outcome.Reason.NO_RECIPIENT, offline.reason());
            assertTrue(offline.detail().contains("offline"), offline.detail());
            assertEquals(0, store.appends.get(), "no transient message reached the store");
            assertEquals(0, store.stats().entries());
        }
    }

    @Test
    void everyPersistentMessageGetsAnOutcome() throws Exception {
        BroadcastConfig config = TestHub.config().build();
        MessageStore small = Providers.installed().store("memory", Map.of("max-queue-messages", "1"));
        try (TestHub hub = TestHub.start(config, () -> small)) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox b = new Inbox();
            subscriber(hub, "b", "news", b);
            assertEquals(Outcome.Status.DELIVERED,
                    outcome(a.sendMessage(BroadcastMessage.createChannelMessage("news", "online"))).status());
            assertEquals(Outcome.Status.QUEUED,
                    outcome(a.sendMessage(BroadcastMessage.createClientMessage("offline", "first"))).status());
            Outcome full = outcome(a.sendMessage(BroadcastMessage.createClientMessage("offline", "second")));
            assertEquals(Outcome.Status.NOT_DELIVERED, full.status());
            assertEquals(Outcome.Reason.QUEUE_FULL, full.reason());
            assertTrue(full.detail().contains("client:offline"), full.detail());
            Outcome expired = outcome(a.sendMessage(BroadcastMessage.builder().channel("news").data("stale")
                    .expiresAt(Instant.now().minusSeconds(1)).build()));
            assertEquals(Outcome.Reason.EXPIRED, expired.reason());
        }
    }

    @Test
    void aTransientMessageThatReachedNobodyGetsAFailureNoticeAndOutcomesOnRequest() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            List<Outcome> notices = new CopyOnWriteArrayList<>();
            a.onFailure(new FailureListener() {
                @Override
                public void onNotDelivered(BroadcastClient client, Outcome outcome) {
                    notices.add(outcome);
                }
            });
            BroadcastMessage lost = transientTo("empty-room", "anyone?");
            Outcome written = outcome(a.sendMessage(lost));
            assertEquals(Outcome.Status.DELIVERED, written.status(), "a transient message completes once written");
            Eventually.until(() -> !notices.isEmpty(), "the hub's failure notice");
            assertEquals(lost.id(), notices.get(0).messageId());
            assertEquals(Outcome.Reason.NO_RECIPIENT, notices.get(0).reason());
            assertTrue(notices.get(0).detail().contains("empty-room"), notices.get(0).detail());

            // A client that asks for transient outcomes gets the hub's answer instead.
            BroadcastTcpClient cli = hub.client("cli", hub.clientConfig().transientOutcomes(true).build(), TestCodec.BIN);
            cli.connect(WAIT);
            Inbox b = new Inbox();
            subscriber(hub, "b", "room", b);
            assertEquals(Outcome.Status.DELIVERED, outcome(cli.sendMessage(transientTo("room", "hi"))).status());
            Outcome none = outcome(cli.sendMessage(transientTo("empty-room", "hi")));
            assertEquals(Outcome.Reason.NO_RECIPIENT, none.reason());
        }
    }

    @Test
    void aFailingStoreTurnsIntoNotDeliveredForThatMessageNeverADeadHub() throws Exception {
        MessageStore real = Providers.installed().store("memory", Map.of());
        FailingStore store = new FailingStore(real, 3, 5);
        try (TestHub hub = TestHub.start(TestHub.config().build(), () -> store)) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox b = new Inbox();
            subscriber(hub, "b", "news", b);
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                outcomes.add(outcome(a.sendMessage(BroadcastMessage.createChannelMessage("news", "m" + i))));
            }
            assertEquals(Outcome.Status.DELIVERED, outcomes.get(0).status());
            assertEquals(Outcome.Status.DELIVERED, outcomes.get(1).status());
            assertEquals(Outcome.Reason.STORE_FAILED, outcomes.get(2).reason());
            assertTrue(outcomes.get(2).detail().contains("disk on fire"), outcomes.get(2).detail());
            assertEquals(Outcome.Status.DELIVERED, outcomes.get(3).status(), "the hub and the connection live on");
            assertEquals(Outcome.Reason.STORE_FAILED, outcomes.get(4).reason());
            assertEquals("the hub's store failed to make the message durable: fsync failed", outcomes.get(4).detail());
            assertEquals(List.of("m1", "m2", "m4"), texts(b.await(3)).subList(0, 3));
            assertEquals(ConnectionState.CONNECTED, a.state());
        }
    }

    @Test
    void theHubsOwnMessagesFollowTheSameRules() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox b = new Inbox();
            subscriber(hub, "b", "news", b);
            Outcome toChannel = outcome(hub.server.sendMessage(BroadcastMessage.createChannelMessage("news", "from hub")));
            assertEquals(Outcome.Status.DELIVERED, toChannel.status());
            assertEquals(List.of("from hub"), texts(b.await(1)));
            assertEquals(hub.server.hubId(), b.messages().get(0).sender().orElseThrow());

            assertEquals(Outcome.Status.QUEUED,
                    outcome(hub.server.sendMessage(BroadcastMessage.createClientMessage("later", "kept"))).status());
            Outcome nobody = outcome(hub.server.sendMessage(transientTo("empty", "lost")));
            assertEquals(Outcome.Reason.NO_RECIPIENT, nobody.reason());

            Inbox later = new Inbox();
            BroadcastTcpClient cl = hub.client("later");
            cl.onDirectMessage(later);
            cl.connect(WAIT);
            assertEquals(List.of("kept"), texts(later.await(1)));

            ConnectedClient view = hub.server.client("later").orElseThrow();
            assertEquals(Outcome.Status.DELIVERED,
                    outcome(view.send(BroadcastMessage.createChannelMessage("whatever", "just for you"))).status());
            assertEquals(List.of("kept", "just for you"), texts(later.await(2)));
        }
    }

    @Test
    void theHubSubscribesAndUnsubscribesAClientOnItsBehalf() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox alerts = new Inbox();
            subscriber(hub, "b", "alerts", alerts);
            ConnectedClient b = hub.server.client("b").orElseThrow();
            assertEquals(java.util.Set.of("alerts"), b.channels());
            b.removeChannel("alerts");
            Eventually.until(() -> b.channels().isEmpty(), "unsubscribed");
            assertEquals(Outcome.Status.QUEUED,
                    outcome(a.sendMessage(BroadcastMessage.createChannelMessage("alerts", "while away"))).status());
            b.addChannel("alerts");
            assertEquals(List.of("while away"), texts(alerts.await(1)), "the first subscriber gets the backlog");
            assertEquals(java.util.Set.of("alerts"), b.channels());
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> b.addChannel(" "));
            assertEquals("channel must not be blank, was \" \"", e.getMessage());
        }
    }

    @Test
    void serverOnMessageSeesEveryClientDataMessage() throws Exception {
        try (TestHub hub = TestHub.start()) {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            hub.server.onMessage((sender, message) -> {
                seen.add(sender.name() + ":" + message.data());
                threads.add(Thread.currentThread().getName());
            });
            BroadcastTcpClient a = hub.connected("a");
            BroadcastTcpClient b = hub.connected("b");
            outcome(a.sendMessage(BroadcastMessage.createClientMessage("b", "direct")));
            outcome(a.sendMessage(transientTo("empty", "to nobody")));
            outcome(b.sendMessage(BroadcastMessage.createChannelMessage("queued-channel", Map.of("k", 1))));
            Eventually.until(() -> seen.size() == 3, "three messages seen");
            // In order per sender; a's transient message and b's may arrive in either order.
            assertEquals(List.of("a:direct", "a:to nobody"), seen.stream().filter(x -> x.startsWith("a:")).toList());
            assertTrue(seen.contains("b:{k=1}"), seen.toString());
            for (String t : threads) {
                assertTrue(t.startsWith("broadcast-hub-callbacks"), "the hook runs on the callback thread, ran on " + t);
            }
        }
    }

    @Test
    void aSecondConnectionWithANameInUseTakesItOver() throws Exception {
        try (TestHub hub = TestHub.start()) {
            BroadcastTcpClient a = hub.connected("a");
            CountDownLatch handlerEntered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            BroadcastTcpClient first = hub.client("x");
            List<BroadcastException> errors = new CopyOnWriteArrayList<>();
            first.onFailure(new FailureListener() {
                @Override
                public void onError(BroadcastClient client, BroadcastException failure) {
                    errors.add(failure);
                }
            });
            first.onDirectMessage(m -> {
                handlerEntered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            first.connect(WAIT);
            outcome(a.sendMessage(BroadcastMessage.createClientMessage("x", "unacknowledged")));
            assertTrue(handlerEntered.await(10, TimeUnit.SECONDS));

            Inbox second = new Inbox();
            BroadcastTcpClient takeover = hub.client("x");
            takeover.onDirectMessage(second);
            takeover.connect(WAIT);
            Eventually.until(() -> first.state() == ConnectionState.CLOSED, "the first connection is closed");
            release.countDown();
            Eventually.until(() -> errors.stream().anyMatch(e -> e.code().orElse(null) == ErrorCode.TAKEN_OVER),
                    "the first client is told TAKEN_OVER");

            // What the first connection had not acknowledged goes to the new one, marked redelivered.
            assertEquals(List.of("unacknowledged"), texts(second.await(1)));
            assertTrue(second.messages().get(0).redelivered());
            outcome(a.sendMessage(BroadcastMessage.createClientMessage("x", "after")));
            assertEquals(List.of("unacknowledged", "after"), texts(second.await(2)));
            assertEquals(1, hub.server.clients().stream().filter(c -> c.name().equals("x")).count());
        }
    }
}
