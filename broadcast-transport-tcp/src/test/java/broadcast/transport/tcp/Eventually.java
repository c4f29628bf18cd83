package broadcast.transport.tcp;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline (never a fixed sleep as synchronisation). */
final class Eventually {

    static final Duration DEFAULT = Duration.ofSeconds(10);

    private Eventually() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT, () -> what);
    }

    static void until(BooleanSupplier condition, Supplier<String> what) {
        until(condition, DEFAULT, what);
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(2_000_000);
        }
    }
}
