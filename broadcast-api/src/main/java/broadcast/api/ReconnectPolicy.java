package broadcast.api;

import broadcast.api.internal.Checks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a client retries after a lost connection: exponential backoff with full jitter. Attempt
 * {@code n} (from 1) waits a random time between zero and
 * {@code min(maxDelay, initialDelay * 2^(n-1))}; the first retry is therefore fast. Immutable and
 * thread-safe.
 *
 * <p>Defaults: initial delay {@value #DEFAULT_INITIAL_DELAY_MS} ms, maximum delay
 * {@value #DEFAULT_MAX_DELAY_MS} ms, unlimited attempts ({@code maxAttempts} 0).
 */
public final class ReconnectPolicy {

    /** Default initial delay, in milliseconds: {@value}. */
    public static final long DEFAULT_INITIAL_DELAY_MS = 100;
    /** Default maximum delay, in milliseconds: {@value}. */
    public static final long DEFAULT_MAX_DELAY_MS = 5_000;

    private static final ReconnectPolicy DEFAULT = new ReconnectPolicy(
            Duration.ofMillis(DEFAULT_INITIAL_DELAY_MS), Duration.ofMillis(DEFAULT_MAX_DELAY_MS), 0);

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final int maxAttempts;

    private ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
    }

    /** The default policy. */
    public static ReconnectPolicy defaults() {
        return DEFAULT;
    }

    /**
     * A policy.
     *
     * @param initialDelay the upper bound of the first wait; positive
     * @param maxDelay the cap of every wait; at least {@code initialDelay}
     * @param maxAttempts how many attempts in a row before the client gives up and closes; 0 for no limit
     * @throws IllegalArgumentException if a value is out of range (the message names it)
     */
    public static ReconnectPolicy of(Duration initialDelay, Duration maxDelay, int maxAttempts) {
        Checks.positive("reconnect initialDelay", initialDelay);
        Checks.positive("reconnect maxDelay", maxDelay);
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("reconnect maxDelay must be at least initialDelay (" + initialDelay
                    + "), was " + maxDelay);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("reconnect maxAttempts must be 0 (no limit) or more, was " + maxAttempts);
        }
        return new ReconnectPolicy(initialDelay, maxDelay, maxAttempts);
    }

    /** The upper bound of the first wait. */
    public Duration initialDelay() {
        return initialDelay;
    }

    /** The cap of every wait. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** Attempts in a row before giving up; 0 for no limit. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether the given attempt (from 1) may still be made. */
    public boolean allows(int attempt) {
        return maxAttempts == 0 || attempt <= maxAttempts;
    }

    /**
     * The wait before the given attempt (from 1), jittered: between zero and
     * {@code min(maxDelay, initialDelay * 2^(attempt-1))}, both included.
     *
     * @throws IllegalArgumentException if the attempt is below 1
     */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, was " + attempt);
        }
        long bound = boundNanos(attempt);
        long nanos = bound == Long.MAX_VALUE
                ? ThreadLocalRandom.current().nextLong(bound)
                : ThreadLocalRandom.current().nextLong(bound + 1);
        return Duration.ofNanos(nanos);
    }

    /** The largest wait before the given attempt, in nanoseconds. */
    private long boundNanos(int attempt) {
        long initial = saturatedNanos(initialDelay);
        long cap = saturatedNanos(maxDelay);
        int shift = Math.min(attempt - 1, 62);
        return initial > (cap >> shift) ? cap : initial << shift;
    }

    private static long saturatedNanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    @Override
    public String toString() {
        return "ReconnectPolicy[initialDelay=" + initialDelay + ", maxDelay=" + maxDelay + ", maxAttempts="
                + (maxAttempts == 0 ? "unlimited" : maxAttempts) + "]";
    }
}
