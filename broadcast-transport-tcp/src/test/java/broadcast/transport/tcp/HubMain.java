package broadcast.transport.tcp;

import broadcast.transport.tcp.internal.Codecs;
import broadcast.transport.tcp.internal.net.Transport;

import java.nio.file.Path;

/**
 * Runs a hub with the test codecs and the memory store until killed, for tests that need a hub in
 * another process. Arguments: the TCP port (0: any), and optionally a Unix socket path for a
 * second hub. Prints {@code TRANSPORT epoll|nio}, then {@code LISTENING <port>} (and
 * {@code LISTENING <path>}) once listening.
 */
public final class HubMain {

    private HubMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("TRANSPORT " + (Transport.epoll() ? "epoll" : "nio"));
        BroadcastTcpServer server = new BroadcastTcpServer(TestHub.config().port(Integer.parseInt(args[0])).build(),
                Codecs.of(TestCodec.BIN, TestCodec.ALT), TestHub.memory());
        server.start();
        System.out.println("LISTENING " + server.port());
        if (args.length > 1) {
            BroadcastTcpServer unix = new BroadcastTcpServer(TestHub.config().url(Path.of(args[1])).build(),
                    Codecs.of(TestCodec.BIN, TestCodec.ALT), TestHub.memory());
            unix.start();
            System.out.println("LISTENING " + unix.address());
        }
        System.out.flush();
        Thread.currentThread().join();
    }
}
