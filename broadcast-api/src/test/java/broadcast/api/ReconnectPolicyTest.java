package broadcast.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconnectPolicyTest {

    private static final int SAMPLES = 300;

    @Test
    void defaults() {
        ReconnectPolicy p = ReconnectPolicy.defaults();

        assertEquals(Duration.ofMillis(100), p.initialDelay());
        assertEquals(Duration.ofSeconds(5), p.maxDelay());
        assertEquals(0, p.maxAttempts());
        assertEquals("ReconnectPolicy[initialDelay=PT0.1S, maxDelay=PT5S, maxAttempts=unlimited]", p.toString());
    }

    @Test
    void theDelayIsJitteredBetweenZeroAndTheDoublingBoundCappedAtTheMaximum() {
        ReconnectPolicy p = ReconnectPolicy.of(Duration.ofMillis(100), Duration.ofSeconds(5), 0);

        for (int attempt = 1; attempt <= 70; attempt++) {
            Duration bound = attempt > 20 ? Duration.ofSeconds(5)
                    : Duration.ofMillis(Math.min(5_000, 100L << (attempt - 1)));
            Duration largest = Duration.ZERO;
            Duration smallest = bound;
            for (int i = 0; i < SAMPLES; i++) {
                Duration d = p.delay(attempt);
                assertFalse(d.isNegative(), "attempt " + attempt + ": " + d);
                assertTrue(d.compareTo(bound) <= 0, "attempt " + attempt + ": " + d + " above " + bound);
                largest = d.compareTo(largest) > 0 ? d : largest;
                smallest = d.compareTo(smallest) < 0 ? d : smallest;
            }
            // full jitter: spread over the whole range, not stuck at one end
            assertTrue(largest.compareTo(bound.dividedBy(2)) > 0, "attempt " + attempt + " largest " + largest);
            assertTrue(smallest.compareTo(bound.dividedBy(2)) < 0, "attempt " + attempt + " smallest " + smallest);
        }
    }

    @Test
    void hugeDelaysDoNotOverflow() {
        ReconnectPolicy p = ReconnectPolicy.of(Duration.ofDays(365L * 1000), Duration.ofDays(365L * 2000), 0);

        for (int attempt : new int[] {1, 2, 40, Integer.MAX_VALUE}) {
            assertFalse(p.delay(attempt).isNegative());
        }
    }

    @Test
    void anAttemptStartsAtOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.defaults().delay(0));
        assertEquals("attempt must be 1 or more, was 0", e.getMessage());
    }

    @Test
    void attemptsAreLimitedOnlyWhenAskedTo() {
        ReconnectPolicy three = ReconnectPolicy.of(Duration.ofMillis(10), Duration.ofMillis(10), 3);

        assertTrue(three.allows(1));
        assertTrue(three.allows(3));
        assertFalse(three.allows(4));
        assertTrue(ReconnectPolicy.defaults().allows(Integer.MAX_VALUE));
        assertEquals("ReconnectPolicy[initialDelay=PT0.01S, maxDelay=PT0.01S, maxAttempts=3]", three.toString());
    }

    @Test
    void badValuesAreRefusedByName() {
        assertMessage("reconnect initialDelay must be positive, was PT0S",
                () -> ReconnectPolicy.of(Duration.ZERO, Duration.ofSeconds(1), 0));
        assertMessage("reconnect maxDelay must be positive, was PT-1S",
                () -> ReconnectPolicy.of(Duration.ofSeconds(1), Duration.ofSeconds(-1), 0));
        assertMessage("reconnect maxDelay must be at least initialDelay (PT1S), was PT0.5S",
                () -> ReconnectPolicy.of(Duration.ofSeconds(1), Duration.ofMillis(500), 0));
        assertMessage("reconnect maxAttempts must be 0 (no limit) or more, was -1",
                () -> ReconnectPolicy.of(Duration.ofSeconds(1), Duration.ofSeconds(1), -1));
        assertEquals("reconnect initialDelay",
                assertThrows(NullPointerException.class, () -> ReconnectPolicy.of(null, Duration.ofSeconds(1), 0)).getMessage());
    }

    private static void assertMessage(String expected, Runnable r) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, r::run).getMessage());
    }
}
