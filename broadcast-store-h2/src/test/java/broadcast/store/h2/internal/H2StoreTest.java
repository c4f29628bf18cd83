package broadcast.store.h2.internal;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreStats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static broadcast.store.h2.internal.Stores.durable;
import static broadcast.store.h2.internal.Stores.message;
import static broadcast.store.h2.internal.Stores.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2StoreTest {

    private static final QueueKey BOB = QueueKey.client("bob");
    private static final QueueKey ANN = QueueKey.client("ann");
    private static final QueueKey NEWS = QueueKey.channel("news");

    @TempDir
    Path dir;

    private Path path() {
        return dir.resolve("store");
    }

    private static List<String> ids(List<QueuedMessage> page) {
        return page.stream().map(m -> m.message().id()).toList();
    }

    @Test
    void shouldStoreAFanOutMessageOnceAndDeleteItWithItsLastEntry() {
        try (MessageStore store = open(path())) {
            AppendResult r = store.append(message("m1", 0, 100), List.of(BOB, ANN, NEWS));
            durable(r.durable());
            assertEquals(Set.of(), r.refused());
            StoreStats stats = store.stats();
            assertEquals(1, stats.messages());
            assertEquals(3, stats.entries());
            assertEquals(message("m1", 0, 100).size(), stats.bytes());
            assertEquals(3, stats.queues());
            store.remove(BOB, List.of("m1"));
            store.remove(NEWS, List.of("m1"));
            assertEquals(1, store.stats().messages());
            assertEquals(List.of("m1"), ids(store.read(ANN, 0, 10)));
            assertEquals(List.of(), store.read(BOB, 0, 10));
        }
        try (MessageStore store = open(path())) {
            assertEquals(new StoreStats(1, 1, message("m1", 0, 100).size(), 1, 0, 0, 0), store.stats());
            store.remove(ANN, List.of("m1", "unknown"));
            assertEquals(new StoreStats(0, 0, 0, 0, 0, 0, 0), store.stats());
        }
    }

    @Test
    void shouldDropTheOldestWhenAQueueIsFullWithDropOldest() {
        try (MessageStore store = open(path(), "max-queue-messages", "2", "overflow", "drop-oldest")) {
            for (int i = 1; i <= 5; i++) {
                assertEquals(Set.of(), store.append(message("m" + i), List.of(BOB)).refused());
            }
            assertEquals(List.of("m4", "m5"), ids(store.read(BOB, 0, 10)));
            StoreStats stats = store.stats();
            assertEquals(3, stats.dropped());
            assertEquals(2, stats.messages());
        }
        try (MessageStore store = open(path(), "max-queue-messages", "2", "overflow", "drop-oldest")) {
            assertEquals(List.of("m4", "m5"), ids(store.read(BOB, 0, 10)));
        }
    }

    @Test
    void shouldSkipExpiredMessagesAndSweepThem() {
        long now = System.currentTimeMillis();
        try (MessageStore store = open(path())) {
            store.append(message("old", now - 1, 10), List.of(BOB, ANN));
            store.append(message("new", now + 3_600_000, 10), List.of(BOB));
            store.append(message("forever"), List.of(BOB));
            assertEquals(List.of("new", "forever"), ids(store.read(BOB, 0, 10)));
            assertEquals(2, store.count(BOB));
            assertEquals(0, store.count(ANN));
            assertEquals(2, store.expire(now));
            StoreStats stats = store.stats();
            assertEquals(2, stats.expired());
            assertEquals(2, stats.messages());
            assertEquals(1, stats.queues());
            assertEquals(1, store.expire(now + 3_600_000));
        }
    }

    @Test
    void shouldCapExpiryByRetention() {
        long now = System.currentTimeMillis();
        try (MessageStore store = open(path(), "retention", "1h")) {
            store.append(message("m1"), List.of(BOB));
            store.append(message("m2", now + 7_200_000, 10), List.of(BOB));
            assertEquals(0, store.expire(now + 1_000));
            QueuedMessage read = store.read(BOB, 0, 1).get(0);
            assertTrue(read.message().expiresAt() <= System.currentTimeMillis() + 3_600_000);
            assertEquals(2, store.expire(now + 3_700_000));
        }
    }

    @Test
    void shouldSweepMoreThanOneBatchOfEachKind() {
        long now = System.currentTimeMillis();
        try (MessageStore store = open(path(), "retention", "1h")) {
            for (int i = 0; i < 600; i++) {
                store.append(message("own" + i, now - 1, 4), List.of(BOB));
                store.append(message("aged" + i), List.of(i % 2 == 0 ? ANN : NEWS));
            }
            // capped by the retention: expires with the aged ones, one entry in each queue
            store.append(message("last", now + 7_200_000, 4), List.of(BOB, ANN));
            assertEquals(600, store.expire(now));
            assertEquals(1, store.count(BOB));
            assertEquals(301, store.count(ANN));
            assertEquals(List.of("aged0", "aged2"), ids(store.read(ANN, 0, 2)));
            assertEquals(602, store.expire(System.currentTimeMillis() + 3_600_000));
            assertEquals(new StoreStats(0, 0, 0, 0, 1_202, 0, 0), store.stats());
        }
    }

}
