package broadcast.it;

import broadcast.api.BroadcastConfig;
import broadcast.transport.tcp.BroadcastTcpServer;

/**
 * A hub configured from the environment alone ({@code BROADCAST_PORT}, {@code BROADCAST_STORE},
 * {@code BROADCAST_STORE_PATH}, ...), with the codec and store modules on its class path, run
 * until killed. Prints {@code LISTENING <port>} once it listens.
 */
public final class HubMain {

    private HubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        BroadcastTcpServer server = new BroadcastTcpServer(BroadcastConfig.fromEnvironment(null));
        server.start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
