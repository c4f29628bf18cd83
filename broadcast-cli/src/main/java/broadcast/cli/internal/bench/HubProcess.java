package broadcast.cli.internal.bench;

import broadcast.cli.internal.CliException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code broadcast server} in a child JVM on this JVM's module path, so that its memory is the
 * hub's alone: read from {@code /proc/PID/status} (resident set) and with {@code jcmd} (heap
 * after a full GC). Its heap has a fixed size and is touched at start ({@value #HEAP_OPTIONS}), so
 * that the resident set grows by what the hub holds outside the heap, not by the heap's own
 * resizing: the hub's memory per client is the growth of the heap in use plus that of the
 * resident set. Stopped with SIGTERM. Not thread-safe.
 */
final class HubProcess implements AutoCloseable {

    private static final String LISTENING = "broadcast hub listening on ";
    private static final String EPOLL = "io.netty.transport.epoll.linux.x86_64";
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    /** JVM options of the hub process. */
    static final String HEAP_OPTIONS = "-Xms256m -Xmx256m -XX:+AlwaysPreTouch";

    private final Process process;
    private final int port;
    /** Stops the hub if this JVM exits first (Ctrl-C on the benchmark). */
    private final Thread stopOnExit;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        this.stopOnExit = new Thread(process::destroyForcibly, "broadcast-bench-hub-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts a hub on a free loopback port and waits until it listens.
     *
     * @param serverOptions more options of {@code broadcast server} (the store)
     * @throws CliException if it does not start
     */
    static HubProcess start(List<String> serverOptions) {
        return start(List.of(), serverOptions);
    }

    /**
     * Starts a hub with more JVM options (after {@value #HEAP_OPTIONS}) on a free loopback port,
     * and waits until it listens.
     *
     * @param jvmOptions more options of the hub's JVM (a GC log)
     * @param serverOptions more options of {@code broadcast server} (the store)
     * @throws CliException if it does not start
     */
    static HubProcess start(List<String> jvmOptions, List<String> serverOptions) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null || modulePath.isBlank()) {
            throw new CliException("cannot start a hub process: this JVM has no module path (run bin/broadcast)");
        }
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(HEAP_OPTIONS.split(" ")));
        command.addAll(jvmOptions);
        command.addAll(List.of("--module-path", modulePath));
        if (ModuleLayer.boot().findModule(EPOLL).isPresent()) {
            command.addAll(List.of("--add-modules", EPOLL));
        }
        command.addAll(List.of("-m", "broadcast.cli/broadcast.cli.Main", "server", "--host", "127.0.0.1",
                "--port", "0", "--log-level", "WARN"));
        command.addAll(serverOptions);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new CliException("cannot start a hub process: " + e.getMessage(), e);
        }
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> firstLine(process));
        try {
            String line = first.get(60, TimeUnit.SECONDS);
            if (line == null || !line.startsWith(LISTENING)) {
                throw new IllegalStateException("it printed " + line);
            }
            return new HubProcess(process, Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new CliException("the hub process did not start: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Process process) {
        try {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The resident set of a process, in KiB, from {@code /proc/PID/status}; empty where there is none. */
    static Optional<Long> rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no /proc (not Linux), or the process is gone
        }
        return Optional.empty();
    }

    /**
     * The heap in use after a full GC, in KiB: {@code jcmd PID GC.run}, then {@code GC.heap_info}
     * (the sum of the "used" figures of the heap's spaces). Empty when jcmd is missing or fails.
     */
    static Optional<Long> heapKibAfterGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Optional.empty();
        }
        try {
            run(jcmd, pid, "GC.run");
            String info = run(jcmd, pid, "GC.heap_info");
            long used = 0;
            boolean found = false;
            for (String line : info.split("\n")) {
                if (line.trim().startsWith("Metaspace") || line.trim().startsWith("class space")) {
                    continue;
                }
                Matcher m = USED.matcher(line);
                if (m.find() && !line.trim().startsWith("region size")) {
                    used += Long.parseLong(m.group(1));
                    found = true;
                }
            }
            return found ? Optional.of(used) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String run(Path jcmd, long pid, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    /** SIGTERM, as a user stops the hub; SIGKILL if it does not end in time. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
