package broadcast.cli.internal.bench;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import broadcast.api.Subscription;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak workload: a hub in a child process with {@code count} clients connected for a bounded
 * time. {@code publishers} of them send, every {@link #TICK_MS} ms, one transient message to one
 * channel and one persistent message to another; {@link #CHECKERS} subscribers of both check that
 * every persistent message arrives once and in order; the persistent messages also name one
 * client, which reconnects in a loop (it must get every one of them at least once by the end:
 * they wait in its queue while it is away); one subscriber of the transient channel is frozen (a raw socket that sent its HELLO and
 * reads nothing, replaced by a new one every {@value #FROZEN_LIFE_MS} ms, after the hub has closed it
 * for its silence); the others idle, each
 * subscribed to a channel of its own. Meanwhile it samples the hub's heap after a full GC and its
 * resident set. Not thread-safe: one run at a time.
 */
final class Soak {

    static final int CHECKERS = 4;
    static final long TICK_MS = 200;
    /** A frozen connection is replaced after this long: past the hub's heartbeat timeout, 15 s by default. */
    private static final long FROZEN_LIFE_MS = 20_000;
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(60);
    /** Heap growth over the soak that still counts as flat: a tenth of the first sample, and this much. */
    private static final long FLAT_SLACK_KIB = 4 * 1024;

    private final Settings settings;
    private final BroadcastConfig config;
    private final HubProcess hub;
    private final int publishers;
    private final Duration duration;
    private final PrintWriter err;
    private final String transientChannel;
    private final String durableChannel;
    private final String flapperName;
    private final AtomicLong persistentSent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<long[]> samples = new ArrayList<>();
    /** The reconnecting client once the soak is over, connected to get what is left. */
    private volatile BroadcastTcpClient finalFlapper;

    Soak(Settings settings, BroadcastConfig.Builder clientConfig, HubProcess hub, int publishers, Duration duration,
         PrintWriter err) {
        this.settings = settings;
        this.config = clientConfig.build();
        this.hub = hub;
        this.publishers = publishers;
        this.duration = duration;
        this.err = err;
        this.transientChannel = settings.name("transient");
        this.durableChannel = settings.name("durable");
        this.flapperName = settings.name("flapper");
    }

    /** What one subscriber received of the persistent messages: one bit per publisher and sequence. */
    private final class Received {
        private final BitSet[] seen = new BitSet[publishers];
        private final long[] last = new long[publishers];
        private long duplicates;
        private long outOfOrder;
        private long transients;
        private long count;

        Received() {
            for (int i = 0; i < publishers; i++) {
                seen[i] = new BitSet();
                last[i] = -1;
            }
        }

        synchronized void add(BroadcastMessage m) {
            if (!m.persistent()) {
                transients++;
                return;
            }
            String data = String.valueOf(m.data());
            int colon = data.indexOf(':');
            int p = Integer.parseInt(data.substring(1, colon));
            int seq = Integer.parseInt(data.substring(colon + 1));
            if (seen[p].get(seq)) {
                duplicates++;
                return;
            }
            seen[p].set(seq);
            count++;
            if (seq < last[p]) {
                outOfOrder++;
            }
            last[p] = Math.max(last[p], seq);
        }

        synchronized long count() {
            return count;
        }

        /** The persistent messages sent that this one did not get. */
        synchronized long missing(int[] sent) {
            long missing = 0;
            for (int p = 0; p < publishers; p++) {
                missing += sent[p] - seen[p].cardinality();
            }
            return missing;
        }
    }

    Result run() throws InterruptedException {
        int n = Math.toIntExact(settings.count());
        int idle = n - publishers - CHECKERS - 2;
        if (idle < 0) {
            throw broadcast.cli.internal.Options.invalid("--clients", n, "the soak needs at least --publishers + "
                    + (CHECKERS + 2) + " clients");
        }
        Optional<Long> heapBefore = HubProcess.heapKibAfterGc(hub.pid());
        Optional<Long> rssBefore = HubProcess.rssKib(hub.pid());
        List<BroadcastTcpClient> clients = new ArrayList<>(n);
        List<Received> checks = new ArrayList<>();
        Received flapperGot = new Received();
        try {
            List<CompletableFuture<?>> ready = new ArrayList<>();
            for (int i = 0; i < idle; i++) {
                BroadcastTcpClient c = new BroadcastTcpClient(config, settings.name("idle" + i));
                clients.add(c);
                Subscription s = c.onMessage(settings.name("idle" + i), m -> { });
                ready.add(c.connect().toCompletableFuture().thenCompose(v -> s.ready().toCompletableFuture()));
            }
            for (int i = 0; i < CHECKERS; i++) {
                Received got = new Received();
                checks.add(got);
                BroadcastTcpClient c = new BroadcastTcpClient(config, settings.name("check" + i));
                clients.add(c);
                Subscription a = c.onMessage(transientChannel, got::add);
                Subscription b = c.onMessage(durableChannel, got::add);
                ready.add(c.connect().toCompletableFuture().thenCompose(v -> a.ready().toCompletableFuture())
                        .thenCompose(v -> b.ready().toCompletableFuture()));
            }
            List<BroadcastTcpClient> pubs = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                BroadcastTcpClient c = new BroadcastTcpClient(config, settings.name("pub" + i));
                clients.add(c);
                pubs.add(c);
                ready.add(c.connect().toCompletableFuture());
            }
            for (CompletableFuture<?> f : ready) {
                f.get(BenchClients.CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            // Idle clients, checkers and publishers connected: the hub's memory per client, as for connections.
            Optional<Long> heapConnected = HubProcess.heapKibAfterGc(hub.pid());
            Optional<Long> rssConnected = HubProcess.rssKib(hub.pid());
            int connected = ready.size();
            err.println(String.format(Locale.ROOT, "soak: %,d clients connected; hub heap %s, resident %s", connected,
                    mib(heapConnected), mib(rssConnected)));
            err.flush();

            int[] sent = new int[publishers];
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            Thread flapper = thread("flapper", () -> flap(end, flapperGot));
            Thread frozen = thread("frozen", () -> freeze(end));
            Thread sampler = thread("sampler", () -> sample(start, end));
            long tick = start;
            while (System.nanoTime() < end) {
                for (int p = 0; p < publishers; p++) {
                    BroadcastTcpClient c = pubs.get(p);
                    c.sendMessage(BroadcastMessage.createChannelMessage(transientChannel, "p" + p + ":" + sent[p], null,
                            false));
                    // To the channel and to the reconnecting client by name: queued under its name while it is away.
                    c.sendMessage(BroadcastMessage.create(flapperName, durableChannel, "p" + p + ":" + sent[p], null, true))
                            .thenAccept(this::outcome);
                    sent[p]++;
                    persistentSent.incrementAndGet();
                }
                tick += TimeUnit.MILLISECONDS.toNanos(TICK_MS);
                long wait = tick - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            flapper.join();
            frozen.join();
            sampler.join();
            long expected = persistentSent.get();
            long deadline = System.nanoTime() + DRAIN_WAIT.toNanos();
            while (System.nanoTime() < deadline && !(checks.stream().allMatch(r -> r.count() == expected)
                    && flapperGot.count() == expected)) {
                Thread.sleep(100);
            }
            long lost = flapperGot.missing(sent);
            long duplicates = 0;
            long outOfOrder = 0;
            long delivered = 0;
            long transients = 0;
            for (Received r : checks) {
                lost += r.missing(sent);
                duplicates += r.duplicates;
                outOfOrder += r.outOfOrder;
                delivered += r.count();
                transients += r.transients;
            }
            err.println(String.format(Locale.ROOT, "soak: %,d persistent messages sent, each received by %d checking "
                    + "subscribers (%,d missing) and the reconnecting client (%,d missing, %,d copies); the checkers "
                    + "got %,d transient messages", expected, CHECKERS, lost - flapperGot.missing(sent),
                    flapperGot.missing(sent), flapperGot.duplicates, transients));
            err.flush();
            return new Result(settings, null, null, delivered, lost, duplicates, outOfOrder, refused.get(), seconds,
                    (delivered + transients) / seconds, null, null, null, null,
                    perClient(rssBefore, rssConnected, connected), perClient(heapBefore, heapConnected, connected),
                    flatness());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(settings, null, null, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null,
                    "the clients did not connect within " + BenchClients.CONNECT_WAIT.toSeconds() + " s: " + e);
        } finally {
            for (BroadcastTcpClient c : clients) {
                c.close();
            }
            if (finalFlapper != null) {
                finalFlapper.close();
            }
        }
    }

    private void outcome(Outcome o) {
        if (o.status() == Outcome.Status.NOT_DELIVERED) {
            refused.incrementAndGet();
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, "broadcast-bench-soak-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** A client of the persistent channel that connects, stays a moment, and leaves, under one name, until the end; then stays. */
    private void flap(long end, Received got) {
        String name = flapperName;
        int cycles = 0;
        while (System.nanoTime() < end) {
            BroadcastTcpClient c = new BroadcastTcpClient(config, name);
            c.onDirectMessage(got::add);
            try {
                c.connect().toCompletableFuture().get(BenchClients.CONNECT_WAIT.toSeconds(), TimeUnit.SECONDS);
                Thread.sleep(ThreadLocalRandom.current().nextLong(200, 800));
                cycles++;
            } catch (Exception e) {
                // counted by what it misses in the end
            } finally {
                c.close();
            }
        }
        BroadcastTcpClient last = new BroadcastTcpClient(config, name);
        last.onDirectMessage(got::add);
        last.connect();
        finalFlapper = last;
        err.println("soak: the reconnecting client connected " + cycles + " times");
    }


    /** A subscriber of the transient channel that reads nothing; replaced once the hub closed it. */
    private void freeze(long end) {
        int n = 0;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress(config.host(), config.port()));
                s.getOutputStream().write(hello(settings.name("frozen" + n++), transientChannel));
                s.getOutputStream().flush();
                long until = Math.min(end, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FROZEN_LIFE_MS));
                while (System.nanoTime() < until) {
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                // the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        err.println("soak: " + n + " frozen subscribers, one after the other");
    }

    /** A HELLO frame, as docs/protocol.md describes it: the codec's name, the client's, no token, one channel. */
    private byte[] hello(String name, String channel) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.writeInt(0x42524443);
        out.writeByte(1);
        out.writeInt(1024 * 1024);
        string(out, config.codec());
        string(out, name);
        string(out, "");
        out.writeByte(0);
        out.writeShort(1);
        string(out, channel);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        new DataOutputStream(frame).writeInt(b.length);
        frame.write(b);
        return frame.toByteArray();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    /** Samples the hub's heap after a full GC and its resident set, six times over the soak. */
    private void sample(long start, long end) {
        long every = (end - start) / 6;
        for (long at = start + every / 2; at < end; at += every) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, at - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long heap = HubProcess.heapKibAfterGc(hub.pid()).orElse(-1L);
            long rss = HubProcess.rssKib(hub.pid()).orElse(-1L);
            long secs = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            synchronized (samples) {
                samples.add(new long[] {secs, heap, rss});
            }
            err.println(String.format(Locale.ROOT, "soak: %3d s: hub heap %s, resident %s", secs, mib(Optional.of(heap)),
                    mib(Optional.of(rss))));
            err.flush();
        }
    }

    /** Null when the heap stayed flat (the last sample within a tenth and 4 MiB of the first), else why not. */
    private String flatness() {
        synchronized (samples) {
            if (samples.size() < 2 || samples.get(0)[1] < 0) {
                return null;
            }
            long first = samples.get(0)[1];
            long last = samples.get(samples.size() - 1)[1];
            if (last - first > first / 10 + FLAT_SLACK_KIB) {
                return "the hub's heap after a full GC grew from " + first / 1024 + " MiB to " + last / 1024 + " MiB";
            }
            return null;
        }
    }

    private static String mib(Optional<Long> kib) {
        return kib.filter(k -> k >= 0).map(k -> String.format(Locale.ROOT, "%.1f MiB", k / 1024.0)).orElse("-");
    }

    private static Double perClient(Optional<Long> before, Optional<Long> after, long clients) {
        if (before.isEmpty() || after.isEmpty() || clients == 0) {
            return null;
        }
        return (after.get() - before.get()) / (double) clients;
    }
}
