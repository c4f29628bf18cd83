package broadcast.cli.internal.bench;

import broadcast.api.BroadcastConfig;
import broadcast.cli.internal.CliException;
import broadcast.transport.tcp.BroadcastTcpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The hub a workload runs against: one started in this process for the workload (and closed
 * after it), or a running one. Not thread-safe.
 */
interface BenchHub extends AutoCloseable {

    /** A config for the benchmark's clients: this hub's address and the codec. */
    BroadcastConfig.Builder clientConfig(String codec);

    /** How the results name this hub: {@code in-process} or its address. */
    String describe();

    @Override
    void close();

    /** A running hub, given by a base config (address, token). */
    static BenchHub running(BroadcastConfig base) {
        return new BenchHub() {
            @Override
            public BroadcastConfig.Builder clientConfig(String codec) {
                return base.toBuilder().codec(codec);
            }

            @Override
            public String describe() {
                return base.address();
            }

            @Override
            public void close() {
                // not ours
            }
        };
    }

    /**
     * A hub in this process on a free loopback port, with the store (a temporary folder for a
     * store's files unless a path is given, deleted when closed).
     *
     * @throws CliException if it cannot start (the store is not installed, the path is bad)
     */
    static BenchHub inProcess(String store, String storePath) {
        Path temp = null;
        BroadcastConfig.Builder config = BroadcastConfig.builder().host("127.0.0.1").port(0).store(store);
        try {
            if (storePath != null) {
                config.storeSetting("path", storePath);
            } else if (!store.equalsIgnoreCase(BroadcastConfig.DEFAULT_STORE)) {
                temp = Files.createTempDirectory("broadcast-bench-");
                config.storeSetting("path", temp.resolve("store").toString());
            }
            BroadcastTcpServer server = new BroadcastTcpServer(config.build());
            server.start();
            return new InProcess(server, temp);
        } catch (IOException e) {
            throw new CliException("cannot make a temporary folder for the store: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteTree(temp);
            throw new CliException(e.getMessage(), e);
        }
    }

    /** A hub started in this process, closed with its temporary store folder. */
    final class InProcess implements BenchHub {
        private final BroadcastTcpServer server;
        private final Path temp;

        InProcess(BroadcastTcpServer server, Path temp) {
            this.server = server;
            this.temp = temp;
        }

        @Override
        public BroadcastConfig.Builder clientConfig(String codec) {
            return BroadcastConfig.builder().host("127.0.0.1").port(server.port()).codec(codec);
        }

        @Override
        public String describe() {
            return "in-process";
        }

        @Override
        public void close() {
            server.close();
            deleteTree(temp);
        }
    }

    /** Deletes a temporary folder and what it holds; nothing for null. */
    static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the benchmark's store folder " + root, e);
        }
    }
}
