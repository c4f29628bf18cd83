package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, binding, closing: a bind failure is an exception (the original crashed, D19), and nothing leaks. */
class LifecycleTest {

    @Test
    void aBindFailureIsAnExceptionNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            BroadcastTcpServer server = new BroadcastTcpServer(TestHub.config().port(port).build(),
                    broadcast.transport.tcp.internal.Codecs.of(TestCodec.BIN), TestHub.memory());
            BroadcastException e = assertThrows(BroadcastException.class, server::start);
            assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + port + ": "), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("address already in use"), e.getMessage());
            server.close();
        }
    }

    @Test
    void portNeedsAStartedHub() {
        BroadcastTcpServer server = new BroadcastTcpServer(TestHub.config().build(),
                broadcast.transport.tcp.internal.Codecs.of(TestCodec.BIN), TestHub.memory());
        IllegalStateException e = assertThrows(IllegalStateException.class, server::port);
        assertTrue(e.getMessage().endsWith("is not listening yet: call start() first"), e.getMessage());
        server.close();
        assertThrows(BroadcastException.class, server::start, "a closed hub does not start again");
    }

    @Test
    void hubsStartAndCloseManyTimesWithoutLeakingThreadsOrPorts() throws Exception {
        // Warm up once so lazily created JVM-wide threads do not count.
        cycle(0);
        Set<String> before = threadNames();
        int port = 0;
        for (int i = 0; i < 10; i++) {
            port = cycle(port);
        }
        Eventually.until(() -> difference(threadNames(), before).isEmpty(),
                () -> "threads left: " + difference(threadNames(), before));
        try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort(), "the port is free again");
        }
    }

    /** Starts a hub on the port (0 the first time), exchanges a message, closes all; returns the port. */
    private static int cycle(int port) throws Exception {
        try (TestHub hub = TestHub.start(TestHub.config().port(port).build())) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient c = hub.client("c");
            c.onMessage("x", inbox);
            c.connect(Duration.ofSeconds(10));
            hub.server.sendMessage(BroadcastMessage.createChannelMessage("x", "ping"));
            inbox.await(1);
            return hub.port();
        }
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("broadcast-")).collect(Collectors.toSet());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toSet());
    }

    @Test
    void closingTheHubTellsTheClientsAndSendsTheOutcomesDue() throws Exception {
        GatedStore store = new GatedStore(broadcast.api.spi.Providers.installed().store("memory", java.util.Map.of()));
        TestHub hub = TestHub.start(TestHub.config().build(), () -> store);
        BroadcastTcpClient c = hub.connected("c");
        var pending = c.sendMessage(BroadcastMessage.createClientMessage("offline", "kept"));
        Eventually.until(() -> store.appends.get() == 1, "appended");
        int port = hub.port();
        // The store becomes durable only once the hub stopped accepting, while close() waits for it.
        Thread opener = new Thread(() -> {
            Eventually.until(() -> !accepts(port), "the hub stopped accepting");
            store.open();
        });
        opener.start();
        hub.server.close();
        assertEquals(Outcome.Status.QUEUED, pending.toCompletableFuture().get(10, TimeUnit.SECONDS).status(),
                "the outcome due was sent before the connection closed");
        Eventually.until(() -> c.state() == ConnectionState.RECONNECTING, "the client noticed");
        hub.close();
    }

    private static boolean accepts(int port) {
        try {
            new java.net.Socket(InetAddress.getLoopbackAddress(), port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aHubListensOnAUnixDomainSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("hub.sock");
        BroadcastConfig config = TestHub.config().url(socket).build();
        try (TestHub hub = TestHub.start(config)) {
            assertEquals(socket.toString(), hub.server.address());
            assertThrows(IllegalStateException.class, hub.server::port);
            NioTransportTest.exchange(hub.config);
            hub.connected("a");
            assertEquals(socket.toString(), hub.server.client("a").orElseThrow().address());
        }
        assertFalse(Files.exists(socket), "the socket file is removed on close");
    }
}
