package broadcast.cli.internal.bench;

import broadcast.api.BroadcastConfig;
import broadcast.api.FailureListener;
import broadcast.api.MessageHandler;
import broadcast.api.BroadcastClient;
import broadcast.cli.internal.CliException;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The benchmark's clients of one workload, closed together. Not thread-safe. */
final class BenchClients implements AutoCloseable {

    static final Duration CONNECT_WAIT = Duration.ofSeconds(30);

    private final BenchHub hub;
    private final Settings settings;
    private final List<BroadcastTcpClient> clients = new ArrayList<>();
    /** Messages the clients dropped: outbox full, too large, undecodable. */
    private final Counter refused = new Counter();

    BenchClients(BenchHub hub, Settings settings) {
        this.hub = hub;
        this.settings = settings;
    }

    /**
     * A connected client whose handler takes the messages of a channel, subscribed once this returns.
     *
     * @throws CliException if it cannot connect or subscribe
     */
    BroadcastTcpClient subscriber(String name, String channel, MessageHandler handler) {
        BroadcastTcpClient c = client(name, hub.clientConfig(settings.codec()).build());
        var subscription = c.onMessage(channel, handler);
        connect(c);
        try {
            subscription.ready().toCompletableFuture().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("client " + name + " could not subscribe to " + channel + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
        return c;
    }

    /** A connected client whose outbox holds the window and more. */
    BroadcastTcpClient publisher(String name) {
        BroadcastTcpClient c = client(name, hub.clientConfig(settings.codec())
                .outboxMessages(Math.max(BroadcastConfig.DEFAULT_OUTBOX_MESSAGES, 2 * settings.window() + 16))
                .build());
        connect(c);
        return c;
    }

    /** Messages the clients of this workload dropped so far (the hub's refusals come as outcomes). */
    long refused() {
        return refused.value;
    }

    private BroadcastTcpClient client(String name, BroadcastConfig config) {
        BroadcastTcpClient c;
        try {
            c = new BroadcastTcpClient(config, name);
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage(), e);
        }
        clients.add(c);
        c.onFailure(new FailureListener() {
            @Override
            public void onDropped(BroadcastClient client, String messageId, String reason) {
                refused.add(1);
            }
        });
        return c;
    }

    private static void connect(BroadcastTcpClient c) {
        try {
            c.connect(CONNECT_WAIT);
        } catch (RuntimeException e) {
            throw new CliException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (BroadcastTcpClient c : clients) {
            c.close();
        }
    }

    /** A count written by one thread at a time (a client's callback thread), read by any. */
    static final class Counter {
        private volatile long value;

        synchronized void add(long n) {
            value += n;
        }

        long value() {
            return value;
        }
    }
}
