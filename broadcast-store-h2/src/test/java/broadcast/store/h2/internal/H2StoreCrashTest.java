package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a real process ({@link CrashWriter}) with SIGKILL while it appends, and checks on the
 * file that every message it reported durable is there, in order, once.
 */
class H2StoreCrashTest {

    private static final int COUNT = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryDurableMessageAfterAKill() throws Exception {
        Path path = dir.resolve("store");
        int killAfter = ThreadLocalRandom.current().nextInt(1_000, 10_000);
        Process writer = start(path);
        Report report = new Report();
        try (BufferedReader lines = reader(writer)) {
            assertEquals("ready", lines.readLine());
            StoreException inUse = assertThrows(StoreException.class, () -> Stores.open(path).close());
            assertTrue(inUse.getMessage().contains("in use"), inUse.getMessage());
            String line;
            while ((line = lines.readLine()) != null) {
                report.add(line);
                if (report.durable.size() >= killAfter) {
                    writer.destroyForcibly();
                    break;
                }
            }
            // destroying the process closes its output: what it printed after this is not counted
            assertTrue(writer.waitFor(60, TimeUnit.SECONDS), "the writer did not end");
        }
        assertFalse(report.closed, "the writer finished before it was killed; kill it earlier");
        verify(path, report, false);
    }

    @Test
    void shouldKeepEveryMessageAfterANormalClose() throws Exception {
        Path path = dir.resolve("store");
        Process writer = start(path);
        Report report = new Report();
        try (BufferedReader lines = reader(writer)) {
            String line;
            while ((line = lines.readLine()) != null) {
                report.add(line);
            }
        }
        assertEquals(0, writer.waitFor());
        assertTrue(report.closed);
        assertEquals(COUNT, report.durable.size());
        verify(path, report, true);
    }

    /**
     * Every durable message is in each of its queues unless acknowledged there, in order, once;
     * after a normal close, no acknowledged one is left.
     */
    private static void verify(Path path, Report report, boolean closed) {
        try (MessageStore store = Stores.open(path)) {
            for (QueueKey queue : List.of(CrashWriter.A, CrashWriter.B)) {
                List<Integer> found = readAll(store, queue);
                Set<Integer> unique = new HashSet<>(found);
                assertEquals(found.size(), unique.size(), queue + " holds a message twice");
                for (int k = 1; k < found.size(); k++) {
                    assertTrue(found.get(k - 1) < found.get(k), queue + " out of order at " + found.get(k));
                }
                for (int i : report.durable) {
                    if (CrashWriter.queuesOf(i).contains(queue) && !(queue.equals(CrashWriter.A) && report.acked.contains(i))) {
                        assertTrue(unique.contains(i), queue + " lost durable message " + CrashWriter.id(i));
                    }
                }
                for (int i : found) {
                    assertTrue(CrashWriter.queuesOf(i).contains(queue), queue + " holds a message of another queue");
                    assertFalse(closed && queue.equals(CrashWriter.A) && report.acked.contains(i),
                            queue + " still holds acknowledged " + CrashWriter.id(i) + " after a close");
                }
            }
        }
    }

    private static List<Integer> readAll(MessageStore store, QueueKey queue) {
        List<Integer> ids = new ArrayList<>();
        long after = 0;
        List<QueuedMessage> page;
        while (!(page = store.read(queue, after, 500)).isEmpty()) {
            for (QueuedMessage m : page) {
                ids.add(Integer.parseInt(m.message().id().substring(1)));
                after = m.sequence();
            }
        }
        return ids;
    }

    private static Process start(Path path) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath(),
                CrashWriter.class.getName(), path.toString(), Integer.toString(COUNT));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    /** The test's own classes and everything on its module path and class path, for a plain class-path JVM. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.add(value);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** What the writer printed. */
    private static final class Report {
        final Set<Integer> durable = new HashSet<>();
        final Set<Integer> acked = new HashSet<>();
        boolean closed;

        void add(String line) {
            if (line.startsWith("durable m")) {
                String[] words = line.split(" ");
                int i = Integer.parseInt(words[1].substring(1));
                durable.add(i);
                if (words.length > 2) {
                    acked.add(i);
                }
            } else if (line.equals("closed")) {
                closed = true;
            }
        }
    }
}
