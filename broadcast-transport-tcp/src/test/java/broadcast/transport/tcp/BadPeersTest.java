package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import broadcast.api.ErrorCode;
import broadcast.api.HubLimits;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.transport.tcp.internal.wire.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One running hub, raw sockets sending it what no client would (garbage, truncated frames, a
 * 4 GiB length prefix, a HELLO of an unknown version, a flood of connections that say nothing):
 * after each, the hub still serves a normal client, and a persistent exchange loses nothing.
 */
class BadPeersTest {

    private static final int FLOOD = 200;

    @Test
    void aHubServesNormalClientsAfterEveryKindOfBadPeer() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.config()
                .limits(HubLimits.builder().handshakeTimeout(Duration.ofMillis(500)).build()).build())) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient sub = hub.client("sub");
            sub.onMessage("c", inbox);
            sub.connect(Duration.ofSeconds(10));
            BroadcastTcpClient pub = hub.connected("pub");
            List<String> sent = new ArrayList<>();
            exchange(pub, inbox, sent);

            Random random = new Random(42);
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            ByteBuffer.wrap(garbage).putInt(0, 100); // a small length, then bytes that are no HELLO
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(garbage);
                Welcome w = raw.readWelcome();
                assertEquals(ErrorCode.PROTOCOL_ERROR, w.refusal().code(), w.refusal().message());
                assertTrue(raw.closedByPeer(), "garbage: closed");
            }
            exchange(pub, inbox, sent);

            byte[] hello = RawClient.hello("trunc", List.of("c"));
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(java.util.Arrays.copyOf(hello, hello.length / 2)); // half a HELLO, then gone
            }
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(hello);
                raw.readWelcome();
                byte[] data = RawClient.data(new Frame.Data("0123456789abcdefghijkl", "trunc", null, "c", null, true, 0,
                        "text/plain", 0), new byte[100]);
                raw.write(java.util.Arrays.copyOf(data, data.length - 10)); // half a DATA frame, then gone
            }
            // Gone before the next message, so it is no subscriber of it.
            Eventually.until(() -> hub.server.stats().clients() == 2, () -> "trunc gone: " + hub.server.stats());
            exchange(pub, inbox, sent);

            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
                Welcome w = raw.readWelcome();
                assertEquals(ErrorCode.FRAME_TOO_LARGE, w.refusal().code());
                assertEquals("a frame of 4294967295 bytes is larger than the limit of 1048576 bytes (the agreed "
                        + "maxFrameBytes)", w.refusal().message());
            }
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(RawClient.hello("huge", List.of()));
                raw.readWelcome();
                raw.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3});
                Frame.Error e = (Frame.Error) raw.read(FrameKind.ERROR);
                assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
                assertTrue(e.message().contains("4294967295 bytes is larger than the limit of 1048576"), e.message());
                assertTrue(raw.closedByPeer(), "4 GiB: closed");
            }
            exchange(pub, inbox, sent);

            byte[] future = hello.clone();
            future[8] = 2;
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(future);
                Welcome w = raw.readWelcome();
                assertEquals(ErrorCode.UNSUPPORTED_VERSION, w.refusal().code());
                assertEquals("protocol version 2 is not supported; this side speaks version 1", w.refusal().message());
            }
            exchange(pub, inbox, sent);

            List<RawClient> silent = new ArrayList<>();
            try {
                for (int i = 0; i < FLOOD; i++) {
                    silent.add(new RawClient(hub.port()));
                }
                exchange(pub, inbox, sent);
                for (RawClient raw : silent) {
                    Welcome w = raw.readWelcome();
                    assertEquals(ErrorCode.HANDSHAKE_TIMEOUT, w.refusal().code());
                    assertTrue(raw.closedByPeer(), "a silent connection is closed");
                }
            } finally {
                for (RawClient raw : silent) {
                    raw.close();
                }
            }
            exchange(pub, inbox, sent);

            assertEquals(sent, inbox.ids(), "every persistent message reached the subscriber, once, in order");
            Eventually.until(() -> hub.server.stats().connections() == 2, () -> "only the two clients remain: "
                    + hub.server.stats());
            HubStats stats = hub.server.stats();
            assertEquals(2, stats.clients());
            assertEquals(FLOOD, stats.errors(ErrorCode.HANDSHAKE_TIMEOUT), stats.toString());
            assertEquals(2, stats.errors(ErrorCode.FRAME_TOO_LARGE), stats.toString());
            assertEquals(1, stats.errors(ErrorCode.UNSUPPORTED_VERSION), stats.toString());
            assertEquals(sent.size(), stats.messagesIn(), "only the exchanges were routed: " + stats);
            assertEquals(sent.size(), stats.messagesOut(), stats.toString());
            Eventually.until(() -> hub.server.stats().queued() == 0, () -> "all acknowledged: " + hub.server.stats());
        }
    }

    /** A persistent message from pub to sub: DELIVERED, and received. */
    private static void exchange(BroadcastTcpClient pub, Inbox inbox, List<String> sent) throws Exception {
        BroadcastMessage m = BroadcastMessage.createChannelMessage("c", "m" + sent.size(), null, true);
        sent.add(m.id());
        Outcome o = pub.sendMessage(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(Outcome.Status.DELIVERED, o.status(), o.toString());
        inbox.await(sent.size());
    }
}
