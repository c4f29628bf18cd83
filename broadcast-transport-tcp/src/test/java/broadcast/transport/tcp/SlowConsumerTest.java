package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ErrorCode;
import broadcast.api.HubLimits;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscriber that stops reading its socket (a raw socket with a 4 KiB receive buffer that the
 * test does not read) costs the hub a bounded buffer, and costs nobody else a message: the
 * publisher is answered, the other subscriber gets everything, the slow one gets every persistent
 * message once it reads again (or on its next connection) and its dropped transient ones are
 * counted.
 */
class SlowConsumerTest {

    private static final int WATERMARK = 1024 * 1024;
    private static final String PAYLOAD = "x".repeat(2000);
    /** Far more than the kernel's socket buffers take between the hub and a reader that stopped. */
    private static final long MAX_BYTES_TO_FALL_BEHIND = 256L * 1024 * 1024;

    private static BroadcastConfig config(Duration slowConsumerTimeout) {
        return TestHub.config().heartbeatTimeout(Duration.ofSeconds(60))
                .limits(HubLimits.builder().writeBufferBytes(WATERMARK).slowConsumerTimeout(slowConsumerTimeout).build())
                .build();
    }

    /** What was published: the persistent ids in order, and how many transient ones. */
    private static final class Published {
        final List<String> persistent = new ArrayList<>();
        int transients;
        long maxPendingWriteBytes;
    }

    @Test
    void aSubscriberThatStopsReadingCostsOthersNothingAndGetsEveryPersistentMessageWhenItReadsAgain() throws Exception {
        try (TestHub hub = TestHub.start(config(Duration.ofSeconds(60)));
             RawClient slow = subscriber(hub, "slow")) {
            Inbox fastInbox = new Inbox();
            BroadcastTcpClient fast = hub.client("fast");
            fast.onMessage("c", fastInbox);
            fast.connect(Duration.ofSeconds(10));
            BroadcastTcpClient publisher = hub.connected("pub");

            Published published = publishUntilBehindAndThen(hub, publisher, 500);

            int total = published.persistent.size() + published.transients;
            Eventually.until(() -> fastInbox.size() >= total, Duration.ofSeconds(30),
                    () -> "the other subscriber got " + fastInbox.size() + " of " + total + ": " + hub.server.stats());
            assertEquals(total, fastInbox.size(), "the other subscriber got every message, once");
            HubStats stats = hub.server.stats();
            System.out.println("slow consumer: peak pending " + published.maxPendingWriteBytes + ", " + stats.summary());
            assertEquals(1, stats.slowConsumerEvents(), "one recipient fell behind: " + stats);
            long dropped = stats.dropped(HubStats.Drop.SLOW_CONSUMER);
            assertTrue(dropped > 0, "transient messages for the slow one were dropped: " + stats);
            assertTrue(published.maxPendingWriteBytes < 3 * WATERMARK, "the hub's pending writes stayed near the "
                    + WATERMARK + " byte watermark, peaked at " + published.maxPendingWriteBytes);

            Received got = readUntil(slow, published.persistent.size());
            assertEquals(published.persistent, got.persistent, "the slow one got every persistent message, in order");
            assertEquals(published.transients, got.transients + dropped,
                    "transient messages the slow one got plus those dropped for it");
            assertEquals(0, hub.server.stats().slowConsumerDisconnects());
            assertEquals(dropped, hub.server.stats().dropped(HubStats.Drop.SLOW_CONSUMER), "nothing dropped once it read");
        }
    }

    @Test
    void aSubscriberStuckPastTheTimeoutIsDisconnectedAndGetsItsPersistentMessagesOnItsNextConnection() throws Exception {
        try (TestHub hub = TestHub.start(config(Duration.ofMillis(300)))) {
            Inbox fastInbox = new Inbox();
            BroadcastTcpClient fast = hub.client("fast");
            fast.onMessage("c", fastInbox);
            fast.connect(Duration.ofSeconds(10));
            BroadcastTcpClient publisher = hub.connected("pub");
            Published published;
            try (RawClient slow = subscriber(hub, "slow")) {
                published = publishUntilBehindAndThen(hub, publisher, 200);
                Eventually.until(() -> hub.server.stats().slowConsumerDisconnects() == 1,
                        () -> "the stuck subscriber was disconnected: " + hub.server.stats());
                assertTrue(slow.closedByPeer(), "the hub closed the stuck connection");
            }
            int total = published.persistent.size() + published.transients;
            Eventually.until(() -> fastInbox.size() >= total, Duration.ofSeconds(30),
                    () -> "the other subscriber got " + fastInbox.size() + " of " + total + ": " + hub.server.stats());
            assertEquals(total, fastInbox.size(), "the other subscriber got every message, once");
            HubStats stats = hub.server.stats();
            assertEquals(1, stats.errors(ErrorCode.SLOW_CONSUMER), "one SLOW_CONSUMER error: " + stats);

            // Its next connection, under its name, is sent its whole client queue: none was acknowledged.
            try (RawClient again = new RawClient(hub.port())) {
                again.write(RawClient.hello("slow", List.of()));
                assertFalse(again.readWelcome().isRefused(), "welcomed");
                Received got = readUntil(again, published.persistent.size());
                assertEquals(published.persistent, got.persistent, "every persistent message, in order");
            }
        }
    }

    private static RawClient subscriber(TestHub hub, String name) throws IOException {
        RawClient raw = new RawClient(hub.port(), 4096);
        raw.write(RawClient.hello(name, List.of("c")));
        assertFalse(raw.readWelcome().isRefused(), "welcomed");
        return raw;
    }

    /**
     * Publishes pairs of a persistent and a transient message to "c" until the hub finds the slow
     * subscriber behind, then {@code more} pairs; samples the hub's pending write bytes after each pair.
     */
    private static Published publishUntilBehindAndThen(TestHub hub, BroadcastTcpClient publisher, int more)
            throws Exception {
        Published p = new Published();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        long bytes = 0;
        int after = -1;
        while (after < more) {
            BroadcastMessage persistent = BroadcastMessage.createChannelMessage("c", PAYLOAD, null, true);
            p.persistent.add(persistent.id());
            outcomes.add(publisher.sendMessage(persistent).toCompletableFuture());
            publisher.sendMessage(BroadcastMessage.createChannelMessage("c", PAYLOAD, null, false));
            p.transients++;
            bytes += 2L * PAYLOAD.length();
            if (p.persistent.size() % 64 == 0) {
                // Keep the publisher within what the hub answers, so the test waits on the hub, not on a backlog of its own.
                outcomes.get(outcomes.size() - 64).get(30, TimeUnit.SECONDS);
            }
            HubStats stats = hub.server.stats();
            p.maxPendingWriteBytes = Math.max(p.maxPendingWriteBytes, stats.pendingWriteBytes());
            if (after >= 0) {
                after++;
            } else if (stats.slowConsumerEvents() > 0) {
                after = 0;
            } else {
                assertTrue(bytes < MAX_BYTES_TO_FALL_BEHIND, "the hub never found the subscriber behind after "
                        + bytes + " bytes: " + stats);
            }
        }
        for (CompletableFuture<Outcome> o : outcomes) {
            assertEquals(Outcome.Status.DELIVERED, o.get(30, TimeUnit.SECONDS).status(), "the publisher is answered");
        }
        return p;
    }

    private record Received(List<String> persistent, int transients) {
    }

    /** Reads DATA frames until {@code persistent} persistent ones came, then what is left within a moment. */
    private static Received readUntil(RawClient raw, int persistent) throws IOException {
        List<String> ids = new ArrayList<>();
        int transients = 0;
        while (ids.size() < persistent) {
            Frame.Data d = (Frame.Data) raw.read(FrameKind.DATA);
            if (d.persistent()) {
                ids.add(d.id());
            } else {
                transients++;
            }
        }
        return new Received(ids, transients);
    }
}
