package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.spi.Codec;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.Providers;
import broadcast.transport.tcp.internal.Codecs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A hub on loopback with the test codecs, and the clients a test makes; closes them all. */
final class TestHub implements AutoCloseable {

    final BroadcastTcpServer server;
    final BroadcastConfig config;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private TestHub(BroadcastConfig config, Supplier<MessageStore> store) {
        this(config, Codecs.of(TestCodec.BIN, TestCodec.ALT), store);
    }

    private TestHub(BroadcastConfig config, Codecs codecs, Supplier<MessageStore> store) {
        this.server = new BroadcastTcpServer(config, codecs, store);
        this.server.start();
        this.config = config.url().isPresent() ? config : config.toBuilder().port(server.port()).build();
    }

    static BroadcastConfig.Builder config() {
        return BroadcastConfig.builder().host("127.0.0.1").port(0).codec("bin");
    }

    static Supplier<MessageStore> memory() {
        return () -> Providers.installed().store("memory", Map.of());
    }

    static TestHub start() {
        return new TestHub(config().build(), memory());
    }

    static TestHub start(BroadcastConfig config) {
        return new TestHub(config, memory());
    }

    /** A hub with the codecs installed on the module path (json in these tests). */
    static TestHub startInstalled(BroadcastConfig config) {
        return new TestHub(config, Codecs.installed(config), memory());
    }

    static TestHub start(BroadcastConfig config, Supplier<MessageStore> store) {
        return new TestHub(config, store);
    }

    /** A client config pointing at this hub. */
    BroadcastConfig.Builder clientConfig() {
        return config.toBuilder();
    }

    /** A client, not connected yet. */
    BroadcastTcpClient client(String name) {
        return client(name, clientConfig().build(), TestCodec.BIN);
    }

    BroadcastTcpClient client(String name, BroadcastConfig config, Codec codec) {
        BroadcastTcpClient c = new BroadcastTcpClient(config, name, codec);
        clients.add(c);
        return c;
    }

    /** A client, connected. */
    BroadcastTcpClient connected(String name) {
        BroadcastTcpClient c = client(name);
        c.connect(Duration.ofSeconds(10));
        return c;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        for (AutoCloseable c : clients) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        server.close();
    }
}
