package broadcast.cli.internal.bench;

import broadcast.api.BroadcastConfig;
import broadcast.api.Subscription;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connections workload: {@code count} clients connect to the hub and subscribe to one
 * channel each, then sit idle. What is measured is the hub's memory per client: its resident set
 * and its heap after a full GC, before and after, divided by the clients connected. The hub is a
 * process of its own (its PID is known), so that the benchmark's clients do not count. Not
 * thread-safe: one run at a time.
 */
final class IdleClients {

    /** Clients connected and closed before the figures are taken; see {@link #warmUp}. */
    static final int WARM_UP_CLIENTS = 500;

    private final Settings settings;
    private final BroadcastConfig.Builder clientConfig;
    private final long hubPid;
    private final PrintWriter err;
    private final boolean progress;

    /**
     * @param hubPid the hub's process id, or -1 when unknown (no memory figures then)
     */
    IdleClients(Settings settings, BroadcastConfig.Builder clientConfig, long hubPid, PrintWriter err,
                boolean progress) {
        this.settings = settings;
        this.clientConfig = clientConfig;
        this.hubPid = hubPid;
        this.err = err;
        this.progress = progress;
    }

    Result run() {
        int n = Math.toIntExact(settings.count());
        BroadcastConfig config = clientConfig.build();
        warmUp(config, settings, Math.min(n, WARM_UP_CLIENTS));
        // the heap first: its full GC leaves the resident set in the same state before and after
        Optional<Long> heapBefore = heap();
        Optional<Long> rssBefore = rss();
        List<BroadcastTcpClient> clients = new ArrayList<>(n);
        AtomicLong ready = new AtomicLong();
        long start = System.nanoTime();
        try (Progress bar = Progress.start(err, settings.workload().label(), n, ready::get, progress)) {
            List<CompletableFuture<Void>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                BroadcastTcpClient c = new BroadcastTcpClient(config, settings.name("c" + i));
                clients.add(c);
                Subscription s = c.onMessage(settings.name("idle"), m -> { });
                all.add(c.connect().toCompletableFuture()
                        .thenCompose(v -> s.ready().toCompletableFuture())
                        .thenRun(ready::incrementAndGet));
            }
            awaitAll(all, ready);
            double seconds = (System.nanoTime() - start) / 1e9;
            long connected = ready.get();
            Optional<Long> heapAfter = heap();
            Optional<Long> rssAfter = rss();
            String note = connected == n ? null : (n - connected) + " of " + n + " clients did not connect within "
                    + BenchClients.CONNECT_WAIT.toSeconds() + " s";
            return new Result(settings, null, null, connected, n - connected, 0, 0, 0, seconds,
                    null, null, null, null, null, perClient(rssBefore, rssAfter, connected),
                    perClient(heapBefore, heapAfter, connected), note);
        } finally {
            for (BroadcastTcpClient c : clients) {
                c.close();
            }
        }
    }

    /**
     * Connects {@code n} clients, each subscribed to a channel, and closes them: the hub loads its
     * classes and compiles its connection paths, and its buffer pools grow, once, before the
     * figures are taken, so that what is measured is what each client costs, not the hub's first
     * connections (on a fresh hub those one-time costs are most of its resident set's growth).
     */
    static void warmUp(BroadcastConfig config, Settings settings, int n) {
        List<BroadcastTcpClient> clients = new ArrayList<>(n);
        try {
            List<CompletableFuture<Void>> all = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                BroadcastTcpClient c = new BroadcastTcpClient(config, settings.name("warm" + i));
                clients.add(c);
                Subscription s = c.onMessage(settings.name("warm"), m -> { });
                all.add(c.connect().toCompletableFuture().thenCompose(v -> s.ready().toCompletableFuture()));
            }
            awaitAll(all, new AtomicLong());
        } finally {
            for (BroadcastTcpClient c : clients) {
                c.close();
            }
        }
    }

    private static void awaitAll(List<CompletableFuture<Void>> all, AtomicLong ready) {
        long deadline = System.nanoTime() + BenchClients.CONNECT_WAIT.toNanos();
        for (CompletableFuture<Void> f : all) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // counted as not connected
            }
        }
    }

    private Optional<Long> rss() {
        return hubPid < 0 ? Optional.empty() : HubProcess.rssKib(hubPid);
    }

    private Optional<Long> heap() {
        return hubPid < 0 ? Optional.empty() : HubProcess.heapKibAfterGc(hubPid);
    }

    private static Double perClient(Optional<Long> before, Optional<Long> after, long clients) {
        if (before.isEmpty() || after.isEmpty() || clients == 0) {
            return null;
        }
        return (after.get() - before.get()) / (double) clients;
    }
}
