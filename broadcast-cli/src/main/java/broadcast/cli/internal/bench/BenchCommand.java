package broadcast.cli.internal.bench;

import broadcast.api.BroadcastConfig;
import broadcast.cli.internal.CliException;
import broadcast.cli.internal.ConnectionOptions;
import broadcast.cli.internal.Endpoint;
import broadcast.cli.internal.Logging;
import broadcast.cli.internal.Options;
import broadcast.cli.internal.Status;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code broadcast bench}: the end-to-end workloads, their figures and their checks. Not thread-safe. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measure a hub end to end.",
        description = {"Runs the WORKLOADs (the first six, in this order, when none is given) against a hub started "
                + "in this process for each workload, or against a running hub when --host, --port or --socket is "
                + "given, and prints a table (or, with --json, one JSON object per workload per line).",
                "Each workload (but connections and backlog) first sends a warm-up that is not measured.",
                "  fanout       1 publisher -> 4 subscribers on one channel, 200,000 x 128 B, transient; msgs/s "
                + "counts every subscriber's copy",
                "  stream       1 -> 1, 500,000 x 128 B, transient",
                "  latency      ping-pong round trips, one at a time: 20,000 after 2,000 of warm-up, 128 B; "
                + "p50/p99/p99.9",
                "  large        1 -> 1, 10,000 x 64 KiB, transient; MB/s",
                "  connections  2,000 idle clients, each subscribed to a channel; the hub's memory per client: "
                + "the growth of its heap in use after a full GC, and of its resident set. Without --host/--port "
                + "the hub runs as a child process with a fixed, pre-touched heap (" + HubProcess.HEAP_OPTIONS
                + "), so that the resident set grows by what the hub holds outside the heap; with a running hub "
                + "give its --hub-pid",
                "  durable      persistent 1 -> 1 through the store, 100,000 x 128 B, the publisher waiting for "
                + "outcomes with a window of 1,000",
                "  backlog      (only when named) 1,000,000 x 128 B persistent messages (100,000 with the memory "
                + "store, its default bound) queued on a channel nobody subscribes to, then drained to a new "
                + "subscriber; msgs/s of the drain, and the hub's heap in MiB after a full GC half-way through the "
                + "drain and at the end (JSON also: hub_heap_mib_filled, once queued, and _peak, the most in use "
                + "after any collection during the drain). Without --host/--port the hub runs as a child process "
                + "with " + HubProcess.HEAP_OPTIONS + " and a GC log; with a running hub give its --hub-pid for the "
                + "heap after a GC",
                "  soak         (only when named) 2,000 clients (--clients) connected to a hub in a child process for "
                + "--duration seconds: --publishers of them send a transient and a persistent message every "
                + Soak.TICK_MS + " ms, " + Soak.CHECKERS + " subscribers check every persistent message, one "
                + "subscriber is frozen (reads nothing), one client reconnects in a loop; the hub's heap after a "
                + "full GC and its resident set are sampled: the heap must stay flat and no persistent message may "
                + "be lost",
                "Every run checks what it measures: each subscriber must receive each message exactly once and "
                + "in order, and no message may be refused; a run that fails a check (or stalls for 10 s) is "
                + "reported as FAILED, never as fast. Message ids carry the sequence numbers; the payload is "
                + "built once.",
                "Exit status: 0 when every check passed; 2 when one failed; 1 on a usage or connection error."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--count", paramLabel = "N",
            description = "Messages per workload (round trips for latency) instead of its default.")
    private Long count;

    @Option(names = "--clients", paramLabel = "N", description = "Idle clients of connections (default 2,000).")
    private Long clients;

    @Option(names = "--size", paramLabel = "BYTES",
            description = "Payload size instead of the workload's default (128 B; 64 KiB for large), e.g. 1024, "
                    + "16KiB.")
    private String size;

    @Option(names = "--subscribers", paramLabel = "N", description = "Subscribers of fanout (default 4).")
    private Integer subscribers;

    @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "json",
            description = "Codec of every client: json, protobuf or kryo (default ${DEFAULT-VALUE}).")
    private String codec;

    @Option(names = "--payload", paramLabel = "KIND", defaultValue = "BYTES",
            description = "BYTES: a byte[] of --size bytes, which no codec touches; MAP: a price tick as a Map whose "
                    + "JSON is --size bytes, which the codec encodes for each message and each subscriber decodes "
                    + "(default ${DEFAULT-VALUE}).")
    private BenchPayload.Kind payload;

    @Option(names = "--store", paramLabel = "STORE", defaultValue = "memory",
            description = "Store of the in-process hub: memory or h2 (default ${DEFAULT-VALUE}; h2 in a temporary "
                    + "folder unless --store-path is given).")
    private String store;

    @Option(names = "--store-path", paramLabel = "PATH", description = "The store's file, for h2.")
    private String storePath;

    @ArgGroup(exclusive = true)
    private Persistence persistence;

    @Option(names = "--window", paramLabel = "N",
            description = "Most messages in flight: sent and not yet received by every subscriber (and, when "
                    + "persistent, not yet answered by the hub). Default: 1,000 for durable; otherwise 8 MiB worth "
                    + "of messages, at most 10,000.")
    private Integer window;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Messages (round trips for latency) sent first and not measured, while the JIT compiles "
                    + "the code: default 2,000 for latency, a tenth of --count for the others.")
    private Long warmup;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long the soak runs (default ${DEFAULT-VALUE}).")
    private double duration;

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "200",
            description = "Publishing clients of the soak (default ${DEFAULT-VALUE}).")
    private int publishers;

    @Option(names = "--hub-pid", paramLabel = "PID",
            description = "Process id of the running hub, for the memory figures of connections.")
    private Long hubPid;

    @Option(names = "--json", description = "Print one JSON object per workload per line instead of the table.")
    private boolean json;

    @Option(names = "--no-progress",
            description = "No progress bar on stderr (there is none when stderr is not a terminal).")
    private boolean noProgress;

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*",
            description = "fanout, stream, latency, large, connections, durable (default: these six), soak, backlog.")
    private List<String> workloads = new ArrayList<>();

    /** {@code --transient} or {@code --persistent}. */
    static final class Persistence {
        @Option(names = "--transient", required = true,
                description = "Transient messages for fanout, stream, latency and large (their default).")
        boolean transientMessages;

        @Option(names = "--persistent", required = true,
                description = "Persistent messages for fanout, stream, latency and large (durable always is).")
        boolean persistentMessages;
    }

    @Override
    public Integer call() {
        List<Workload> chosen = workloads();
        Endpoint endpoint = connection.endpoint();
        String tag = tag();
        List<Settings> runs = new ArrayList<>();
        for (Workload w : chosen) {
            runs.add(settings(w, tag));
        }
        Logging.configure(Logging.LogLevel.WARN);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Result> results = new ArrayList<>();
        if (!json) {
            out.println(ResultFormat.header());
            out.flush();
        }
        for (Settings s : runs) {
            Result r = run(s, endpoint, err);
            results.add(r);
            out.println(json ? ResultFormat.json(r) : ResultFormat.row(r));
            out.flush();
        }
        if (!json) {
            ResultFormat.notes(results).forEach(out::println);
            out.flush();
        }
        return results.stream().allMatch(Result::ok) ? Status.OK : Status.NOT_DELIVERED;
    }

    private Result run(Settings s, Endpoint endpoint, PrintWriter err) {
        boolean progress = !noProgress && Progress.stderrIsTerminal();
        if (endpoint.given()) {
            BroadcastConfig.Builder base = BroadcastConfig.builder();
            endpoint.applyTo(base, BroadcastConfig.defaults());
            BenchHub hub = BenchHub.running(base.build());
            if (s.workload() == Workload.BACKLOG) {
                return new Backlog(s, hub, hubPid == null ? -1 : hubPid, null, err, progress).run().at(hub.describe(), null);
            }
            if (s.workload() == Workload.CONNECTIONS) {
                long pid = hubPid == null ? -1 : hubPid;
                return new IdleClients(s, hub.clientConfig(s.codec()), pid, err, progress).run().at(hub.describe(), null);
            }
            return runOn(s, hub, err, progress).at(hub.describe(), null);
        }
        if (s.workload() == Workload.SOAK) {
            return soak(s, err);
        }
        if (s.workload() == Workload.BACKLOG) {
            return backlogOnChildHub(s, err, progress);
        }
        if (s.workload() == Workload.CONNECTIONS) {
            List<String> storeOptions = new ArrayList<>(List.of("--store", store));
            if (storePath != null) {
                storeOptions.addAll(List.of("--store-path", storePath));
            }
            try (HubProcess hub = HubProcess.start(storeOptions)) {
                BroadcastConfig.Builder config = BroadcastConfig.builder().host("127.0.0.1").port(hub.port())
                        .codec(s.codec());
                return new IdleClients(s, config, hub.pid(), err, progress).run().at("child process", store);
            }
        }
        try (BenchHub hub = BenchHub.inProcess(store, storePath)) {
            return runOn(s, hub, err, progress).at(hub.describe(), store);
        }
    }

    private Result soak(Settings s, PrintWriter err) {
        Duration time = Options.seconds("--duration", duration);
        int pubs = (int) Options.positive("--publishers", publishers);
        List<String> storeOptions = new ArrayList<>(List.of("--store", store));
        if (storePath != null) {
            storeOptions.addAll(List.of("--store-path", storePath));
        }
        try (HubProcess hub = HubProcess.start(storeOptions)) {
            BroadcastConfig.Builder config = BroadcastConfig.builder().host("127.0.0.1").port(hub.port()).codec(s.codec());
            return new Soak(s, config, hub, pubs, time, err).run().at("child process", store);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    /** The backlog against a hub process of its own, with its store in a temporary folder and a GC log. */
    private Result backlogOnChildHub(Settings s, PrintWriter err, boolean progress) {
        Path temp;
        try {
            temp = Files.createTempDirectory("broadcast-bench-");
        } catch (IOException e) {
            throw new CliException("cannot make a temporary folder for the hub: " + e.getMessage(), e);
        }
        try {
            List<String> storeOptions = new ArrayList<>(List.of("--store", store));
            if (storePath != null) {
                storeOptions.addAll(List.of("--store-path", storePath));
            } else if (!store.equalsIgnoreCase(BroadcastConfig.DEFAULT_STORE)) {
                storeOptions.addAll(List.of("--store-path", temp.resolve("store").toString()));
            }
            Path gcLog = temp.resolve("gc.log");
            try (HubProcess hub = HubProcess.start(List.of("-Xlog:gc:file=" + gcLog), storeOptions)) {
                BenchHub running = BenchHub.running(BroadcastConfig.builder().host("127.0.0.1").port(hub.port()).build());
                return new Backlog(s, running, hub.pid(), gcLog, err, progress).run().at("child process", store);
            }
        } finally {
            BenchHub.deleteTree(temp);
        }
    }

    private static Result runOn(Settings s, BenchHub hub, PrintWriter err, boolean progress) {
        if (s.workload() == Workload.LATENCY) {
            return new PingPong(s, hub, err, progress).run();
        }
        return new Flow(s, hub, err, progress).run();
    }

    private List<Workload> workloads() {
        if (workloads.isEmpty()) {
            return Workload.defaults();
        }
        List<Workload> chosen = new ArrayList<>();
        for (String name : workloads) {
            Workload w = Workload.of(name);
            if (w == null) {
                throw Options.invalid("WORKLOAD", name, "the workloads are fanout, stream, latency, large, "
                        + "connections, durable, soak and backlog");
            }
            chosen.add(w);
        }
        return chosen;
    }

    Settings settings(Workload w, String tag) {
        long n = w == Workload.BACKLOG && store.equalsIgnoreCase(BroadcastConfig.DEFAULT_STORE) ? Workload.MEMORY_BACKLOG
                : w.count;
        if ((w == Workload.CONNECTIONS || w == Workload.SOAK) && clients != null) {
            n = Options.positive("--clients", clients);
        } else if (w != Workload.CONNECTIONS && w != Workload.SOAK && count != null) {
            n = Options.positive("--count", count);
        }
        if (n > Integer.MAX_VALUE - 1) {
            throw Options.invalid(w == Workload.CONNECTIONS ? "--clients" : "--count", n,
                    "it must be at most " + (Integer.MAX_VALUE - 1));
        }
        int bytes = w.size;
        if (size != null) {
            long b = Options.positive("--size", Options.bytes("--size", size));
            if (b > 64 * 1024 * 1024) {
                throw Options.invalid("--size", size, "it must be at most 64MiB");
            }
            bytes = (int) b;
        }
        if (payload == BenchPayload.Kind.MAP && w != Workload.CONNECTIONS) {
            BenchPayload.tick(bytes);
        }
        int subs = w.subscribers;
        if (w == Workload.FANOUT && subscribers != null) {
            subs = (int) Options.positive("--subscribers", subscribers);
        }
        boolean persistent = w == Workload.DURABLE || w == Workload.BACKLOG || (persistence == null ? w.persistent : persistence.persistentMessages);
        int win = window == null ? Settings.defaultWindow(w, bytes) : (int) Options.positive("--window", window);
        long warm = 0;
        if (w != Workload.CONNECTIONS && w != Workload.SOAK && w != Workload.BACKLOG) {
            warm = warmup != null ? warmup : w == Workload.LATENCY ? 2_000 : n / 10;
            if (warm < 0 || warm + n > Integer.MAX_VALUE - 1) {
                throw Options.invalid("--warmup", warmup, "it must be 0 or more, and with --count at most "
                        + (Integer.MAX_VALUE - 1));
            }
        }
        return new Settings(w, n, bytes, subs, persistent, win, warm, payload, codec.toLowerCase(Locale.ROOT), tag);
    }

    private static String tag() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(Character.forDigit(random.nextInt(36), 36));
        }
        return sb.toString();
    }
}
