package broadcast.cli.internal.bench;

import broadcast.api.BroadcastMessage;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backlog workload: a publisher queues {@code count} persistent messages on a channel nobody
 * subscribes to (each answered {@code QUEUED}, so in the store), with at most {@code window}
 * outcomes awaited at a time; then a new subscriber subscribes and the hub hands it the whole
 * backlog. Measured: the time from the subscription to the last message received, and the hub's
 * heap (when its process is known): in use after a full GC once the backlog is queued, half-way
 * through the drain (the clock runs on: the collection and {@code jcmd} count in the time) and at
 * the end; and the most in use after any collection during the drain (from the hub process's GC
 * log, when this workload started it; old garbage not collected yet counts). The subscriber checks each message arrives once and in
 * order. Not thread-safe: one run at a time.
 */
final class Backlog {

    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M->31M(256M) 2.345ms}: before, after, size. */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final Settings settings;
    private final BenchHub hub;
    private final long hubPid;
    private final Path gcLog;
    private final PrintWriter err;
    private final boolean progress;

    /**
     * @param hubPid the hub's process id, or -1 when unknown (no heap figures then)
     * @param gcLog the hub process's GC log ({@code -Xlog:gc}), or null (no peak figure then)
     */
    Backlog(Settings settings, BenchHub hub, long hubPid, Path gcLog, PrintWriter err, boolean progress) {
        this.settings = settings;
        this.hub = hub;
        this.hubPid = hubPid;
        this.gcLog = gcLog;
        this.err = err;
        this.progress = progress;
    }

    Result run() {
        long n = settings.count();
        BenchPayload payload = BenchPayload.of(settings.payload(), settings.size());
        String channel = settings.name("data");
        SeqIds ids = new SeqIds(settings.name("m") + "-");
        SeqTracker tracker = new SeqTracker(n, ids.prefixLength(), payload);
        try (BenchClients clients = new BenchClients(hub, settings)) {
            BroadcastTcpClient publisher = clients.publisher(settings.name("pub"));
            Flow.Outcomes outcomes = new Flow.Outcomes();
            publisher.onOutcome((client, outcome) -> outcomes.add(outcome));
            String note;
            long start;
            long end;
            Optional<Long> filled;
            Optional<Long> draining = Optional.empty();
            long gcLogFrom;
            try (Progress bar = Progress.start(err, settings.workload().label(), 2 * n,
                    () -> outcomes.answered() + tracker.received(), progress)) {
                note = fill(publisher, outcomes, channel, ids, payload, n);
                filled = note == null ? heap() : Optional.empty();
                gcLogFrom = gcLogSize();
                start = System.nanoTime();
                if (note == null) {
                    clients.subscriber(settings.name("sub"), channel, tracker);
                    note = awaitDrained(tracker, n / 2, n);
                    if (note == null) {
                        draining = heap();
                        note = awaitDrained(tracker, n, n);
                    }
                }
                end = System.nanoTime();
            }
            Double peak = peakHeapMib(gcLogFrom);
            Optional<Long> after = note == null ? heap() : Optional.empty();
            double seconds = (end - start) / 1e9;
            double perSecond = n / seconds;
            return new Result(settings, null, null, tracker.received(), n - tracker.received(), tracker.duplicates(),
                    tracker.outOfOrder(), clients.refused() + outcomes.refused() + tracker.wrong(), seconds, perSecond,
                    perSecond * settings.size() / 1e6, null, null, null, null, null, note,
                    new Result.HubHeap(mib(filled), mib(draining), peak, mib(after)));
        }
    }

    /** Queues the messages, at most a window of outcomes awaited. @return null, or why it stopped */
    private String fill(BroadcastTcpClient publisher, Flow.Outcomes outcomes, String channel, SeqIds ids,
                        BenchPayload payload, long n) {
        Stall stall = new Stall();
        for (long seq = 0; seq < n; seq++) {
            while (seq - outcomes.answered() >= settings.window()) {
                if (stall.stalled(outcomes.answered())) {
                    return "stalled while queueing, after " + seq + " of " + n + " messages sent";
                }
                LockSupport.parkNanos(PARK_NANOS);
            }
            publisher.sendMessage(BroadcastMessage.builder().id(ids.id(seq)).channel(channel).data(payload.data())
                    .persistent(true).build());
        }
        while (outcomes.answered() < n) {
            if (stall.stalled(outcomes.answered())) {
                return "stalled while queueing: " + outcomes.answered() + " of " + n + " outcomes";
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
        return outcomes.refused() == 0 ? null : outcomes.refused() + " of " + n + " messages were refused by the hub "
                + "(a bound of its store? see the store's max-queue-messages)";
    }

    /** Waits until {@code target} of the {@code n} messages are in. @return null, or why it stopped */
    private static String awaitDrained(SeqTracker tracker, long target, long n) {
        Stall stall = new Stall();
        while (tracker.received() < target) {
            if (stall.stalled(tracker.received() + tracker.duplicates())) {
                return "stalled: " + tracker.received() + " of " + n + " messages of the backlog received";
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
        return null;
    }

    private Optional<Long> heap() {
        return hubPid < 0 ? Optional.empty() : HubProcess.heapKibAfterGc(hubPid);
    }

    private static Double mib(Optional<Long> kib) {
        return kib.map(k -> k / 1024.0).orElse(null);
    }

    private long gcLogSize() {
        try {
            return gcLog == null ? 0 : Files.size(gcLog);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The most heap in use before a collection, from the GC log written since {@code from}; null without one. */
    private Double peakHeapMib(long from) {
        if (gcLog == null) {
            return null;
        }
        try {
            byte[] all = Files.readAllBytes(gcLog);
            return peakMib(new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                    java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    /** The largest "before" figure of the collections in a {@code -Xlog:gc} text, in MiB; null when none. */
    static Double peakMib(String log) {
        double peak = -1;
        Matcher m = GC_LINE.matcher(log);
        while (m.find()) {
            peak = Math.max(peak, toMib(Long.parseLong(m.group(3)), m.group(4)));
        }
        return peak < 0 ? null : peak;
    }

    private static double toMib(long value, String unit) {
        return switch (unit) {
            case "K" -> value / 1024.0;
            case "G" -> value * 1024.0;
            default -> value;
        };
    }

    /** No progress for {@link Flow#STALL_NANOS}. */
    private static final class Stall {
        private long last = -1;
        private long since = System.nanoTime();

        boolean stalled(long progress) {
            long now = System.nanoTime();
            if (progress != last) {
                last = progress;
                since = now;
                return false;
            }
            return now - since > Flow.STALL_NANOS;
        }
    }
}
