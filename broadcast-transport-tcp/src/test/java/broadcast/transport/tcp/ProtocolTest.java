package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.HubLimits;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.transport.tcp.internal.wire.Welcome;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handshake, limits and bad input: each bad connection gets a clear error and is closed; the hub lives on. */
class ProtocolTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    static Welcome refusalFor(int port, byte[] hello) throws Exception {
        try (RawClient raw = new RawClient(port)) {
            raw.write(hello);
            Welcome w = raw.readWelcome();
            assertTrue(w.isRefused(), "expected a refusal, got " + w);
            assertTrue(raw.closedByPeer(), "the hub closes a refused connection");
            return w;
        }
    }

    @Test
    void anUnknownCodecIsRefusedWithTheCodecsTheHubHas() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Welcome w = refusalFor(hub.port(), RawClient.hello("c", "yaml", List.of()));
            assertEquals(ErrorCode.UNKNOWN_CODEC, w.refusal().code());
            assertEquals("no codec named \"yaml\"; this hub has [alt, bin]", w.refusal().message());
        }
    }

    @Test
    void aClientRefusedWithAFatalCodeStopsAndSaysWhy() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.config().token("s3cret").build())) {
            BroadcastTcpClient noToken = hub.client("c", hub.clientConfig().token(null).build(), TestCodec.BIN);
            BroadcastException e = assertThrows(BroadcastException.class, () -> noToken.connect(WAIT));
            assertEquals(ErrorCode.UNAUTHORIZED, e.code().orElseThrow());
            assertTrue(e.getMessage().contains("this hub requires a token; the HELLO had none"), e.getMessage());
            assertEquals(ConnectionState.CLOSED, noToken.state());

            BroadcastTcpClient wrong = hub.client("d", hub.clientConfig().token("guess").build(), TestCodec.BIN);
            ExecutionException ee = assertThrows(ExecutionException.class,
                    () -> wrong.connect().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(ee.getCause().getMessage().contains("UNAUTHORIZED the token is wrong"), ee.getCause().getMessage());

            BroadcastTcpClient right = hub.client("e", hub.clientConfig().token("s3cret").build(), TestCodec.BIN);
            right.connect(WAIT);
            assertEquals(ConnectionState.CONNECTED, right.state());
        }
    }

    @Test
    void aBadMagicOrVersionIsRefused() throws Exception {
        try (TestHub hub = TestHub.start()) {
            byte[] hello = RawClient.hello("c", List.of());
            byte[] badMagic = hello.clone();
            badMagic[4] = 'X';
            Welcome w = refusalFor(hub.port(), badMagic);
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.refusal().code());
            assertTrue(w.refusal().message().contains("magic \"BRDC\""), w.refusal().message());

            byte[] badVersion = hello.clone();
            badVersion[8] = 9;
            w = refusalFor(hub.port(), badVersion);
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, w.refusal().code());
            assertEquals("protocol version 9 is not supported; this side speaks version 1", w.refusal().message());
        }
    }

    @Test
    void aTruncatedOrOverlongHelloIsRefused() throws Exception {
        try (TestHub hub = TestHub.start()) {
            byte[] hello = RawClient.hello("c", List.of("a"));
            // Claims 3 channels but carries one.
            byte[] lying = hello.clone();
            int countAt = hello.length - 2 - 1 - 2;
            lying[countAt + 1] = 3;
            Welcome w = refusalFor(hub.port(), lying);
            assertEquals(ErrorCode.PROTOCOL_ERROR, w.refusal().code());
            assertTrue(w.refusal().message().startsWith("the frame ends inside"), w.refusal().message());

            byte[] longer = new byte[hello.length + 2];
            System.arraycopy(hello, 0, longer, 0, hello.length);
            ByteBuffer.wrap(longer).putInt(hello.length - 2);
            w = refusalFor(hub.port(), longer);
            assertEquals("2 unexpected bytes after the end of the HELLO", w.refusal().message());
        }
    }

    @Test
    void anInvalidNameIsRefused() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.config().limits(HubLimits.builder().maxNameLength(8).build()).build())) {
            Welcome w = refusalFor(hub.port(), RawClient.hello("much-too-long", List.of()));
            assertEquals(ErrorCode.INVALID_NAME, w.refusal().code());
            assertEquals("client name must be at most 8 characters, was 13 (\"much-too...\")", w.refusal().message());
        }
    }

    @Test
    void aFrameLargerThanTheLimitClosesTheConnectionWithTheLimitInTheError() throws Exception {
        try (TestHub hub = TestHub.start(TestHub.config().maxFrameBytes(8192).build())) {
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(new byte[] {0, 1, 0, 0});
                Welcome w = raw.readWelcome();
                assertEquals(ErrorCode.FRAME_TOO_LARGE, w.refusal().code());
                assertEquals("a frame of 65536 bytes is larger than the limit of 8192 bytes (the agreed maxFrameBytes)",
                        w.refusal().message());
            }
            try (RawClient raw = new RawClient(hub.port())) {
                raw.write(RawClient.hello("big", List.of()));
                assertEquals(8192, raw.readWelcome().maxFrameBytes(), "the smaller of both limits is agreed");
                raw.write(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
                Frame.Error e = (Frame.Error) raw.read(FrameKind.ERROR);
                assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
                assertTrue(e.message().contains("2147483647 bytes is larger than the limit of 8192"), e.message());
                assertTrue(raw.closedByPeer());
            }
            // A client that sends too large a message hears TOO_LARGE and stays connected.
            BroadcastTcpClient c = hub.connected("c");
            Outcome o = c.sendMessage(BroadcastMessage.createChannelMessage("x", new byte[9000]))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(Outcome.Reason.TOO_LARGE, o.reason());
            assertTrue(o.detail().contains("up to 8192 bytes"), o.detail());
            assertEquals(ConnectionState.CONNECTED, c.state());
        }
    }

    @Test
    void protocolErrorsAfterTheHandshakeCloseOnlyThatConnection() throws Exception {
        try (TestHub hub = TestHub.start()) {
            Inbox inbox = new Inbox();
            BroadcastTcpClient good = hub.client("good");
            good.onMessage("news", inbox);
            good.connect(WAIT);
            byte[][] bad = {
                {0, 0, 0, 5, 42, 0, 0, 0, 0},
                {0, 0, 0, 7, 7, 0, 0, 0, 0, 1, 2},
                RawClient.frame(new Frame.Outcomes(List.of(Outcome.delivered("x")))),
                {0, 0, 0, 9, 5, 0, 0, 0, 4, 'j', 'u', 'n', 'k'},
            };
            String[] expected = {"unknown frame kind 42", "only DATA frames have a payload",
                "a client must not send OUTCOME frames", "cannot decode the header of a ACK frame with codec bin"};
            ErrorCode[] codes = {ErrorCode.PROTOCOL_ERROR, ErrorCode.PROTOCOL_ERROR, ErrorCode.PROTOCOL_ERROR,
                ErrorCode.CODEC_ERROR};
            for (int i = 0; i < bad.length; i++) {
                try (RawClient raw = new RawClient(hub.port())) {
                    raw.write(RawClient.hello("bad-" + i, List.of()));
                    raw.readWelcome();
                    raw.write(bad[i]);
                    Frame.Error e = (Frame.Error) raw.read(FrameKind.ERROR);
                    assertEquals(codes[i], e.code(), e.message());
                    assertTrue(e.message().contains(expected[i]), e.message());
                    assertTrue(raw.closedByPeer());
                }
            }
            hub.server.sendMessage(BroadcastMessage.createChannelMessage("news", "still here"));
            assertEquals(List.of("still here"), inbox.texts().isEmpty() ? DeliveryRulesTest.texts(inbox.await(1))
                    : inbox.texts());
            assertEquals(ConnectionState.CONNECTED, good.state());
        }
    }

    @Test
    void aConnectionThatSaysNothingIsClosedAfterTheHandshakeTimeout() throws Exception {
        BroadcastConfig config = TestHub.config()
                .limits(HubLimits.builder().handshakeTimeout(Duration.ofMillis(200)).build()).build();
        try (TestHub hub = TestHub.start(config); RawClient raw = new RawClient(hub.port())) {
            Welcome w = raw.readWelcome();
            assertEquals(ErrorCode.HANDSHAKE_TIMEOUT, w.refusal().code());
            assertEquals("no HELLO within 200 ms (handshakeTimeout)", w.refusal().message());
            assertTrue(raw.closedByPeer());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        BroadcastConfig config = TestHub.config().limits(HubLimits.builder().maxConnections(1).build()).build();
        try (TestHub hub = TestHub.start(config)) {
            BroadcastTcpClient first = hub.connected("first");
            try (RawClient raw = new RawClient(hub.port())) {
                Welcome w = raw.readWelcome();
                assertEquals(ErrorCode.LIMIT_EXCEEDED, w.refusal().code());
                assertEquals("the hub has reached its limit of 1 connections (maxConnections)", w.refusal().message());
            }
            assertEquals(ConnectionState.CONNECTED, first.state());
        }
    }

    @Test
    void subscriptionsBeyondTheLimitOrWithBadNamesAreRefusedOneByOne() throws Exception {
        BroadcastConfig config = TestHub.config().limits(HubLimits.builder().maxSubscriptions(2).build()).build();
        try (TestHub hub = TestHub.start(config)) {
            BroadcastTcpClient c = hub.client("c");
            var one = c.onMessage("one", m -> { });
            var two = c.onMessage("two", m -> { });
            var three = c.onMessage("three", m -> { });
            c.connect(WAIT);
            one.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            two.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> three.ready().toCompletableFuture().get(10, TimeUnit.SECONDS));
            BroadcastException refusal = (BroadcastException) e.getCause();
            assertEquals(ErrorCode.LIMIT_EXCEEDED, refusal.code().orElseThrow());
            assertTrue(refusal.getMessage().contains("channel 'three'"), refusal.getMessage());
            assertTrue(refusal.getMessage().contains("already subscribes to 2 channels"), refusal.getMessage());
            assertEquals(java.util.Set.of("one", "two"), hub.server.client("c").orElseThrow().channels());

            // After the handshake, a SUBSCRIBE is answered by a SUBACK the same way.
            var four = c.onMessage("four", m -> { });
            e = assertThrows(ExecutionException.class, () -> four.ready().toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals(ErrorCode.LIMIT_EXCEEDED, ((BroadcastException) e.getCause()).code().orElseThrow());
            two.close();
            var five = c.onMessage("five", m -> { });
            five.ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Eventually.until(() -> hub.server.client("c").orElseThrow().channels().equals(java.util.Set.of("one", "five")),
                    "the hub's view follows the client's subscriptions");
        }
    }

    @Test
    void anInvalidMessageIsRefusedAsInvalid() throws Exception {
        try (TestHub hub = TestHub.start(); RawClient raw = new RawClient(hub.port())) {
            raw.write(RawClient.hello("raw", List.of()));
            raw.readWelcome();
            raw.write(RawClient.data(new Frame.Data("id-1", "raw", null, "bad\u0001channel", null, true, 0,
                    "text/plain;charset=utf-8", 0), "x".getBytes(StandardCharsets.UTF_8)));
            Frame.Outcomes o = (Frame.Outcomes) raw.read(FrameKind.OUTCOME);
            assertEquals(Outcome.Reason.INVALID, o.outcomes().get(0).reason());
            assertTrue(o.outcomes().get(0).detail().startsWith("channel must not contain control characters"),
                    o.outcomes().get(0).detail());
            raw.write(RawClient.data(new Frame.Data("id-2", "raw", null, null, null, true, 0,
                    "text/plain;charset=utf-8", 0), new byte[0]));
            o = (Frame.Outcomes) raw.read(FrameKind.OUTCOME);
            assertEquals("a message needs a target: a client, a channel or both; both were absent",
                    o.outcomes().get(0).detail());
        }
    }
}
