package broadcast.transport.tcp.internal.net;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.TimeUnit;

/**
 * The event loops every client of this JVM shares: made when the first client needs one, shut
 * down when the last one is closed. Each client takes one loop for its whole life, so its state is
 * touched by one thread. Threads are daemons: a forgotten client does not keep the JVM alive.
 * Thread-safe.
 */
public final class ClientLoops {

    private static final Object LOCK = new Object();
    private static EventLoopGroup group;
    private static int users;

    private ClientLoops() {
    }

    /** One loop for a new client; pair with {@link #release()}. */
    public static EventLoop acquire() {
        synchronized (LOCK) {
            if (group == null) {
                group = Transport.newGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
                        "broadcast-client", true);
            }
            users++;
            return group.next();
        }
    }

    /** A client is done with its loop. */
    public static void release() {
        synchronized (LOCK) {
            if (--users == 0) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                group = null;
            }
        }
    }
}
