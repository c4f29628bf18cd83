package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The NIO transport, used where epoll does not load: a hub in a process with Netty's native
 * transport switched off, over TCP and over a Unix domain socket, with clients of this JVM.
 */
class NioTransportTest {

    @Test
    void aNioHubServesClientsOverTcpAndAUnixSocket(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("nio.sock");
        try (HubProcess hub = HubProcess.start(dir, List.of("-Dio.netty.transport.noNative=true"), "0",
                socket.toString())) {
            assertEquals("nio", hub.transport);
            exchange(TestHub.config().port(hub.port()).build());
            exchange(TestHub.config().url(socket).build());
        }
    }

    /** Two clients of the config's hub exchange a channel and a direct message. */
    static void exchange(BroadcastConfig config) throws Exception {
        try (BroadcastTcpClient a = new BroadcastTcpClient(config, "a", TestCodec.BIN);
             BroadcastTcpClient b = new BroadcastTcpClient(config, "b", TestCodec.BIN)) {
            Inbox channel = new Inbox();
            Inbox direct = new Inbox();
            a.onMessage("news", channel);
            a.connect(Duration.ofSeconds(10));
            b.onDirectMessage(direct);
            b.connect(Duration.ofSeconds(10));
            assertEquals(Outcome.Status.DELIVERED, b.sendMessage(BroadcastMessage.createChannelMessage("news", "hi a"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).status());
            a.sendMessage(BroadcastMessage.createClientMessage("b", "hi b"));
            assertEquals(List.of("hi a"), DeliveryRulesTest.texts(channel.await(1)));
            assertEquals(List.of("hi b"), DeliveryRulesTest.texts(direct.await(1)));
        }
    }
}
