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

    @Test
    void pagesStayInOrderWhileEntriesLeaveInAnyOrder() {
        try (MessageStore store = open(Map.of())) {
            broadcast.api.spi.QueueKey q = broadcast.api.spi.QueueKey.client("c");
            java.util.TreeMap<Long, String> model = new java.util.TreeMap<>();
            java.util.Random random = new java.util.Random(7);
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 1 + random.nextInt(60); i++) {
                    String id = "m" + round + "-" + i;
                    long sequence = store.append(new broadcast.api.spi.StoredMessage(id, null, "c", null, null, 0,
                            "text/plain", new byte[1]), java.util.List.of(q)).sequence();
                    model.put(sequence, id);
                }
                java.util.List<String> gone = new java.util.ArrayList<>();
                for (String id : model.values()) {
                    if (random.nextInt(3) == 0) {
                        gone.add(id);
                    }
                }
                store.remove(q, gone);
                model.values().removeAll(gone);
                long after = random.nextBoolean() || model.isEmpty() ? 0
                        : model.keySet().stream().skip(random.nextInt(model.size())).findFirst().orElseThrow();
                java.util.List<String> expected = model.tailMap(after, false).values().stream().limit(25).toList();
                java.util.List<String> page = store.read(q, after, 25).stream().map(m -> m.message().id()).toList();
                assertEquals(expected, page, "round " + round + ", after " + after);
                assertEquals(model.size(), store.count(q), "round " + round);
            }
        }
    }
}
