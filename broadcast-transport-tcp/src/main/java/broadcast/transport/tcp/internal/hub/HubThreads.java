package broadcast.transport.tcp.internal.hub;

import broadcast.transport.tcp.internal.net.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one hub, all named {@code broadcast-hub-...}: one accepting event loop, one worker
 * loop per core (each connection lives on one; one of them also routes the hub's own messages, so
 * they keep their order), one thread for user callbacks, two for store reads and expiry, and with
 * a users file one for token checks (a slow hash each; one thread bounds what a flood of bad
 * tokens can take).
 * {@link #stop()} ends them all and waits. Thread-safe.
 */
final class HubThreads {

    private static final long STOP_WAIT_MS = 5_000;

    final EventLoopGroup boss = Transport.newGroup(1, "broadcast-hub-accept", false);
    final EventLoopGroup workers = Transport.newGroup(Math.max(1, Runtime.getRuntime().availableProcessors()),
            "broadcast-hub", false);
    final EventLoop hubLoop = workers.next();
    final ExecutorService callbacks = Executors.newSingleThreadExecutor(daemon("broadcast-hub-callbacks"));
    final ScheduledExecutorService store = Executors.newScheduledThreadPool(2, daemon("broadcast-hub-store"));
    /** Token checks; null when tokens need no slow hash. */
    final ExecutorService auth;

    HubThreads(boolean slowAuth) {
        auth = slowAuth ? Executors.newSingleThreadExecutor(daemon("broadcast-hub-auth")) : null;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops every thread, letting queued callbacks run, and waits for them to end. */
    void stop() {
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(STOP_WAIT_MS);
        boss.terminationFuture().awaitUninterruptibly(STOP_WAIT_MS);
        shutdown(callbacks);
        shutdown(store);
        if (auth != null) {
            shutdown(auth);
        }
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
