package broadcast.it;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.transport.tcp.BroadcastTcpClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The durable end-to-end figures of {@code docs/BENCHMARKS.md}, "Durable end to end (H2)": a hub
 * in its own JVM with the {@code h2} store and a bounded heap, a publisher and a subscriber in this
 * JVM, 128-byte persistent messages. Not a test: runs only with {@code -Dbench=true}, and prints
 * {@code BENCH} lines. Settings (system properties): {@code bench.messages} (default 1,000,000),
 * {@code bench.warmup} (200,000), {@code bench.codec} (json), {@code bench.heap} (256m),
 * {@code bench.jfr} (a file: record the hub with JFR), {@code bench.dir} (where the store file
 * goes; default a temporary folder).
 *
 * <ul>
 * <li>{@code stream}: the 1→1 stream; the publisher keeps at most 1,000 messages waiting for their
 *     outcome, the subscriber acknowledges as it goes. Timed from the first send of the measured
 *     part to the last outcome and the last message received.</li>
 * <li>{@code drain}: the publisher queues the messages on a channel nobody subscribes to (each
 *     {@code QUEUED}, so on disk); then a new subscriber subscribes and gets the backlog. Timed
 *     from the subscription to the last message received.</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class DurableBench {

    private static final int WINDOW = 1_000;
    private static final Duration WAIT = Duration.ofMinutes(10);

    @TempDir
    Path temp;

    private jdk.jfr.Recording recording;

    @org.junit.jupiter.api.BeforeEach
    void record() throws Exception {
        if (System.getProperty("bench.jfr") != null) {
            recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.start();
        }
    }

    @org.junit.jupiter.api.AfterEach
    void dump() throws IOException {
        if (recording != null) {
            recording.dump(Path.of(System.getProperty("bench.jfr") + ".clients.jfr"));
            recording.close();
        }
    }

    @Test
    void stream() throws Exception {
        int n = Integer.getInteger("bench.messages", 1_000_000);
        int warmup = Integer.getInteger("bench.warmup", 200_000);
        Path dir = dir();
        try (HubProcess hub = HubProcess.start(dir.resolve("stream"), dir, hubOptions(dir))) {
            BroadcastConfig config = config(hub.port());
            AtomicLong received = new AtomicLong();
            try (BroadcastTcpClient sub = new BroadcastTcpClient(config, "sub");
                 BroadcastTcpClient pub = new BroadcastTcpClient(config, "pub")) {
                var subscription = sub.onMessage("bench", m -> received.incrementAndGet());
                sub.connect(WAIT);
                subscription.ready().toCompletableFuture().get(1, TimeUnit.MINUTES);
                pub.connect(WAIT);
                send(pub, "bench", warmup, received, warmup);
                String load = loadAverage();
                Cpu cpu = new Cpu(hub);
                long start = System.nanoTime();
                send(pub, "bench", n, received, warmup + n);
                double seconds = (System.nanoTime() - start) / 1e9;
                report("stream", n, seconds, load, dir, cpu);
                histogram(hub, "after the stream");
                dumpRecording(hub);
            }
        }
    }

    @Test
    void drain() throws Exception {
        int n = Integer.getInteger("bench.messages", 1_000_000);
        Path dir = dir();
        try (HubProcess hub = HubProcess.start(dir.resolve("drain"), dir, hubOptions(dir))) {
            BroadcastConfig config = config(hub.port());
            AtomicLong received = new AtomicLong();
            try (BroadcastTcpClient pub = new BroadcastTcpClient(config, "pub")) {
                pub.connect(WAIT);
                long fillStart = System.nanoTime();
                send(pub, "backlog", n, received, 0);
                double fill = (System.nanoTime() - fillStart) / 1e9;
                System.out.printf("BENCH durable-drain fill: %d messages queued in %.2f s = %.0f msg/s%n", n, fill, n / fill);
                histogram(hub, "after the fill");
            }
            try (BroadcastTcpClient sub = new BroadcastTcpClient(config, "sub")) {
                sub.connect(WAIT);
                String load = loadAverage();
                Cpu cpu = new Cpu(hub);
                long start = System.nanoTime();
                sub.onMessage("backlog", m -> received.incrementAndGet());
                Await.until(() -> received.get() >= n / 2, WAIT, () -> received.get() + " of " + n + " received");
                histogram(hub, "half-way through the drain");
                Await.until(() -> received.get() >= n, WAIT, () -> received.get() + " of " + n + " received");
                double seconds = (System.nanoTime() - start) / 1e9;
                report("drain", n, seconds, load, dir, cpu);
                dumpRecording(hub);
                assertEquals(n, received.get());
            }
        }
    }

    /** Sends {@code n} persistent 128-byte messages with at most {@link #WINDOW} unanswered, then waits for {@code expected} receipts. */
    private static void send(BroadcastTcpClient pub, String channel, int n, AtomicLong received, long expected)
            throws InterruptedException {
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong refused = new AtomicLong();
        byte[] payload = new byte[128];
        for (int i = 0; i < n; i++) {
            window.acquire();
            pub.sendMessage(BroadcastMessage.createChannelMessage(channel, payload)).whenComplete((o, e) -> {
                if (e != null || !o.accepted()) {
                    refused.incrementAndGet();
                }
                window.release();
            });
        }
        assertTrue(window.tryAcquire(WINDOW, WAIT.toSeconds(), TimeUnit.SECONDS), "outcomes outstanding");
        assertEquals(0, refused.get(), "messages refused");
        Await.until(() -> received.get() >= expected, WAIT, () -> received.get() + " of " + expected + " received");
    }

    private static BroadcastConfig config(int port) {
        return BroadcastConfig.builder().port(port).codec(System.getProperty("bench.codec", "json"))
                .outboxMessages(WINDOW * 4).build();
    }

    private Path dir() throws IOException {
        String dir = System.getProperty("bench.dir");
        return dir == null ? temp : Files.createDirectories(Path.of(dir));
    }

    private static List<String> hubOptions(Path dir) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + System.getProperty("bench.heap", "256m"),
                "-Xlog:gc:file=" + dir.resolve("hub-gc.log")));
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            options.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=" + System.getProperty("bench.jfc", "profile"));
        }
        return options;
    }

    /**
     * The hub's live heap: {@code jcmd GC.class_histogram} collects first, so its total is what
     * the hub holds, not what the collector has not reclaimed yet.
     */
    private static void histogram(HubProcess hub, String when) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(hub.pid()), "GC.class_histogram").redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        p.waitFor();
        String total = lines.stream().filter(l -> l.startsWith("Total")).findFirst().orElse("Total ?");
        String[] fields = total.trim().split("\\s+");
        System.out.printf("BENCH hub live heap %s: %s MB in %s objects%n", when,
                fields.length > 2 ? Long.parseLong(fields[2]) >> 20 : "?", fields.length > 1 ? fields[1] : "?");
        if (Boolean.getBoolean("bench.histogram")) {
            System.out.println(String.join("\n", lines.subList(0, Math.min(18, lines.size()))));
        }
    }

    /** With {@code bench.jfr}: the hub's recording is written before it is killed. */
    private static void dumpRecording(HubProcess hub) throws IOException, InterruptedException {
        String jfr = System.getProperty("bench.jfr");
        if (jfr != null) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(hub.pid()), "JFR.dump", "filename=" + jfr).inheritIO().start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "jcmd JFR.dump");
        }
    }

    private static void report(String workload, int n, double seconds, String loadBefore, Path dir, Cpu cpu)
            throws IOException {
        System.out.printf("BENCH durable-%s codec %s: %d messages in %.2f s = %.0f msg/s; CPU per message: hub %.1f us "
                        + "(%.0f %% in the kernel), clients %.1f us; load average before %s, after %s; hub heap: max %s, "
                        + "full collections %d%n",
                workload, System.getProperty("bench.codec", "json"), n, seconds, n / seconds, cpu.hubMicros() / n,
                100 * cpu.hubKernelShare(), cpu.clientMicros() / n, loadBefore, loadAverage(),
                System.getProperty("bench.heap", "256m"),
                fullCollections(dir.resolve("hub-gc.log")));
    }

    /** CPU time used from now on by the hub process and by this one (the clients), all threads. */
    private static final class Cpu {
        private final HubProcess hub;
        private final long[] hubStart;
        private final long[] clientStart;

        Cpu(HubProcess hub) throws IOException {
            this.hub = hub;
            this.hubStart = times(hub.pid());
            this.clientStart = times(ProcessHandle.current().pid());
        }

        double hubMicros() throws IOException {
            long[] now = times(hub.pid());
            return now[0] + now[1] - hubStart[0] - hubStart[1];
        }

        double hubKernelShare() throws IOException {
            long[] now = times(hub.pid());
            return (now[1] - hubStart[1]) / Math.max(1.0, now[0] + now[1] - hubStart[0] - hubStart[1]);
        }

        double clientMicros() throws IOException {
            long[] now = times(ProcessHandle.current().pid());
            return now[0] + now[1] - clientStart[0] - clientStart[1];
        }

        /** User and kernel time of a process in microseconds, from {@code /proc/PID/stat} (ticks of 10 ms). */
        private static long[] times(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]) * 10_000, Long.parseLong(fields[12]) * 10_000};
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** How many full collections the hub's GC log shows (a heap under pressure has them). */
    private static long fullCollections(Path gcLog) throws IOException {
        return Files.readString(gcLog).lines().filter(l -> l.contains("Pause Full") && !l.contains("Heap Inspection")).count();
    }
}
