package broadcast.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A main class of these tests in a child JVM, with this run's class path minus the entries a test
 * leaves out (a codec module "not on the path"), and its configuration in environment variables,
 * as a user would start it. Its standard output is read line by line; its standard error goes to a
 * log file. {@link #kill()} is {@code kill -9}.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readLines, "child-jvm-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} in a child JVM.
     *
     * @param leftOut class path entries (jars or folders) not to give it
     */
    static ChildJvm start(Class<?> main, Set<Path> leftOut, List<String> jvmOptions, Map<String, String> environment,
                          Path logDir, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(leftOut), main.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(logDir, main.getSimpleName() + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().keySet().removeIf(k -> k.contains("BROADCAST_"));
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start(), log);
    }

    /** This test run's class path (Surefire's, not its booter jar), without the entries left out. */
    static String classPath(Set<Path> leftOut) {
        String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : all.split(File.pathSeparator)) {
            if (!entry.isBlank() && !leftOut.contains(Path.of(entry).toAbsolutePath())) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** The next line of its output that starts with {@code prefix}, skipping the others. */
    String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("no line starting with \"" + prefix + "\" from the child JVM within "
                        + timeout.toMillis() + " ms (alive: " + process.isAlive() + "); its log:\n" + log());
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM " + process.pid() + " did not end after SIGKILL");
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
