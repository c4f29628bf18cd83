package broadcast.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code broadcast ARGS} as a real process: {@code java -m broadcast.cli/broadcast.cli.Main} on
 * this JVM's module path (the built module and its dependencies; no Maven run). Its stdout and
 * stderr are read into lines as they come. Thread-safe.
 */
final class CommandProcess implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private CommandProcess(Process process) {
        this.process = process;
        this.outReader = reader(process.getInputStream(), out, "stdout");
        this.errReader = reader(process.getErrorStream(), err, "stderr");
    }

    static CommandProcess start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String modulePath = System.getProperty("jdk.module.path");
        // C1 only and the serial GC: these short runs start faster and take less of a shared machine
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--module-path", modulePath));
        command.addAll(List.of("-m", "broadcast.cli/broadcast.cli.Main"));
        command.addAll(List.of(args));
        return new CommandProcess(new ProcessBuilder(command).start());
    }

    private Thread reader(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        }, "command-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Writes to the process's stdin and closes it. */
    void input(String text) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Waits for {@code n} lines on stdout. */
    List<String> awaitOut(int n) throws InterruptedException {
        return await(out, n, "stdout");
    }

    /** Waits for a line on stderr that contains the text. */
    synchronized void awaitErr(String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (err.stream().noneMatch(l -> l.contains(text))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no \"" + text + "\" on stderr within " + WAIT + "; " + this);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized List<String> await(List<String> lines, int n, String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (lines.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(n + " lines on " + name + " expected within " + WAIT + "; " + this);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(lines);
    }

    /** Waits for the process to end, and for the rest of its output. @return its exit status */
    int exit() throws InterruptedException {
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after " + WAIT + "; " + this);
        }
        outReader.join(WAIT.toMillis());
        errReader.join(WAIT.toMillis());
        return process.exitValue();
    }

    synchronized List<String> out() {
        return List.copyOf(out);
    }

    synchronized List<String> err() {
        return List.copyOf(err);
    }

    /**
     * SIGTERM. Through the process handle: {@code Process.destroy()} would also close this side
     * of the pipes, and what the process prints while it stops would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    @Override
    public synchronized String toString() {
        return "stdout " + out + ", stderr " + err;
    }
}
