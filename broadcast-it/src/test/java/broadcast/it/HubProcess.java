package broadcast.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hub in a child JVM with the {@code h2} store on a file, configured from the environment as
 * the README shows ({@code BROADCAST_STORE=h2}, {@code BROADCAST_STORE_PATH}), that can be killed
 * with SIGKILL and started again on the same port and file.
 */
final class HubProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Path file;
    private final Path logs;
    private final List<String> jvmOptions;
    private ChildJvm jvm;
    private int port;

    private HubProcess(Path file, Path logs, List<String> jvmOptions) {
        this.file = file;
        this.logs = logs;
        this.jvmOptions = jvmOptions;
    }

    /** Starts a hub on a free port with the h2 store in {@code file}. */
    static HubProcess start(Path file, Path logs, List<String> jvmOptions) throws IOException, InterruptedException {
        HubProcess hub = new HubProcess(file, logs, jvmOptions);
        hub.launch(0);
        return hub;
    }

    int port() {
        return port;
    }

    long pid() {
        return jvm.pid();
    }

    /** {@code kill -9}. */
    void kill() throws InterruptedException {
        jvm.kill();
    }

    /** Starts it again, on the same port and file. */
    void restart() throws IOException, InterruptedException {
        launch(port);
    }

    private void launch(int onPort) throws IOException, InterruptedException {
        jvm = ChildJvm.start(HubMain.class, Set.of(), jvmOptions, Map.of("BROADCAST_PORT", Integer.toString(onPort),
                "BROADCAST_STORE", "h2", "BROADCAST_STORE_PATH", file.toString()), logs);
        port = Integer.parseInt(jvm.awaitLine("LISTENING ", START).substring("LISTENING ".length()));
    }

    @Override
    public void close() throws InterruptedException {
        if (jvm != null) {
            jvm.kill();
        }
    }
}
