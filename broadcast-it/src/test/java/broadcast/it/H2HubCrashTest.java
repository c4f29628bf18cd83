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
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub with the {@code h2} store in its own process, killed with SIGKILL and started again on the
 * same file and port: every message it acknowledged ({@code DELIVERED} or {@code QUEUED}) reaches
 * its recipient, in the order sent, and handlers see none twice.
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

    @Test
    void twentyThousandMessagesFromTwoSendersToTwoReceiversSurviveThreeKills(@TempDir Path dir) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("H2HubCrashTest: kill moments from seed " + seed + " (replay with -Dcrash.seed=" + seed + ")");
        Random random = new Random(seed);
        int perSender = 10_000;
        int[] killAt = new int[3];
        for (int k = 0, at = 0; k < killAt.length; k++) {
            at += 1_000 + random.nextInt(5_000);
            killAt[k] = at;
        }
        String context = "seed " + seed + ", kills after " + Arrays.toString(killAt) + " acknowledged";
        try (HubProcess hub = HubProcess.start(dir.resolve("hub"), dir, List.of())) {
            BroadcastConfig config = config(hub.port());
            List<Receiver> receivers = List.of(new Receiver(config, "r1"), new Receiver(config, "r2"));
            List<Sender> senders = List.of(new Sender(config, "s1", perSender), new Sender(config, "s2", perSender));
            try {
                for (Receiver r : receivers) {
                    r.client.connect(WAIT);
                }
                for (Sender s : senders) {
                    s.client.connect(WAIT);
                    s.start();
                }
                for (int at : killAt) {
                    Await.until(() -> acknowledged(senders) >= at, WAIT, () -> acknowledged(senders) + " acknowledged, "
                            + "waiting for " + at + " (" + context + ")");
                    hub.kill();
                    Await.until(() -> senders.stream().noneMatch(s -> connected(s.client)), WAIT,
                            () -> "the senders noticed the kill");
                    hub.restart();
                }
                for (Sender s : senders) {
                    s.awaitAll(context);
                }
                for (Receiver r : receivers) {
                    for (Sender s : senders) {
                        List<Integer> expected = new ArrayList<>();
                        for (int i = r.name.equals("r1") ? 0 : 1; i < perSender; i += 2) {
                            expected.add(i);
                        }
                        Await.until(() -> r.from(s.name).size() >= expected.size(), WAIT, () -> r.name + " has "
                                + r.from(s.name).size() + " of " + expected.size() + " from " + s.name + " (" + context + ")");
                        assertSequence(expected, r.from(s.name), r.name + " from " + s.name + " (" + context + ")");
                    }
                }
                // One more from each sender to each receiver: whatever came before it has arrived too.
                for (Sender s : senders) {
                    for (Receiver r : receivers) {
                        s.client.sendMessage(BroadcastMessage.createClientMessage(r.name, perSender))
                                .toCompletableFuture().get(30, TimeUnit.SECONDS);
                        Await.until(() -> r.from(s.name).contains(perSender), WAIT, () -> "the last message");
                        assertEquals((perSender + 1) / 2 + 1, r.from(s.name).size(), r.name + " from " + s.name
                                + ": nothing handled twice (" + context + ")");
                    }
                }
            } finally {
                senders.forEach(Sender::close);
                receivers.forEach(r -> r.client.close());
            }
        }
    }

    private static int acknowledged(List<Sender> senders) {
        return senders.stream().mapToInt(s -> s.acknowledged.get()).sum();
    }

    /** The first difference between what was expected and what a receiver's handlers saw. */
    private static void assertSequence(List<Integer> expected, List<Integer> got, String what) {
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            if (!expected.get(i).equals(got.get(i))) {
                throw new AssertionError(what + ": at position " + i + " expected message " + expected.get(i) + ", got "
                        + got.get(i) + " (around it: " + got.subList(Math.max(0, i - 3), Math.min(got.size(), i + 4)) + ")");
            }
        }
        assertEquals(expected.size(), got.size(), what + ": count");
    }

    /** A client that sends its numbered messages alternately to r1 and r2, with at most 1,000 unanswered. */
    private static final class Sender implements AutoCloseable {
        final String name;
        final BroadcastTcpClient client;
        final int count;
        final AtomicInteger acknowledged = new AtomicInteger();
        final List<Outcome> refused = Collections.synchronizedList(new ArrayList<>());
        final Semaphore window = new Semaphore(1_000);
        final CountDownLatch answered;
        private final Thread thread;
        private volatile Throwable failure;

        Sender(BroadcastConfig config, String name, int count) {
            this.name = name;
            this.client = new BroadcastTcpClient(config, name);
            this.count = count;
            this.answered = new CountDownLatch(count);
            this.thread = new Thread(this::run, "sender-" + name);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void run() {
            try {
                for (int i = 0; i < count; i++) {
                    window.acquire();
                    client.sendMessage(BroadcastMessage.createClientMessage(i % 2 == 0 ? "r1" : "r2", i))
                            .whenComplete((outcome, error) -> {
                                if (error == null && outcome.accepted()) {
                                    acknowledged.incrementAndGet();
                                } else {
                                    refused.add(outcome);
                                }
                                window.release();
                                answered.countDown();
                            });
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void awaitAll(String context) throws InterruptedException {
            assertTrue(answered.await(WAIT.toSeconds(), TimeUnit.SECONDS), name + ": " + answered.getCount()
                    + " messages unanswered (" + context + ")");
            assertEquals(null, failure, name + " failed to send");
            assertEquals(List.of(), refused, name + ": every message is acknowledged (" + context + ")");
            assertEquals(count, acknowledged.get());
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** A client whose direct handler records the numbers it gets, per sender, in order. */
    private static final class Receiver {
        final String name;
        final BroadcastTcpClient client;
        private final Map<String, List<Integer>> bySender = new HashMap<>();

        Receiver(BroadcastConfig config, String name) {
            this.name = name;
            this.client = new BroadcastTcpClient(config, name);
            client.onDirectMessage(m -> {
                synchronized (this) {
                    bySender.computeIfAbsent(m.sender().orElseThrow(), k -> new ArrayList<>()).add((Integer) m.data());
                }
            });
        }

        synchronized List<Integer> from(String sender) {
            return List.copyOf(bySender.getOrDefault(sender, List.of()));
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
