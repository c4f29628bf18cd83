package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.transport.tcp.internal.Codecs;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Rough figures for the transport's hot paths over loopback, hub and clients in this JVM: a 1→1
 * stream, a 1→4 fan-out, a ping-pong round trip and a 1→1 stream of 64 KiB messages, transient or
 * persistent (memory store). Not a test and not JMH: each workload runs warm-up rounds and then
 * {@code bench.rounds} measured rounds and prints each round and the median. Run through
 * {@link TransportBenchTest} ({@code -Dbench=true}) or its {@link #main} on the test class path;
 * the command line's {@code broadcast bench} measures the same workloads between processes.
 *
 * <p>System properties: {@code bench.codec} ({@code bin}, the test codec, by default; {@code json},
 * {@code kryo}), {@code bench.warmups} (2) and {@code bench.rounds} (3), {@code bench.scale} (1.0,
 * multiplies the message counts), {@code bench.modes} ({@code transient,persistent}).
 */
final class TransportBench {

    static final int SMALL = 128;
    static final int LARGE = 64 * 1024;

    private final String codecName = System.getProperty("bench.codec", "bin");
    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final int warmups = Integer.getInteger("bench.warmups", 2);
    private final double scale = Double.parseDouble(System.getProperty("bench.scale", "1.0"));

    /** A figure of one round. */
    record Figure(double value, String unit, String note) {
    }

    public static void main(String[] args) throws Exception {
        TransportBench bench = new TransportBench();
        List<String> which = args.length == 0 ? List.of("stream", "fanout", "pingpong", "large") : Arrays.asList(args);
        for (String mode : System.getProperty("bench.modes", "transient,persistent").split(",")) {
            boolean persistent = mode.equals("persistent");
            for (String w : which) {
                bench.run(w, persistent);
            }
        }
    }

    /** Runs one workload: a warm-up round, then the measured rounds; returns the median. */
    double run(String workload, boolean persistent) throws Exception {
        String mode = persistent ? "persistent" : "transient";
        try (TestHub hub = startHub()) {
            Codec codec = codec(hub);
            Workload w = switch (workload) {
                case "stream" -> new Stream(hub, codec, 1, SMALL, persistent, count(persistent ? 400_000 : 2_000_000));
                case "fanout" -> new Stream(hub, codec, 4, SMALL, persistent, count(persistent ? 200_000 : 1_000_000));
                case "large" -> new Stream(hub, codec, 1, LARGE, persistent, count(persistent ? 10_000 : 30_000));
                case "pingpong" -> new PingPong(hub, codec, persistent, count(30_000));
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
            for (int i = 0; i < warmups; i++) {
                w.round();
            }
            double[] values = new double[rounds];
            String unit = "";
            for (int i = 0; i < rounds; i++) {
                Figure f = w.round();
                values[i] = f.value();
                unit = f.unit();
                System.out.printf(Locale.ROOT, "BENCH %s %s %s round %d: %s %s%s%n", codecName, mode, workload,
                        i + 1, format(f.value()), f.unit(), f.note());
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            System.out.printf(Locale.ROOT, "BENCH %s %s %s median: %s %s%n", codecName, mode, workload, format(median),
                    unit);
            return median;
        }
    }

    private int count(int n) {
        return Math.max(1, (int) (n * scale));
    }

    private TestHub startHub() {
        if (codecName.equals("bin")) {
            return TestHub.start();
        }
        return TestHub.startInstalled(TestHub.config().codec(codecName).build());
    }

    private Codec codec(TestHub hub) {
        return codecName.equals("bin") ? TestCodec.BIN : Codecs.installed(hub.config).codec(codecName);
    }

    private static String format(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.3f M", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1f k", v / 1e3) : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * The CPU time the threads of this process used so far (the hub's, the clients', the
     * collector's), from {@code /proc/self/task}, leaving out the JIT compilers, which are still at
     * work in the first rounds; 0 where there is no such file. A figure per message that the other
     * processes of a shared machine disturb less than the wall time does.
     */
    static long cpuNanos() {
        long ticks = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> tasks =
                     java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : tasks) {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        continue;
                    }
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    interface Workload {
        Figure round() throws Exception;
    }

    /**
     * One publisher sends {@code n} messages to a channel as fast as the hub takes them (at most a
     * window of messages not yet received by every subscriber); the figure is deliveries per
     * second, or MB/s of payload for large messages.
     */
    static final class Stream implements Workload {
        private final BroadcastTcpClient pub;
        private final AtomicLong[] received;
        private final int size;
        private final boolean persistent;
        private final int n;
        private final int window;

        Stream(TestHub hub, Codec codec, int subscribers, int size, boolean persistent, int n) {
            this.size = size;
            this.persistent = persistent;
            this.n = n;
            this.window = size >= 4096 ? Math.max(16, (32 << 20) / size) : 20_000;
            received = new AtomicLong[subscribers];
            for (int i = 0; i < subscribers; i++) {
                AtomicLong count = new AtomicLong();
                received[i] = count;
                BroadcastTcpClient sub = hub.client("sub-" + i, hub.clientConfig().build(), codec);
                sub.onMessage("bench", m -> count.lazySet(count.get() + 1));
                sub.connect(Duration.ofSeconds(10));
            }
            // Room for every message of a round: outcomes may lag far behind deliveries, and a send
            // refused with OUTBOX_FULL would never arrive.
            pub = hub.client("pub", hub.clientConfig().outboxMessages(n + window).build(), codec);
            pub.connect(Duration.ofSeconds(10));
        }

        private long minReceived() {
            long min = Long.MAX_VALUE;
            for (AtomicLong r : received) {
                min = Math.min(min, r.get());
            }
            return min;
        }

        @Override
        public Figure round() throws Exception {
            for (AtomicLong r : received) {
                r.set(0);
            }
            byte[] payload = new byte[size];
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            CompletionStage<Outcome> last = null;
            for (int sent = 0; sent < n; sent++) {
                last = pub.sendMessage(BroadcastMessage.createChannelMessage("bench", payload, null, persistent));
                if (sent - minReceived() >= window) {
                    long waitStart = System.nanoTime();
                    while (sent - minReceived() >= window) {
                        LockSupport.parkNanos(20_000);
                        if (System.nanoTime() - waitStart > 10_000_000_000L) {
                            throw new AssertionError("stalled at " + sent + " sent, " + minReceived() + " received; "
                                    + pub);
                        }
                    }
                }
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (minReceived() < n) {
                LockSupport.parkNanos(20_000);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("received " + minReceived() + " of " + n + "; " + pub);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicros = (cpuNanos() - cpuStart) / 1e3;
            if (persistent) {
                last.toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            double deliveries = (double) n * received.length;
            if (size >= 4096) {
                return new Figure(deliveries * size / seconds / 1e6, "MB/s", String.format(Locale.ROOT,
                        " (%d × %d B in %.2f s; CPU %.1f µs per message)", n, size, seconds, cpuMicros / n));
            }
            return new Figure(deliveries / seconds, "deliveries/s", String.format(Locale.ROOT,
                    " (%d messages to %d in %.2f s; CPU %.2f µs per delivery)", n, received.length, seconds,
                    cpuMicros / deliveries));
        }
    }

    /**
     * Client A sends a 128-byte message to channel {@code ping}; client B's handler answers on
     * {@code pong}; A's handler takes the time and sends the next. The figure is the median round
     * trip; p99 and p99.9 are in the note.
     */
    static final class PingPong implements Workload {
        private final BroadcastTcpClient a;
        private final int n;
        private final boolean persistent;
        private final byte[] payload = new byte[SMALL];
        private long[] times;
        private int done;
        private long sentAt;
        private CountDownLatch finished;

        PingPong(TestHub hub, Codec codec, boolean persistent, int n) {
            this.n = n;
            this.persistent = persistent;
            BroadcastTcpClient b = hub.client("pong", hub.clientConfig().build(), codec);
            b.onMessage("ping", m -> b.sendMessage(BroadcastMessage.createChannelMessage("pong", payload, null,
                    this.persistent)));
            b.connect(Duration.ofSeconds(10));
            a = hub.client("ping", hub.clientConfig().build(), codec);
            a.onMessage("pong", m -> {
                times[done++] = System.nanoTime() - sentAt;
                if (done < n) {
                    ping();
                } else {
                    finished.countDown();
                }
            });
            a.connect(Duration.ofSeconds(10));
        }

        private void ping() {
            sentAt = System.nanoTime();
            a.sendMessage(BroadcastMessage.createChannelMessage("ping", payload, null, persistent));
        }

        @Override
        public Figure round() throws Exception {
            times = new long[n];
            done = 0;
            finished = new CountDownLatch(1);
            long cpuStart = cpuNanos();
            ping();
            if (!finished.await(120, TimeUnit.SECONDS)) {
                throw new AssertionError("ping-pong stalled after " + done + " rounds; " + a);
            }
            double cpuMicros = (cpuNanos() - cpuStart) / 1e3;
            long[] sorted = times.clone();
            Arrays.sort(sorted);
            return new Figure(sorted[n / 2] / 1e3, "µs p50", String.format(Locale.ROOT, ", p99 %.1f µs, p99.9 %.1f µs,"
                    + " max %.1f µs (%d round trips; CPU %.1f µs per round trip)", sorted[(int) (n * 0.99)] / 1e3,
                    sorted[(int) (n * 0.999)] / 1e3, sorted[n - 1] / 1e3, n, cpuMicros / n));
        }
    }
}
