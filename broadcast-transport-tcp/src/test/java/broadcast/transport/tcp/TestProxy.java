package broadcast.transport.tcp;

import broadcast.api.spi.FrameKind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy between clients and a hub that can cut every connection (a network failure), freeze
 * them (a frozen peer: nothing forwarded, nothing closed), and counts the frames of each kind it
 * forwards each way. Thread-safe.
 */
final class TestProxy implements AutoCloseable {

    private final ServerSocket server;
    private volatile int upstreamPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean frozen;
    private volatile boolean closed;
    final Map<FrameKind, AtomicInteger> toHub = counters();
    final Map<FrameKind, AtomicInteger> fromHub = counters();
    final AtomicInteger connections = new AtomicInteger();

    TestProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "test-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private static Map<FrameKind, AtomicInteger> counters() {
        Map<FrameKind, AtomicInteger> m = new EnumMap<>(FrameKind.class);
        for (FrameKind k : FrameKind.values()) {
            m.put(k, new AtomicInteger());
        }
        return m;
    }

    int port() {
        return server.getLocalPort();
    }

    void upstream(int port) {
        this.upstreamPort = port;
    }

    /** Closes every connection now, as a network failure would. */
    void cutAll() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        sockets.clear();
    }

    /** Stops (or resumes) forwarding, keeping the connections open: a frozen peer. */
    void freeze(boolean freeze) {
        this.frozen = freeze;
    }

    int toHub(FrameKind kind) {
        return toHub.get(kind).get();
    }

    int fromHub(FrameKind kind) {
        return fromHub.get(kind).get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket hub;
                try {
                    hub = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                client.setTcpNoDelay(true);
                hub.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(hub);
                connections.incrementAndGet();
                start(client, hub, toHub);
                start(hub, client, fromHub);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void start(Socket from, Socket to, Map<FrameKind, AtomicInteger> counts) {
        Thread t = new Thread(() -> pump(from, to, counts), "test-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, Map<FrameKind, AtomicInteger> counts) {
        FrameCounter counter = new FrameCounter(counts);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                while (frozen && !closed && !from.isClosed()) {
                    LockSupport.parkNanos(1_000_000);
                }
                counter.feed(buf, n);
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the connection ended
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Follows the frame boundaries of one direction; the first frame is the handshake. */
    private static final class FrameCounter {
        private final Map<FrameKind, AtomicInteger> counts;
        private final byte[] head = new byte[5];
        private int headFill;
        private long remaining;
        private boolean first = true;

        FrameCounter(Map<FrameKind, AtomicInteger> counts) {
            this.counts = counts;
        }

        void feed(byte[] buf, int n) {
            int i = 0;
            while (i < n) {
                if (remaining > 0) {
                    int skip = (int) Math.min(remaining, n - i);
                    remaining -= skip;
                    i += skip;
                    continue;
                }
                head[headFill++] = buf[i++];
                if (headFill == 5) {
                    long length = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
                    if (!first) {
                        FrameKind kind = FrameKind.ofCode(head[4] & 0xFF);
                        if (kind != null) {
                            counts.get(kind).incrementAndGet();
                        }
                    }
                    first = false;
                    remaining = length - 1;
                    headFill = 0;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cutAll();
    }
}
