package broadcast.cli.internal;

import sun.misc.Signal;

import java.util.List;

/**
 * SIGINT and SIGTERM as a request to stop: the command closes what it holds (the hub flushes and
 * closes its store) and exits with its own status, instead of the JVM's 130 or 143. Stateless.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Runs the action on SIGINT and SIGTERM (on the JVM's signal thread; it must not block).
     * Where a signal cannot be handled (the JVM runs with {@code -Xrs}), the JVM's default stays.
     */
    static void onStop(Runnable action) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                // the default handling (exit through the shutdown hooks) stays
            }
        }
    }
}
