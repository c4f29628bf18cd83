package broadcast.transport.tcp;

import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.FailureListener;
import broadcast.api.Outcome;
import broadcast.api.Subscription;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.transport.tcp.internal.Codecs;
import broadcast.transport.tcp.internal.wire.Hello;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub with a users file, end to end: tokens checked against salted hashes, names bound to users,
 * publish, subscribe and direct permissions with exact names and trailing wildcards, explicit
 * refusals, and a users file with a mistake stopping the hub.
 */
class AuthTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static Path users;

    @BeforeAll
    static void usersFile() throws Exception {
        users = write("users", """
                # the users of the test hub
                alice  %s  names=alice,alice-*  publish=orders.*,prices  subscribe=prices,news.*  direct=true
                bob    %s  publish=*  subscribe=orders.*
                w1     %s  names=worker-*  publish=*  subscribe=*
                w2     %s  names=worker-*
                """.formatted(hash("alice-secret"), hash("bob-secret"), hash("w1-secret"), hash("w2-secret")));
    }

    /** Fewest iterations, to keep the tests quick. */
    static String hash(String secret) {
        return TokenHash.hash(secret, TokenHash.MIN_ITERATIONS);
    }

    static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    static TestHub hub() {
        return TestHub.start(TestHub.config().usersFile(users).build());
    }

    static BroadcastTcpClient client(TestHub hub, String name, String token) {
        return hub.client(name, hub.clientConfig().usersFile(null).token(token).build(), TestCodec.BIN);
    }

    static BroadcastTcpClient connected(TestHub hub, String name, String token) {
        BroadcastTcpClient c = client(hub, name, token);
        c.connect(WAIT);
        return c;
    }

    static BroadcastException refused(BroadcastTcpClient c, ErrorCode code) {
        BroadcastException e = assertThrows(BroadcastException.class, () -> c.connect(WAIT));
        assertEquals(code, e.code().orElseThrow(), e.getMessage());
        assertEquals(ConnectionState.CLOSED, c.state(), "a refused client stops retrying");
        return e;
    }

    static Outcome send(BroadcastTcpClient c, BroadcastMessage m) throws Exception {
        return c.sendMessage(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static void assertForbidden(Outcome outcome, String detail) {
        assertEquals(Outcome.Status.NOT_DELIVERED, outcome.status(), outcome.toString());
        assertEquals(Outcome.Reason.FORBIDDEN, outcome.reason());
        assertEquals(detail, outcome.detail());
    }

    static BroadcastException readyFails(Subscription s) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> s.ready().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return (BroadcastException) e.getCause();
    }

    @Test
    void aUserConnectsWithItsTokenAndAWrongOrMissingTokenIsRefused() {
        try (TestHub hub = hub()) {
            connected(hub, "alice", "alice:alice-secret");
            // Once checked, the same token is not hashed again; it still has to be right.
            connected(hub, "alice-2", "alice:alice-secret");

            String invalid = "UNAUTHORIZED the token is not valid: unknown user or wrong secret";
            assertTrue(refused(client(hub, "alice-3", "alice:guess"), ErrorCode.UNAUTHORIZED).getMessage().endsWith(invalid));
            assertTrue(refused(client(hub, "mallory", "mallory:guess"), ErrorCode.UNAUTHORIZED).getMessage().endsWith(invalid));
            assertTrue(refused(client(hub, "alice-4", null), ErrorCode.UNAUTHORIZED).getMessage()
                    .endsWith("this hub requires a token (user:secret); the HELLO had none"));
            assertTrue(refused(client(hub, "alice-5", "alice-secret"), ErrorCode.UNAUTHORIZED).getMessage()
                    .endsWith("this hub has users: the token must be user:secret"));
            assertEquals(List.of("alice", "alice-2"), hub.server.clients().stream().map(c -> c.name()).sorted().toList());
        }
    }

    @Test
    void publishingNeedsAMatchingPatternAndDirectMessagesTheDirectPermission() throws Exception {
        try (TestHub hub = hub()) {
            BroadcastTcpClient alice = connected(hub, "alice", "alice:alice-secret");
            BroadcastTcpClient bob = connected(hub, "bob", "bob:bob-secret");
            Inbox orders = new Inbox();
            bob.onMessage("orders.eu", orders).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Inbox direct = new Inbox();
            bob.onDirectMessage(direct);

            assertEquals(Outcome.Status.DELIVERED, send(alice, BroadcastMessage.createChannelMessage("orders.eu", "o1")).status());
            assertEquals(Outcome.Status.QUEUED, send(alice, BroadcastMessage.createChannelMessage("prices", "p1")).status());
            assertForbidden(send(alice, BroadcastMessage.createChannelMessage("ordersX", "o2")),
                    "user 'alice' may not send to channel 'ordersX'");
            assertForbidden(send(alice, BroadcastMessage.createChannelMessage("price", "p2")),
                    "user 'alice' may not send to channel 'price'");
            // A transient message is refused too: its stage completes once written, the notice comes after.
            List<Outcome> notices = new CopyOnWriteArrayList<>();
            alice.onFailure(new FailureListener() {
                @Override
                public void onNotDelivered(BroadcastClient client, Outcome outcome) {
                    notices.add(outcome);
                }
            });
            BroadcastMessage transientOne = BroadcastMessage.createChannelMessage("ordersX", "o3", null, false);
            send(alice, transientOne);
            // Notices of the refused persistent messages above may still be on their way to the listener.
            Eventually.until(() -> notices.stream().anyMatch(n -> n.messageId().equals(transientOne.id())),
                    "the FORBIDDEN notice");
            assertForbidden(notices.stream().filter(n -> n.messageId().equals(transientOne.id())).findFirst().orElseThrow(),
                    "user 'alice' may not send to channel 'ordersX'");
            assertEquals(Outcome.Status.DELIVERED, send(alice, BroadcastMessage.createClientMessage("bob", "d1")).status());

            assertForbidden(send(bob, BroadcastMessage.createClientMessage("alice", "d2")),
                    "user 'bob' may not send to clients directly (to 'alice')");
            assertForbidden(send(bob, BroadcastMessage.create("alice", "prices", "d3")),
                    "user 'bob' may not send to clients directly (to 'alice')");
            assertEquals(Outcome.Status.QUEUED, send(bob, BroadcastMessage.createChannelMessage("anything", "a1")).status());

            assertEquals(List.of("o1"), orders.await(1).stream().map(m -> String.valueOf(m.data())).toList());
            assertEquals(List.of("d1"), direct.await(1).stream().map(m -> String.valueOf(m.data())).toList());
            assertEquals(1, orders.size());
        }
    }

    @Test
    void subscribingNeedsAMatchingPatternInTheHelloAndLater() throws Exception {
        try (TestHub hub = hub()) {
            BroadcastTcpClient alice = client(hub, "alice", "alice:alice-secret");
            Inbox prices = new Inbox();
            Inbox orders = new Inbox();
            Subscription pricesSub = alice.onMessage("prices", prices);
            Subscription ordersSub = alice.onMessage("orders.eu", orders);
            alice.connect(WAIT);
            pricesSub.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            BroadcastException e = readyFails(ordersSub);
            assertEquals(ErrorCode.FORBIDDEN, e.code().orElseThrow());
            assertTrue(e.getMessage().endsWith("FORBIDDEN user 'alice' may not subscribe to channel 'orders.eu'"),
                    e.getMessage());

            alice.onMessage("news.sport", new Inbox()).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            e = readyFails(alice.onMessage("newsroom", new Inbox()));
            assertEquals(ErrorCode.FORBIDDEN, e.code().orElseThrow());
            assertEquals(ConnectionState.CONNECTED, alice.state(), "a refused subscription leaves the connection up");
            assertEquals(Set.of("prices", "news.sport"), hub.server.client("alice").orElseThrow().channels());

            BroadcastTcpClient bob = connected(hub, "bob", "bob:bob-secret");
            send(bob, BroadcastMessage.createChannelMessage("orders.eu", "not for alice", null, false));
            send(bob, BroadcastMessage.createChannelMessage("prices", "for alice"));
            assertEquals(List.of("for alice"), prices.await(1).stream().map(m -> String.valueOf(m.data())).toList());
            assertEquals(0, orders.size());
        }
    }

    @Test
    void aNameIsBoundToItsUsers() {
        try (TestHub hub = hub()) {
            assertTrue(refused(client(hub, "bob", "alice:alice-secret"), ErrorCode.FORBIDDEN).getMessage()
                    .endsWith("FORBIDDEN user 'alice' may not use client name 'bob'"));
            assertTrue(refused(client(hub, "bob-2", "bob:bob-secret"), ErrorCode.FORBIDDEN).getMessage()
                    .endsWith("FORBIDDEN user 'bob' may not use client name 'bob-2'"), "without names=, only the user's own");

            BroadcastTcpClient first = connected(hub, "worker-1", "w1:w1-secret");
            BroadcastException e = refused(client(hub, "worker-1", "w2:w2-secret"), ErrorCode.FORBIDDEN);
            assertTrue(e.getMessage().endsWith("FORBIDDEN client name 'worker-1' is held by a connection of another "
                    + "user; only that user may take it over"), e.getMessage());
            assertEquals(ConnectionState.CONNECTED, first.state(), "not taken over by another user");

            connected(hub, "worker-1", "w1:w1-secret");
            Eventually.until(() -> first.state() == ConnectionState.CLOSED, "the same user takes its name over");
        }
    }

    @Test
    void aNameTheHubAssignedStaysWithItsUser() {
        try (TestHub hub = hub()) {
            BroadcastTcpClient anonymous = connected(hub, null, "alice:alice-secret");
            String assigned = anonymous.name();
            assertTrue(assigned.startsWith("client-"), assigned);

            assertTrue(refused(client(hub, assigned, "w1:w1-secret"), ErrorCode.FORBIDDEN).getMessage()
                    .endsWith("FORBIDDEN user 'w1' may not use client name '" + assigned + "'"));
            BroadcastTcpClient again = connected(hub, assigned, "alice:alice-secret");
            assertEquals(ConnectionState.CONNECTED, again.state());
            Eventually.until(() -> anonymous.state() == ConnectionState.CLOSED, "taken over by its own user");
        }
    }

    @Test
    void theHubStillSubscribesAClientWhereverItDecides() throws Exception {
        try (TestHub hub = hub()) {
            BroadcastTcpClient bob = connected(hub, "bob", "bob:bob-secret");
            Inbox inbox = new Inbox();
            bob.onDirectMessage(inbox);
            hub.server.client("bob").orElseThrow().addChannel("alerts");
            Eventually.until(() -> hub.server.client("bob").orElseThrow().channels().contains("alerts"), "subscribed");
            hub.server.sendMessage(BroadcastMessage.create("bob", "alerts", "from the hub"));
            assertEquals(List.of("from the hub"), inbox.await(1).stream().map(m -> String.valueOf(m.data())).toList());
        }
    }

    @Test
    void framesSentRightAfterTheHelloWaitForTheTokenCheck() throws Exception {
        try (TestHub hub = hub(); RawClient raw = new RawClient(hub.port())) {
            ByteBuf hello = Unpooled.buffer();
            new Hello(1024 * 1024, "bin", "alice", "alice:alice-secret", 0, List.of()).encode(hello);
            byte[] helloBytes = RawClient.bytesOf(hello);
            byte[] subscribe = RawClient.frame(new Frame.Subscribe(7, List.of("prices", "orders.eu")));
            byte[] both = new byte[helloBytes.length + subscribe.length];
            System.arraycopy(helloBytes, 0, both, 0, helloBytes.length);
            System.arraycopy(subscribe, 0, both, helloBytes.length, subscribe.length);
            raw.write(both);

            assertEquals("alice", raw.readWelcome().clientName());
            Frame.SubAck ack = (Frame.SubAck) raw.read(FrameKind.SUBACK);
            assertEquals(7, ack.requestId());
            assertEquals(List.of(new Frame.Refusal("orders.eu", ErrorCode.FORBIDDEN,
                    "user 'alice' may not subscribe to channel 'orders.eu'")), ack.refused());
            assertEquals(Set.of("prices"), hub.server.client("alice").orElseThrow().channels());
        }
    }

    /** Starts a hub with the users file text, expecting it to refuse; returns the message. */
    static String startFails(BroadcastConfig config) {
        BroadcastTcpServer server = new BroadcastTcpServer(config, Codecs.of(TestCodec.BIN), TestHub.memory());
        try {
            BroadcastException e = assertThrows(BroadcastException.class, server::start);
            assertThrows(IllegalStateException.class, server::port, "a hub that failed to start does not listen");
            return e.getMessage().substring(e.getMessage().indexOf(" cannot start: ") + " cannot start: ".length());
        } finally {
            server.close();
        }
    }

    static String startFails(String usersText) throws Exception {
        Path file = write("bad-users", usersText);
        return startFails(TestHub.config().usersFile(file).build()).replace(file.toString(), "FILE");
    }

    @Test
    void aUsersFileWithAMistakeStopsTheHub() throws Exception {
        String h = hash("x");
        Path missing = dir.resolve("missing");
        assertEquals("usersFile " + missing + " does not exist", startFails(TestHub.config().usersFile(missing).build()));
        assertEquals("a hub takes a shared token or a usersFile, not both; usersFile is " + users + " and a token is set",
                startFails(TestHub.config().usersFile(users).token("s3cret").build()));
        assertEquals("usersFile FILE line 2: user 'a' publish: pattern \"or*ders\" has a * before its end; only a "
                + "trailing * (a prefix) is allowed", startFails("# one\na " + h + " publish=or*ders\n"));
        assertEquals("usersFile FILE line 1: user 'a': unknown setting \"publsh=x\"; expected names=, publish=, "
                + "subscribe= or direct=", startFails("a " + h + " publsh=x\n"));
        assertEquals("usersFile FILE line 1: user 'a' subscribe: a pattern must not be empty",
                startFails("a " + h + " subscribe=x,,y\n"));
        assertEquals("usersFile FILE line 1: user 'a' direct must be true or false, was \"yes\"",
                startFails("a " + h + " direct=yes\n"));
        assertEquals("usersFile FILE line 2: user 'a' is defined twice", startFails("a " + h + "\na " + h + "\n"));
        assertEquals("usersFile FILE line 1: user 'a' has no token hash; expected <user> <token hash> [names=...] "
                + "[publish=...] [subscribe=...] [direct=true|false]", startFails("a\n"));
        assertEquals("usersFile FILE line 1: user 'a': a token hash must look like pbkdf2-sha256:<iterations>:<salt>:"
                + "<hash> (made by broadcast.transport.tcp.TokenHash); this one does not start with pbkdf2-sha256:",
                startFails("a plain-secret\n"));
        assertEquals("usersFile FILE line 1: user name \"a:b\" is invalid: it must not contain ':'",
                startFails("a:b " + h + "\n"));
        assertEquals("usersFile FILE defines no users: nobody could connect", startFails("# nobody\n\n"));
    }
}
