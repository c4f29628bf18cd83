package broadcast.store.h2.internal;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoreStats;
import broadcast.api.spi.StoredMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static broadcast.store.h2.internal.Stores.durable;
import static broadcast.store.h2.internal.Stores.message;
import static broadcast.store.h2.internal.Stores.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void shouldKeepMessagesInOrderAcrossReopen() {
        StoredMessage first = new StoredMessage("m1", "alice", "bob", "news", "greeting", 0, "application/json",
                "{\"a\":1}".getBytes());
        StoredMessage second = new StoredMessage("m2", null, null, null, null, 0, "text/plain", new byte[0]);
        try (MessageStore store = open(path(), "retention", "0")) {
            durable(store.append(first, List.of(BOB)).durable());
            durable(store.append(second, List.of(BOB)).durable());
        }
        try (MessageStore store = open(path(), "retention", "0")) {
            List<QueuedMessage> page = store.read(BOB, 0, 10);
            assertEquals(List.of(first, second), page.stream().map(QueuedMessage::message).toList());
            assertTrue(page.get(0).sequence() < page.get(1).sequence());
            assertEquals(2, store.count(BOB));
        }
    }

    @Test
    void shouldReadPagesAfterASequence() {
        try (MessageStore store = open(path())) {
            for (int i = 0; i < 10; i++) {
                store.append(message("m" + i), List.of(BOB));
            }
            List<QueuedMessage> first = store.read(BOB, 0, 4);
            List<QueuedMessage> second = store.read(BOB, first.get(3).sequence(), 4);
            List<QueuedMessage> last = store.read(BOB, second.get(3).sequence(), 4);
            assertEquals(List.of("m0", "m1", "m2", "m3"), ids(first));
            assertEquals(List.of("m4", "m5", "m6", "m7"), ids(second));
            assertEquals(List.of("m8", "m9"), ids(last));
            assertEquals(List.of(), store.read(QueueKey.client("nobody"), 0, 4));
        }
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
    void shouldIgnoreAnIdTheQueueAlreadyHolds() {
        try (MessageStore store = open(path())) {
            store.append(message("m1"), List.of(BOB));
            AppendResult again = store.append(message("m1"), List.of(BOB, ANN));
            assertEquals(Set.of(), again.refused());
            assertEquals(1, store.count(BOB));
            assertEquals(1, store.count(ANN));
            store.remove(BOB, List.of("m1"));
            assertEquals(0, store.count(BOB));
            assertEquals(List.of("m1"), ids(store.read(ANN, 0, 10)));
        }
    }

    @Test
    void shouldRefuseNewMessagesWhenAQueueIsFullUntilOneIsRemoved() {
        try (MessageStore store = open(path(), "max-queue-messages", "2")) {
            store.append(message("m1"), List.of(BOB));
            store.append(message("m2"), List.of(BOB));
            AppendResult full = store.append(message("m3"), List.of(BOB, ANN));
            assertEquals(Set.of(BOB), full.refused());
            assertEquals(1, store.stats().refused());
            assertEquals(List.of("m3"), ids(store.read(ANN, 0, 10)));
            store.remove(BOB, List.of("m1"));
            assertEquals(Set.of(), store.append(message("m4"), List.of(BOB)).refused());
            assertEquals(List.of("m2", "m4"), ids(store.read(BOB, 0, 10)));
        }
    }

    @Test
    void shouldRefuseByBytes() {
        long size = message("m1", 0, 100).size();
        try (MessageStore store = open(path(), "max-queue-bytes", Long.toString(2 * size))) {
            store.append(message("m1", 0, 100), List.of(BOB));
            store.append(message("m2", 0, 100), List.of(BOB));
            assertEquals(Set.of(BOB), store.append(message("m3", 0, 100), List.of(BOB)).refused());
            assertEquals(Set.of(), store.append(message("m4", 0, 1), List.of(ANN)).refused());
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
    void shouldDropTheOldestMessageEverywhereWhenTheStoreIsFull() {
        try (MessageStore store = open(path(), "max-total-messages", "2", "overflow", "drop-oldest")) {
            store.append(message("m1"), List.of(BOB, ANN));
            store.append(message("m2"), List.of(BOB));
            store.append(message("m3"), List.of(ANN));
            assertEquals(List.of("m2"), ids(store.read(BOB, 0, 10)));
            assertEquals(List.of("m3"), ids(store.read(ANN, 0, 10)));
            assertEquals(2, store.stats().dropped());
            assertEquals(2, store.stats().messages());
        }
    }

    @Test
    void shouldRefuseEveryQueueWhenTheStoreIsFull() {
        try (MessageStore store = open(path(), "max-total-messages", "1")) {
            store.append(message("m1"), List.of(BOB));
            AppendResult r = store.append(message("m2"), List.of(BOB, ANN));
            assertEquals(Set.of(BOB, ANN), r.refused());
            assertEquals(2, store.stats().refused());
            assertEquals(0, store.count(ANN));
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
    void shouldSweepMoreThanOneBatch() {
        long now = System.currentTimeMillis();
        try (MessageStore store = open(path())) {
            for (int i = 0; i < 1_000; i++) {
                store.append(message("m" + i, now - 1, 4), List.of(BOB));
            }
            store.append(message("keep"), List.of(BOB));
            assertEquals(1_000, store.expire(now));
            assertEquals(List.of("keep"), ids(store.read(BOB, 0, 10)));
        }
    }

    @Test
    void shouldKeepTheSequenceIncreasingAcrossReopen() {
        long first;
        try (MessageStore store = open(path())) {
            first = store.append(message("m1"), List.of(BOB)).sequence();
            store.remove(BOB, List.of("m1"));
        }
        try (MessageStore store = open(path())) {
            assertTrue(store.append(message("m2"), List.of(BOB)).sequence() > first);
        }
    }

    @Test
    void shouldRefuseUseAfterClose() {
        MessageStore store = open(path());
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.append(message("m1"), List.of(BOB)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(StoreException.class, () -> store.read(BOB, 0, 1));
        assertThrows(StoreException.class, () -> store.remove(BOB, List.of("m1")));
    }

    @Test
    void shouldRejectBadArguments() {
        try (MessageStore store = open(path())) {
            assertThrows(IllegalArgumentException.class, () -> store.append(message("m1"), List.of()));
            assertThrows(IllegalArgumentException.class, () -> store.read(BOB, 0, 0));
        }
    }
}
