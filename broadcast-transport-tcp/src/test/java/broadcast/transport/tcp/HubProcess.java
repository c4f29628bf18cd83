package broadcast.transport.tcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link HubMain} in a child JVM, started with this JVM's module path and class path (on the
 * class path there, with the test classes), and killed like {@code kill -9}.
 */
final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;
    final String transport;

    private HubProcess(Process process, int port, Path log, String transport) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.transport = transport;
    }

    static HubProcess start(int port, Path logDir) throws IOException, InterruptedException {
        return start(logDir, List.of(), Integer.toString(port));
    }

    /** A hub process with extra JVM options and {@link HubMain}'s arguments. */
    static HubProcess start(Path logDir, List<String> jvmOptions, String... args) throws IOException,
            InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), HubMain.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(logDir, "hub-", ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.offer(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "hub-process-stdout");
        reader.setDaemon(true);
        reader.start();
        String transport = lines.poll(30, TimeUnit.SECONDS);
        String line = lines.poll(30, TimeUnit.SECONDS);
        if (transport == null || line == null || !line.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the hub process did not start: " + transport + " / " + line + "\n"
                    + Files.readString(log));
        }
        for (int i = 1; i < args.length; i++) {
            String more = lines.poll(30, TimeUnit.SECONDS);
            if (more == null || !more.startsWith("LISTENING ")) {
                process.destroyForcibly();
                throw new IllegalStateException("the hub process did not listen on " + args[i] + "\n" + Files.readString(log));
            }
        }
        return new HubProcess(process, Integer.parseInt(line.substring("LISTENING ".length())), log,
                transport.substring("TRANSPORT ".length()));
    }

    /** This JVM's module path and class path, and the compiled classes, as one class path. */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        entries.add(base.resolve("target/test-classes").toString());
        entries.add(base.resolve("target/classes").toString());
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                for (String entry : value.split(java.io.File.pathSeparator)) {
                    if (!entry.isBlank()) {
                        entries.add(entry);
                    }
                }
            }
        }
        return String.join(java.io.File.pathSeparator, new ArrayList<>(entries));
    }

    int port() {
        return port;
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no flush, nothing. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        kill();
    }
}
