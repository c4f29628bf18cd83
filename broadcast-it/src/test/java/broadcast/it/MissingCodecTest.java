package broadcast.it;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.Payload;
import broadcast.api.ReconnectPolicy;
import broadcast.api.spi.Payloads;
import broadcast.api.spi.Providers;
import broadcast.transport.tcp.BroadcastTcpClient;
import broadcast.transport.tcp.BroadcastTcpServer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A codec module left off the path, in a child JVM started without the {@code broadcast-codec-kryo}
 * jar: a receiver there gets an error naming the module, and the raw bytes; a hub there refuses a
 * client that asks for the codec, naming the codecs it has, and the client stops.
 */
class MissingCodecTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aReceiverWithoutTheKryoModuleGetsAnErrorNamingItAndTheRawBytes(@TempDir Path logs) throws Exception {
        try (BroadcastTcpServer hub = new BroadcastTcpServer(BroadcastConfig.builder().port(0).build())) {
            hub.start();
            BroadcastConfig config = BroadcastConfig.builder().port(hub.port()).codec("kryo").build();
            try (ChildJvm receiver = ChildJvm.start(ReceiverMain.class, withoutKryo(), List.of(),
                    Map.of("BROADCAST_PORT", Integer.toString(hub.port()), "BROADCAST_CODEC", "json"), logs,
                    "no-kryo", "prices");
                 BroadcastTcpClient sender = new BroadcastTcpClient(config, "kryo-sender")) {
                receiver.awaitLine("READY", WAIT);
                sender.connect(WAIT);
                Map<String, Object> data = Map.of("price", 12);
                BroadcastMessage kryo = BroadcastMessage.createChannelMessage("prices", data);
                BroadcastMessage text = BroadcastMessage.createChannelMessage("prices", "no codec needed");
                for (BroadcastMessage m : List.of(kryo, text)) {
                    assertTrue(sender.sendMessage(m).toCompletableFuture().get(20, TimeUnit.SECONDS).accepted());
                }

                Payload sent = Payloads.encode(data, Providers.installed().codec("kryo", Map.of()));
                assertEquals("MESSAGE " + kryo.id() + " application/x-kryo " + Base64.getEncoder().encodeToString(sent.bytes())
                        + " ERROR broadcast.api.spi.CodecException: no codec for payload content type application/x-kryo "
                        + "is installed; add module broadcast.codec.kryo to the module path (the raw bytes are in "
                        + "message.payload())", receiver.awaitLine("MESSAGE", WAIT));
                assertEquals("MESSAGE " + text.id() + " " + Payload.TEXT + " "
                        + Base64.getEncoder().encodeToString("no codec needed".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        + " DATA java.lang.String no codec needed", receiver.awaitLine("MESSAGE", WAIT));
            }
        }
    }

    @Test
    void aHubWithoutTheKryoModuleRefusesAKryoClientWithTheCodecsItHasAndTheClientStops(@TempDir Path logs)
            throws Exception {
        try (ChildJvm hub = ChildJvm.start(HubMain.class, withoutKryo(), List.of(), Map.of("BROADCAST_PORT", "0"), logs)) {
            int port = Integer.parseInt(hub.awaitLine("LISTENING ", WAIT).substring("LISTENING ".length()));
            BroadcastConfig config = BroadcastConfig.builder().port(port).codec("kryo")
                    .reconnect(ReconnectPolicy.of(Duration.ofMillis(1), Duration.ofMillis(1), 0)).build();
            try (BroadcastTcpClient client = new BroadcastTcpClient(config, "wants-kryo")) {
                List<ConnectionState> states = Collections.synchronizedList(new ArrayList<>());
                client.onConnectionState((c, previous, current, cause) -> states.add(current));

                BroadcastException e = assertThrows(BroadcastException.class, () -> client.connect(WAIT));

                assertEquals("hub at 127.0.0.1:" + port + " refused client 'wants-kryo': UNKNOWN_CODEC no codec named "
                        + "\"kryo\"; this hub has [json, protobuf]", e.getMessage());
                assertEquals(ErrorCode.UNKNOWN_CODEC, e.code().orElseThrow());
                assertEquals(ConnectionState.CLOSED, client.state(), "a fatal refusal: no retry");
                Await.until(() -> states.contains(ConnectionState.CLOSED), WAIT, () -> "states " + states);
                assertEquals(List.of(ConnectionState.CLOSED), states, "never RECONNECTING");
            }
        }
    }

    /** The kryo codec's jar (or classes folder) left out of a child JVM's class path. */
    private static Set<Path> withoutKryo() {
        return Set.of(Jars.codec("kryo").toAbsolutePath());
    }
}
