package broadcast.transport.tcp;

import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.FailureListener;
import broadcast.api.Outcome;
import broadcast.api.Payload;
import broadcast.api.spi.Payloads;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handlers and listeners run on the client's callback thread; a slow or throwing one hurts nothing else. */
class CallbacksTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void handlersRunOnTheCallbackThreadNeverOnAnIoThread() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient c = hub.client("c");
            c.onMessage("x", inbox);
            List<String> listenerThreads = new CopyOnWriteArrayList<>();
            c.onConnectionState((client, p, n, cause) -> listenerThreads.add(Thread.currentThread().getName()));
            c.connect(WAIT);
            hub.server.sendMessage(BroadcastMessage.createChannelMessage("x", "one"));
            inbox.await(1);
            assertEquals(List.of("broadcast-client-c-callbacks"), inbox.threads());
            Eventually.until(() -> !listenerThreads.isEmpty(), "listener called");
            assertEquals("broadcast-client-c-callbacks", listenerThreads.get(0));
            String stageThread = c.sendMessage(BroadcastMessage.createClientMessage("c", "to me"))
                    .thenApply(o -> Thread.currentThread().getName()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertTrue(!stageThread.startsWith("broadcast-client-") || stageThread.endsWith("-callbacks"),
                    "a stage continuation ran on " + stageThread);
        }
    }

    @Test
    void aThrowingHandlerIsReportedAndTheOthersRunOn() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox second = new Inbox();
            BroadcastTcpClient c = hub.client("c");
            List<String> failures = new CopyOnWriteArrayList<>();
            c.onFailure(new FailureListener() {
                @Override
                public void onHandlerFailed(BroadcastClient client, BroadcastMessage message, Throwable failure) {
                    failures.add(message.data() + ": " + failure.getMessage());
                }
            });
            c.onMessage("x", m -> {
                throw new IllegalStateException("boom");
            });
            c.onMessage("x", second);
            c.connect(WAIT);
            hub.server.sendMessage(BroadcastMessage.createChannelMessage("x", "one"));
            hub.server.sendMessage(BroadcastMessage.createChannelMessage("x", "two"));
            assertEquals(List.of("one", "two"), DeliveryRulesTest.texts(second.await(2)));
            Eventually.until(() -> failures.size() == 2, "both failures reported");
            assertEquals(List.of("one: boom", "two: boom"), List.copyOf(failures));
            assertTrue(c.toString().contains("handlerFailures=2"), c.toString());
            assertEquals(ConnectionState.CONNECTED, c.state());
        }
    }

    @Test
    void aBlockedHandlerDelaysOnlyItsOwnClient() throws Exception {
        try (TestHub hub = TestHub.start(HeartbeatTest.fast().build()); TestProxy proxy = new TestProxy(hub.port())) {
            CountDownLatch release = new CountDownLatch(1);
            BroadcastTcpClient slow = hub.client("slow", hub.clientConfig().port(proxy.port()).build(), TestCodec.BIN);
            Inbox slowInbox = new Inbox();
            slow.onMessage("x", m -> {
                slowInbox.onMessage(m);
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            slow.connect(WAIT);
            Inbox fast = new Inbox();
            BroadcastTcpClient other = hub.client("other");
            other.onMessage("x", fast);
            other.connect(WAIT);
            for (int i = 0; i < 5; i++) {
                hub.server.sendMessage(BroadcastMessage.createChannelMessage("x", i));
            }
            assertEquals(5, fast.await(5).size(), "the other client is not held up");
            slowInbox.await(1);
            // While the handler blocks, heartbeats go on: two timeouts' worth of pings, and no reconnect.
            int pongs = proxy.fromHub(broadcast.api.spi.FrameKind.PONG) + proxy.toHub(broadcast.api.spi.FrameKind.PONG);
            Eventually.until(() -> proxy.toHub(broadcast.api.spi.FrameKind.PONG)
                    + proxy.fromHub(broadcast.api.spi.FrameKind.PONG) >= pongs + 10, "heartbeats during the block");
            assertEquals(1, proxy.connections.get());
            assertEquals(ConnectionState.CONNECTED, slow.state());
            release.countDown();
            assertEquals(List.of("0", "1", "2", "3", "4"), slowInbox.await(5).stream().map(m -> String.valueOf(m.data()))
                    .toList());
        }
    }

    @Test
    void clientsWithDifferentCodecsExchangeMessagesAndTheHubTranscodesOnlyTheHeader() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox binInbox = new Inbox();
            Inbox altInbox = new Inbox();
            BroadcastTcpClient bin = hub.client("bin-client", hub.clientConfig().codec("bin").build(), TestCodec.BIN);
            bin.onMessage("mixed", binInbox);
            bin.connect(WAIT);
            BroadcastTcpClient alt = hub.client("alt-client", hub.clientConfig().codec("alt").build(), TestCodec.ALT);
            alt.onMessage("mixed", altInbox);
            alt.connect(WAIT);
            bin.sendMessage(BroadcastMessage.createChannelMessage("mixed", Map.of("from", "bin")));
            alt.sendMessage(BroadcastMessage.createChannelMessage("mixed", "text from alt"));
            alt.sendMessage(BroadcastMessage.createChannelMessage("mixed", new byte[] {1, 2, 3}));
            BroadcastMessage atAlt = altInbox.await(1).get(0);
            assertEquals("application/x-test-bin", atAlt.payload().orElseThrow().contentType(),
                    "the payload keeps the sender's content type");
            assertEquals(Map.of("from", "bin"), Payloads.decode(atAlt.payload().orElseThrow(), TestCodec.BIN),
                    "and its bytes");
            List<BroadcastMessage> atBin = binInbox.await(2);
            assertEquals("text from alt", atBin.get(0).data());
            assertEquals(Payload.TEXT, atBin.get(0).payload().orElseThrow().contentType());
            assertTrue(java.util.Arrays.equals(new byte[] {1, 2, 3}, (byte[]) atBin.get(1).data()));
        }
    }
}
