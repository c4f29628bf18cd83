package broadcast.transport.tcp;

import broadcast.transport.tcp.internal.Codecs;

/**
 * Runs a hub with the test codecs and the memory store until killed, for tests that need a hub in
 * another process. Prints {@code LISTENING <port>} once it listens. Argument: the port (0: any).
 */
public final class HubMain {

    private HubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        BroadcastTcpServer server = new BroadcastTcpServer(TestHub.config().port(port).build(),
                Codecs.of(TestCodec.BIN, TestCodec.ALT), TestHub.memory());
        server.start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
