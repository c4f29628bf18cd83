package broadcast.cli.internal.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for a run that takes more than a second, redrawn four times a second
 * on one line ({@code \r}) and erased at the end. Runs on a daemon thread of its own. Thread-safe.
 */
final class Progress implements AutoCloseable {

    private static final long SHOW_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long REDRAW_MILLIS = 250;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final LongSupplier done;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean shown;

    private Progress(PrintWriter err, String label, long total, LongSupplier done, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = Math.max(1, total);
        this.done = done;
        this.thread = new Thread(this::loop, "broadcast-bench-progress");
        thread.setDaemon(true);
        if (enabled) {
            thread.start();
        }
    }

    /**
     * Whether this process's stderr is a terminal, where a bar redrawn with {@code \r} reads well
     * (in a file or a pipe it would not). Linux: where {@code /proc/self/fd/2} points; elsewhere,
     * whether the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** Starts a bar for a run of {@code total} steps, of which {@code done} are done. */
    static Progress start(PrintWriter err, String label, long total, LongSupplier done, boolean enabled) {
        return new Progress(err, label, total, done, enabled);
    }

    private void loop() {
        long start = System.nanoTime();
        try {
            while (running) {
                Thread.sleep(REDRAW_MILLIS);
                if (running && System.nanoTime() - start > SHOW_AFTER_NANOS) {
                    draw();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        if (!running) {
            return;
        }
        shown = true;
        err.print("\r" + line(label, Math.min(total, done.getAsLong()), total));
        err.flush();
    }

    static String line(String label, long done, long total) {
        int filled = (int) (WIDTH * done / total);
        return String.format(Locale.ROOT, "%-12s [%s%s] %3d%%  %,d/%,d", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), 100 * done / total, done, total);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        synchronized (this) {
            if (shown) {
                err.print("\r" + " ".repeat(line(label, total, total).length()) + "\r");
                err.flush();
            }
        }
    }
}
