package broadcast.cli.internal.bench;

import broadcast.api.BroadcastMessage;
import broadcast.api.MessageHandler;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The latency workload: client A sends a ping to a channel, client B, subscribed to it, answers
 * with a pong on another channel, and A's pong handler times the round trip and sends the next
 * ping, one at a time; the first {@code warmup} round trips are not measured. Each pong must
 * answer the ping in flight. Not thread-safe: one run at a time.
 */
final class PingPong {

    private final Settings settings;
    private final BenchHub hub;
    private final PrintWriter err;
    private final boolean progress;

    PingPong(Settings settings, BenchHub hub, PrintWriter err, boolean progress) {
        this.settings = settings;
        this.hub = hub;
        this.err = err;
        this.progress = progress;
    }

    Result run() {
        long measured = settings.count();
        int total = Math.toIntExact(settings.warmup() + measured);
        BenchPayload payload = BenchPayload.of(settings.payload(), settings.size());
        String pings = settings.name("ping");
        String pongs = settings.name("pong");
        try (BenchClients clients = new BenchClients(hub, settings)) {
            SeqIds pongIds = new SeqIds(settings.name("pong") + "-");
            int pingPrefix = (settings.name("ping") + "-").length();
            BroadcastTcpClient[] b = new BroadcastTcpClient[1];
            b[0] = clients.subscriber(settings.name("b"), pings, ping -> {
                long seq = SeqIds.seq(ping.id(), pingPrefix);
                b[0].sendMessage(BroadcastMessage.builder().id(pongIds.id(seq)).channel(pongs).data(payload.data())
                        .persistent(settings.persistent()).build());
            });
            Pinger pinger = new Pinger(total, settings, payload, pings, pongIds.prefixLength());
            pinger.client = clients.subscriber(settings.name("a"), pongs, pinger);
            String note;
            try (Progress bar = Progress.start(err, settings.workload().label(), total, pinger::done, progress)) {
                pinger.ping();
                note = pinger.await();
            }
            return pinger.result(settings, clients.refused(), note);
        }
    }

    /** Client A's side: sends each ping, and times it when its pong comes. Its handler runs on A's callback thread. */
    private static final class Pinger implements MessageHandler {
        private final long[] roundTrips;
        private final Settings settings;
        private final BenchPayload payload;
        private final String pings;
        private final int pongPrefix;
        private final SeqIds pingIds;
        private long sentAt;
        BroadcastTcpClient client;
        private volatile int next;
        private volatile long unexpected;
        private volatile long startNanos;
        private volatile long endNanos;

        Pinger(int total, Settings settings, BenchPayload payload, String pings, int pongPrefix) {
            this.roundTrips = new long[total];
            this.settings = settings;
            this.payload = payload;
            this.pings = pings;
            this.pongPrefix = pongPrefix;
            this.pingIds = new SeqIds(pings + "-");
        }

        /** Sends ping {@code next}. */
        void ping() {
            int seq = next;
            if (seq == settings.warmup()) {
                startNanos = System.nanoTime();
            }
            sentAt = System.nanoTime();
            client.sendMessage(BroadcastMessage.builder().id(pingIds.id(seq)).channel(pings).data(payload.data())
                    .persistent(settings.persistent()).build());
        }

        @Override
        public void onMessage(BroadcastMessage pong) {
            long now = System.nanoTime();
            int seq = next;
            if (SeqIds.seq(pong.id(), pongPrefix) != seq || !payload.matches(pong)) {
                unexpected = unexpected + 1;
                return;
            }
            roundTrips[seq] = now - sentAt;
            next = seq + 1;
            if (seq + 1 < roundTrips.length) {
                ping();
            } else {
                endNanos = now;
            }
        }

        long done() {
            return next;
        }

        /** Waits for the last pong. @return null, or why it stopped early */
        String await() {
            long lastProgress = System.nanoTime();
            int seen = -1;
            while (endNanos == 0) {
                int now = next;
                if (now != seen) {
                    seen = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > Flow.STALL_NANOS) {
                    return "no pong for round trip " + now + " within " + TimeUnit.NANOSECONDS.toSeconds(Flow.STALL_NANOS) + " s";
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            return null;
        }

        Result result(Settings settings, long refused, String note) {
            int warmup = (int) settings.warmup();
            int done = Math.max(warmup, next);
            long[] measured = Arrays.copyOfRange(roundTrips, warmup, done);
            Arrays.sort(measured);
            double seconds = ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
            long lost = roundTrips.length - next;
            return new Result(settings, null, null, measured.length, lost, 0, unexpected, refused, seconds,
                    measured.length / seconds, null, micros(measured, 0.50), micros(measured, 0.99),
                    micros(measured, 0.999), null, null, note);
        }
    }

    /** The value at a percentile (nearest rank), in microseconds; null without values. */
    static Double micros(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e3;
    }
}
