package broadcast.api.internal.store;

import broadcast.api.contract.MessageStoreContract;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.OverflowPolicy;
import broadcast.api.spi.Providers;
import broadcast.api.spi.StoreLimits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory store passes the store contract, opened by name as users open it. */
class MemoryStoreTest extends MessageStoreContract {

    @Override
    protected MessageStore open(Map<String, String> settings) {
        return Providers.installed().store("memory", settings);
    }

    @Test
    void isNotDurable() {
        assertFalse(durable());
    }

    @Test
    void hasGenerousDefaultLimitsAndRejectsNewByDefault() {
        StoreLimits d = MemoryStoreProvider.DEFAULT_LIMITS;
        assertEquals(OverflowPolicy.REJECT_NEW, d.overflow());
        assertEquals(Duration.ZERO, d.retention());
        assertTrue(d.maxQueueMessages() >= 10_000 && d.maxTotalMessages() >= d.maxQueueMessages(), d.toString());
        assertTrue(d.maxTotalBytes() >= d.maxQueueBytes(), d.toString());
    }

    @Test
    void refusesAnUnknownSettingListingTheSupportedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(Map.of("path", "/tmp/x")));
        assertEquals("store \"memory\" has no setting path; supported settings: [max-queue-bytes, "
                + "max-queue-messages, max-total-bytes, max-total-messages, overflow, retention]", e.getMessage());
    }

    @Test
    void refusesABadLimitNamingTheStoreTheKeyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(Map.of("max-queue-bytes", "lots")));
        assertTrue(e.getMessage().startsWith("store \"memory\" setting max-queue-bytes must be a size in bytes"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("was \"lots\""), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> open(Map.of("overflow", "drop-newest")));
        assertEquals("store \"memory\" setting overflow must be reject-new or drop-oldest, was \"drop-newest\"",
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> open(Map.of("max-total-messages", "0")));
        assertEquals("store \"memory\" setting max-total-messages must be positive, was \"0\"", e.getMessage());
    }
}
