package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoredMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * The store alone, with the hub's pattern. Not a test: run it by hand (see docs/BENCHMARKS.md).
 *
 * <ul>
 * <li>{@code stream N}: a producer appends N messages of 128 payload bytes to one client queue
 *     with at most 1,000 waiting for their durable stage (the sender's window); an acker thread
 *     removes them in batches once durable (the recipient's acknowledgements trail).</li>
 * <li>{@code drain N}: fills a queue with N messages, reopens the store, then reads it in pages of
 *     1,000 (read only), and drains it again reading and removing each page, as a hub hands a
 *     backlog to a new subscriber.</li>
 * </ul>
 * Arguments: the scenario, the message count, a directory (default a temporary one), then
 * settings as key=value.
 */
public final class H2StoreBenchmark {

    private static final QueueKey QUEUE = QueueKey.client("receiver");
    private static final int WINDOW = 1_000;
    private static final int PAGE = 1_000;

    private H2StoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        int count = Integer.parseInt(args[1]);
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("h2bench");
        Path path = dir.resolve("bench-" + System.nanoTime());
        String[] settings = settings(args);
        switch (scenario) {
            case "stream" -> stream(path, count, settings);
            case "drain" -> drain(path, count, settings);
            default -> throw new IllegalArgumentException("scenario is stream or drain, was " + scenario);
        }
        for (Path p : List.of(path.resolveSibling(path.getFileName() + ".mv.db"))) {
            Files.deleteIfExists(p);
        }
    }

    private static String[] settings(String[] args) {
        List<String> kv = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            kv.add(pair[0]);
            kv.add(pair[1]);
        }
        return kv.toArray(new String[0]);
    }

    private static StoredMessage message(long i) {
        String digits = Long.toString(i);
        return new StoredMessage("0".repeat(22 - digits.length()) + digits, "sender", "receiver", null, null, 0,
                "application/octet-stream", new byte[128]);
    }

    private static void stream(Path path, int count, String[] settings) throws Exception {
        try (MessageStore store = Stores.open(path, settings)) {
            int warmup = Math.min(count / 5, 200_000);
            runStream(store, 0, warmup);
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            runStream(store, warmup, count);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int n = count - warmup;
            System.out.printf(Locale.ROOT, "stream: %d messages, %.0f msg/s append+durable+remove, %.2f us CPU per "
                    + "message (all threads), left %d%n", n, n / seconds, (cpuNanos() - cpu0) / 1e3 / n, store.count(QUEUE));
        }
    }

    private static void runStream(MessageStore store, int from, int to) throws Exception {
        Semaphore window = new Semaphore(WINDOW);
        BlockingQueue<String> acks = new LinkedBlockingQueue<>();
        Thread acker = new Thread(() -> ack(store, acks, to - from));
        acker.start();
        for (int i = from; i < to; i++) {
            window.acquire();
            StoredMessage m = message(i);
            store.append(m, List.of(QUEUE)).durable().thenRun(() -> {
                window.release();
                acks.add(m.id());
            });
        }
        acker.join();
    }

    private static void ack(MessageStore store, BlockingQueue<String> acks, int total) {
        List<String> batch = new ArrayList<>(256);
        int done = 0;
        try {
            while (done < total) {
                batch.add(acks.take());
                acks.drainTo(batch, 255);
                store.remove(QUEUE, batch);
                done += batch.size();
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(Path path, int count, String[] settings) throws Exception {
        try (MessageStore store = Stores.open(path, settings)) {
            Semaphore window = new Semaphore(WINDOW * 10);
            long t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                window.acquire();
                store.append(message(i), List.of(QUEUE)).durable().thenRun(window::release);
            }
            window.acquire(WINDOW * 10);
            System.out.printf(Locale.ROOT, "fill: %d messages, %.0f msg/s append+durable%n", count,
                    count / ((System.nanoTime() - t0) / 1e9));
        }
        long t1 = System.nanoTime();
        try (MessageStore store = Stores.open(path, settings)) {
            System.out.printf(Locale.ROOT, "open: %.2f s for %d messages, %.1f MiB file%n",
                    (System.nanoTime() - t1) / 1e9, store.count(QUEUE),
                    Files.size(path.resolveSibling(path.getFileName() + ".mv.db")) / 1048576.0);
            long read = 0;
            long t2 = System.nanoTime();
            long after = 0;
            List<QueuedMessage> page;
            while (!(page = store.read(QUEUE, after, PAGE)).isEmpty()) {
                read += page.size();
                after = page.get(page.size() - 1).sequence();
            }
            System.out.printf(Locale.ROOT, "page: %d messages, %.0f msg/s read in pages of %d, heap after %s%n",
                    read, read / ((System.nanoTime() - t2) / 1e9), PAGE, heap());
            long t3 = System.nanoTime();
            long drained = 0;
            after = 0;
            while (!(page = store.read(QUEUE, after, PAGE)).isEmpty()) {
                List<String> ids = new ArrayList<>(page.size());
                for (QueuedMessage m : page) {
                    ids.add(m.message().id());
                }
                store.remove(QUEUE, ids);
                drained += page.size();
                after = page.get(page.size() - 1).sequence();
            }
            System.out.printf(Locale.ROOT, "drain: %d messages, %.0f msg/s read and removed in pages of %d, "
                    + "left %d, heap after %s%n", drained, drained / ((System.nanoTime() - t3) / 1e9), PAGE,
                    store.count(QUEUE), heap());
        }
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    private static String heap() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return (used >> 20) + " MiB used of " + (rt.maxMemory() >> 20) + " MiB max";
    }
}
