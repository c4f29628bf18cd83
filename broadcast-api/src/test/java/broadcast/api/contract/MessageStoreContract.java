package broadcast.api.contract;

import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoreStats;
import broadcast.api.spi.StoredMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every {@link MessageStore} must have, as one suite: a store module's test extends
 * this class, implements {@link #open(Map)}, and, for a store that keeps its messages across a
 * restart, overrides {@link #durable()} (and {@link #reopen(Map)} when {@code open} makes a new,
 * empty store on every call).
 *
 * <pre>{@code
 * class H2StoreTest extends MessageStoreContract {
 *     @TempDir Path dir;
 *     protected MessageStore open(Map<String, String> settings) {
 *         Map<String, String> all = new HashMap<>(settings);
 *         all.put("path", dir.resolve("store").toString());
 *         return new H2StoreProvider().create(ProviderConfig.of("store \"h2\"", all));
 *     }
 *     protected boolean durable() { return true; }
 * }
 * }</pre>
 *
 * <p>Settings are the {@link broadcast.api.spi.StoreLimits} keys ({@code max-queue-messages},
 * {@code max-queue-bytes}, {@code max-total-messages}, {@code max-total-bytes}, {@code overflow},
 * {@code retention}); a test passes only the ones it needs, and expects the store's defaults to be
 * far above what it appends. Every store a test opens is closed after it.
 *
 * <p>It uses only the public SPI, so it runs from any module's tests, on the class path or the
 * module path.
 */
public abstract class MessageStoreContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final QueueKey ROOM = QueueKey.channel("room");
    private static final QueueKey HALL = QueueKey.channel("hall");
    private static final QueueKey ALICE = QueueKey.client("alice");

    private final List<MessageStore> opened = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * Opens a new, empty store with the given settings (limit keys only). Within one test, a
     * durable store opened again with {@link #reopen(Map)} must find what the last one kept.
     */
    protected abstract MessageStore open(Map<String, String> settings);

    /**
     * Opens again the store that the last {@link #open(Map)} of this test opened, after it was
     * closed. By default, calls {@code open} again: right for a store whose {@code open} uses a
     * location fixed for the test (a file in the test's temporary folder).
     */
    protected MessageStore reopen(Map<String, String> settings) {
        return open(settings);
    }

    /** Whether the store keeps its messages across {@link #reopen(Map)}; the durability tests run only then. */
    protected boolean durable() {
        return false;
    }

    @AfterEach
    void closeStores() {
        for (MessageStore store : opened) {
            store.close();
        }
    }

    // ---- order and paging -------------------------------------------------------------------

    @Test
    void readsAQueueInAppendOrder() {
        MessageStore store = store();
        List<String> sent = appendAll(store, ROOM, 5, 10);

        List<QueuedMessage> page = store.read(ROOM, 0, 100);

        assertEquals(sent, ids(page));
        assertIncreasing(sequences(page));
    }

    @Test
    void pagesThroughAQueueAfterTheLastSequenceRead() {
        MessageStore store = store();
        List<String> sent = appendAll(store, ROOM, 10, 10);

        List<String> read = new ArrayList<>();
        long after = 0;
        for (List<QueuedMessage> page = store.read(ROOM, after, 3); !page.isEmpty(); page = store.read(ROOM, after, 3)) {
            assertTrue(page.size() <= 3, "a page holds at most the limit, was " + page.size());
            read.addAll(ids(page));
            after = page.get(page.size() - 1).sequence();
        }

        assertEquals(sent, read);
        assertEquals(List.of(), store.read(ROOM, after, 3));
    }

    @Test
    void sequencesIncreaseAcrossQueues() {
        MessageStore store = store();
        long a = store.append(message(10), List.of(ROOM)).sequence();
        long b = store.append(message(10), List.of(ALICE)).sequence();
        long c = store.append(message(10), List.of(HALL, ROOM)).sequence();

        assertIncreasing(List.of(a, b, c));
        assertEquals(List.of(a, c), sequences(store.read(ROOM, 0, 10)));
        assertEquals(List.of(c), sequences(store.read(HALL, 0, 10)));
    }

    @Test
    void keepsEveryFieldOfTheMessage() {
        MessageStore store = store();
        long later = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
        byte[] big = new byte[64 * 1024];
        Arrays.fill(big, (byte) 7);
        StoredMessage full = new StoredMessage(nextId(), "sender-1", "alice", "room", "grüße ✓", later,
                "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        StoredMessage bare = new StoredMessage(nextId(), null, null, "room", null, 0, "application/octet-stream", new byte[0]);
        StoredMessage large = new StoredMessage(nextId(), null, "alice", null, null, 0, "application/octet-stream", big);
        store.append(full, List.of(ROOM));
        store.append(bare, List.of(ROOM));
        store.append(large, List.of(ROOM));

        List<QueuedMessage> page = store.read(ROOM, 0, 10);

        assertEquals(3, page.size());
        assertSame(full, page.get(0).message());
        assertSame(bare, page.get(1).message());
        assertSame(large, page.get(2).message());
    }

    @Test
    void readsNothingFromAQueueThatWasNeverUsed() {
        MessageStore store = store();
        store.append(message(10), List.of(ROOM));

        assertEquals(List.of(), store.read(HALL, 0, 10));
        assertEquals(0, store.count(HALL));
    }

    // ---- fan-out, removal -------------------------------------------------------------------

    @Test
    void keepsAFanOutMessageOnceUntilEveryQueueLetsItGo() {
        MessageStore store = store();
        StoredMessage m = message(100);
        AppendResult result = store.append(m, List.of(ROOM, HALL, ALICE));

        assertEquals(Set.of(), result.refused());
        assertStats(store, 1, 3, m.size(), 3);
        for (QueueKey q : List.of(ROOM, HALL, ALICE)) {
            assertEquals(List.of(result.sequence()), sequences(store.read(q, 0, 10)), q.toString());
        }

        store.remove(ROOM, List.of(m.id()));
        store.remove(ALICE, List.of(m.id()));
        assertStats(store, 1, 1, m.size(), 1);
        assertEquals(List.of(m.id()), ids(store.read(HALL, 0, 10)));

        store.remove(HALL, List.of(m.id()));
        assertStats(store, 0, 0, 0, 0);
    }

    @Test
    void removesOnlyFromTheQueueNamed() {
        MessageStore store = store();
        StoredMessage m = message(10);
        store.append(m, List.of(ROOM, ALICE));

        store.remove(ROOM, List.of(m.id()));

        assertEquals(List.of(), store.read(ROOM, 0, 10));
        assertEquals(List.of(m.id()), ids(store.read(ALICE, 0, 10)));
    }

    @Test
    void removeIgnoresUnknownIdsAndRepeats() {
        MessageStore store = store();
        List<String> sent = appendAll(store, ROOM, 3, 10);

        store.remove(ROOM, List.of(sent.get(1), "no-such-id"));
        store.remove(ROOM, List.of(sent.get(1)));
        store.remove(HALL, List.of(sent.get(0)));
        store.remove(ROOM, List.of());

        assertEquals(List.of(sent.get(0), sent.get(2)), ids(store.read(ROOM, 0, 10)));
        assertEquals(2, store.count(ROOM));
        assertEquals(2, store.stats().entries());
    }

    @Test
    void removesSeveralIdsAtOnce() {
        MessageStore store = store();
        List<String> sent = appendAll(store, ALICE, 5, 10);

        store.remove(ALICE, List.of(sent.get(0), sent.get(2), sent.get(4)));

        assertEquals(List.of(sent.get(1), sent.get(3)), ids(store.read(ALICE, 0, 10)));
        assertStats(store, 2, 2, 2 * message(10).size(), 1);
    }

    @Test
    void aQueueHoldsAnIdOnlyOnce() {
        MessageStore store = store();
        StoredMessage m = message(10);
        store.append(m, List.of(ROOM));

        AppendResult again = store.append(m, List.of(ROOM, ROOM, ALICE));

        assertEquals(Set.of(), again.refused());
        assertEquals(List.of(m.id()), ids(store.read(ROOM, 0, 10)));
        assertEquals(List.of(m.id()), ids(store.read(ALICE, 0, 10)));
        assertEquals(2, store.stats().entries());
        assertEquals(1, store.count(ROOM));
    }

    @Test
    void countsTheEntriesOfOneQueue() {
        MessageStore store = store();
        appendAll(store, ROOM, 4, 10);
        appendAll(store, ALICE, 2, 10);
        store.append(message(10), List.of(ROOM, ALICE));

        assertEquals(5, store.count(ROOM));
        assertEquals(3, store.count(ALICE));
    }

    // ---- bounds: reject-new -----------------------------------------------------------------

    @Test
    void aFullQueueRefusesNewMessagesByDefault() {
        MessageStore store = store(Map.of("max-queue-messages", "3"));
        List<String> kept = appendAll(store, ROOM, 3, 10);

        AppendResult fourth = store.append(message(10), List.of(ROOM, ALICE));

        assertEquals(Set.of(ROOM), fourth.refused());
        assertEquals(kept, ids(store.read(ROOM, 0, 10)));
        assertEquals(1, store.count(ALICE), "the queue with room takes it");
        assertEquals(1, store.stats().refused());
        assertEquals(0, store.stats().dropped());
    }

    @Test
    void aQueueFullInBytesRefusesNewMessages() {
        long size = message(100).size();
        MessageStore store = store(Map.of("max-queue-bytes", Long.toString(2 * size + size / 2), "overflow", "reject-new"));
        List<String> kept = appendAll(store, ROOM, 2, 100);

        AppendResult third = store.append(message(100), List.of(ROOM));
        StoredMessage small = message(0);
        AppendResult smallResult = store.append(small, List.of(ROOM));

        assertEquals(Set.of(ROOM), third.refused());
        assertEquals(Set.of(), smallResult.refused(), "a smaller message still fits");
        assertEquals(List.of(kept.get(0), kept.get(1), small.id()), ids(store.read(ROOM, 0, 10)));
        assertEquals(1, store.stats().refused());
    }

    @Test
    void aFullStoreRefusesEveryQueue() {
        MessageStore store = store(Map.of("max-total-messages", "2"));
        store.append(message(10), List.of(ROOM, ALICE));
        store.append(message(10), List.of(ROOM));

        AppendResult third = store.append(message(10), List.of(HALL, ALICE));

        assertEquals(Set.of(HALL, ALICE), third.refused());
        assertEquals(0, store.count(HALL));
        assertEquals(1, store.count(ALICE));
        assertStats(store, 2, 3, 2 * message(10).size(), 2);
        assertEquals(2, store.stats().refused());
    }

    @Test
    void aStoreFullInBytesRefusesNewMessages() {
        long size = message(100).size();
        MessageStore store = store(Map.of("max-total-bytes", Long.toString(2 * size)));
        store.append(message(100), List.of(ROOM));
        store.append(message(100), List.of(HALL));

        AppendResult third = store.append(message(100), List.of(ALICE));

        assertEquals(Set.of(ALICE), third.refused());
        assertEquals(2 * size, store.stats().bytes());
        assertEquals(0, store.count(ALICE));
    }

    @Test
    void roomFreedByARemovalIsUsedAgain() {
        MessageStore store = store(Map.of("max-queue-messages", "2", "max-total-messages", "2"));
        List<String> sent = appendAll(store, ROOM, 2, 10);
        assertEquals(Set.of(ROOM), store.append(message(10), List.of(ROOM)).refused());

        store.remove(ROOM, List.of(sent.get(0)));
        StoredMessage next = message(10);

        assertEquals(Set.of(), store.append(next, List.of(ROOM)).refused());
        assertEquals(List.of(sent.get(1), next.id()), ids(store.read(ROOM, 0, 10)));
    }

    // ---- bounds: drop-oldest ----------------------------------------------------------------

    @Test
    void dropOldestMakesRoomInAFullQueue() {
        MessageStore store = store(Map.of("max-queue-messages", "3", "overflow", "drop-oldest"));
        List<String> sent = appendAll(store, ROOM, 5, 10);
        StoredMessage other = message(10);
        store.append(other, List.of(ALICE));

        assertEquals(sent.subList(2, 5), ids(store.read(ROOM, 0, 10)));
        assertEquals(List.of(other.id()), ids(store.read(ALICE, 0, 10)));
        assertEquals(2, store.stats().dropped());
        assertEquals(0, store.stats().refused());
        assertStats(store, 4, 4, 4 * message(10).size(), 2);
    }

    @Test
    void dropOldestMakesRoomInAQueueFullInBytes() {
        long size = message(100).size();
        MessageStore store = store(Map.of("max-queue-bytes", Long.toString(3 * size), "overflow", "DROP-OLDEST"));
        List<String> sent = appendAll(store, ROOM, 3, 100);
        StoredMessage big = message(100 + (int) size);

        AppendResult result = store.append(big, List.of(ROOM));

        assertEquals(Set.of(), result.refused());
        assertEquals(List.of(sent.get(2), big.id()), ids(store.read(ROOM, 0, 10)));
        assertEquals(2, store.stats().dropped());
    }

    @Test
    void dropOldestRemovesTheOldestMessageFromEveryQueueWhenTheStoreIsFull() {
        MessageStore store = store(Map.of("max-total-messages", "2", "overflow", "drop-oldest"));
        StoredMessage first = message(10);
        StoredMessage second = message(10);
        StoredMessage third = message(10);
        store.append(first, List.of(ROOM, ALICE));
        store.append(second, List.of(ROOM));

        AppendResult result = store.append(third, List.of(HALL));

        assertEquals(Set.of(), result.refused());
        assertEquals(List.of(second.id()), ids(store.read(ROOM, 0, 10)));
        assertEquals(List.of(), store.read(ALICE, 0, 10));
        assertEquals(List.of(third.id()), ids(store.read(HALL, 0, 10)));
        assertEquals(2, store.stats().dropped(), "both entries of the oldest message");
        assertStats(store, 2, 2, 2 * first.size(), 2);
    }

    @Test
    void dropOldestMakesRoomInAStoreFullInBytes() {
        long size = message(100).size();
        MessageStore store = store(Map.of("max-total-bytes", Long.toString(2 * size), "overflow", "drop-oldest"));
        List<String> sent = appendAll(store, ROOM, 3, 100);

        assertEquals(sent.subList(1, 3), ids(store.read(ROOM, 0, 10)));
        assertEquals(2 * size, store.stats().bytes());
        assertEquals(1, store.stats().dropped());
    }

    @ParameterizedTest
    @ValueSource(strings = {"max-queue-bytes", "max-total-bytes"})
    void aMessageLargerThanAByteBoundIsRefusedAndDropsNothing(String bound) {
        long size = message(100).size();
        MessageStore store = store(Map.of(bound, Long.toString(3 * size), "overflow", "drop-oldest"));
        List<String> sent = appendAll(store, ROOM, 3, 100);

        AppendResult huge = store.append(message(4 * (int) size), List.of(ROOM, HALL));

        assertEquals(Set.of(ROOM, HALL), huge.refused());
        assertEquals(sent, ids(store.read(ROOM, 0, 10)));
        assertEquals(0, store.count(HALL));
        assertEquals(0, store.stats().dropped());
        assertEquals(2, store.stats().refused());
    }

    // ---- expiry and retention ---------------------------------------------------------------

    @Test
    void expiredMessagesAreNeitherReadNorCountedAndExpireRemovesThem() {
        MessageStore store = store();
        long now = System.currentTimeMillis();
        StoredMessage gone = message(10, now - 1_000);
        StoredMessage later = message(10, now + Duration.ofHours(1).toMillis());
        StoredMessage never = message(10, 0);
        store.append(gone, List.of(ROOM, ALICE));
        store.append(later, List.of(ROOM));
        store.append(never, List.of(ROOM));

        assertEquals(List.of(later.id(), never.id()), ids(store.read(ROOM, 0, 10)));
        assertEquals(List.of(), store.read(ALICE, 0, 10));
        assertEquals(2, store.count(ROOM));
        assertEquals(0, store.count(ALICE));

        assertEquals(2, store.expire(System.currentTimeMillis()), "one entry in each of two queues");
        assertStats(store, 2, 2, later.size() + never.size(), 1);
        assertEquals(2, store.stats().expired());
        assertEquals(0, store.expire(System.currentTimeMillis()));
    }

    @Test
    void expireRemovesWhatExpiredAtTheGivenTime() {
        MessageStore store = store();
        long at = System.currentTimeMillis() + Duration.ofHours(1).toMillis();
        StoredMessage first = message(10, at);
        StoredMessage second = message(10, at + 1);
        store.append(first, List.of(ROOM));
        store.append(second, List.of(ROOM));

        assertEquals(0, store.expire(at - 1));
        assertEquals(1, store.expire(at), "an expiry at the given time counts as expired");
        assertEquals(List.of(second.id()), ids(store.read(ROOM, 0, 10)));
        assertEquals(1, store.expire(at + 1));
        assertStats(store, 0, 0, 0, 0);
    }

    @Test
    void retentionCapsHowLongAMessageIsKept() {
        Duration retention = Duration.ofHours(1);
        MessageStore store = store(Map.of("retention", "1h"));
        long before = System.currentTimeMillis();
        StoredMessage forever = message(10, 0);
        StoredMessage soon = message(10, before + Duration.ofMinutes(10).toMillis());
        StoredMessage late = message(10, before + Duration.ofDays(2).toMillis());
        store.append(forever, List.of(ROOM));
        store.append(soon, List.of(ROOM));
        store.append(late, List.of(ROOM));
        long after = System.currentTimeMillis();

        List<QueuedMessage> page = store.read(ROOM, 0, 10);

        assertEquals(3, page.size());
        assertWithin(before + retention.toMillis(), after + retention.toMillis(), page.get(0).message().expiresAt());
        assertEquals(soon.expiresAt(), page.get(1).message().expiresAt(), "an earlier own expiry stays");
        assertWithin(before + retention.toMillis(), after + retention.toMillis(), page.get(2).message().expiresAt());
        assertEquals(1, store.expire(after + Duration.ofMinutes(30).toMillis()));
        assertEquals(2, store.expire(after + Duration.ofHours(2).toMillis()));
        assertEquals(0, store.count(ROOM));
    }

    // ---- concurrency ------------------------------------------------------------------------

    @Test
    void concurrentAppendsAndRemovesLoseAndDuplicateNothing() throws Exception {
        int threads = 4;
        int perThread = 300;
        MessageStore store = store();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                QueueKey own = QueueKey.client("worker-" + t);
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> kept = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        StoredMessage m = message(16);
                        store.append(m, List.of(own, ROOM));
                        if (i % 3 == 0) {
                            store.remove(own, List.of(m.id()));
                            store.remove(ROOM, List.of(m.id()));
                        } else {
                            kept.add(m.id());
                        }
                    }
                    return kept;
                }));
            }
            start.countDown();
            Set<String> allKept = new HashSet<>();
            for (int t = 0; t < threads; t++) {
                List<String> kept = results.get(t).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                List<QueuedMessage> read = store.read(QueueKey.client("worker-" + t), 0, perThread * 2);
                assertEquals(kept, ids(read), "worker-" + t + " queue, in its append order");
                allKept.addAll(kept);
            }
            List<QueuedMessage> room = store.read(ROOM, 0, threads * perThread * 2);
            assertEquals(allKept.size(), room.size());
            assertEquals(allKept, new HashSet<>(ids(room)), "the shared queue holds each kept message once");
            assertIncreasing(sequences(room));
            assertStats(store, allKept.size(), 2L * allKept.size(), allKept.size() * message(16).size(), threads + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- errors -----------------------------------------------------------------------------

    @Test
    void aClosedStoreRefusesEveryOperation() {
        MessageStore store = store();
        StoredMessage m = message(10);
        store.append(m, List.of(ROOM));
        store.close();

        for (Runnable op : List.<Runnable>of(
                () -> store.append(message(10), List.of(ROOM)),
                () -> store.read(ROOM, 0, 10),
                () -> store.remove(ROOM, List.of(m.id())),
                () -> store.count(ROOM),
                () -> store.expire(System.currentTimeMillis()))) {
            StoreException e = assertThrows(StoreException.class, op::run);
            assertTrue(e.getMessage().toLowerCase().contains("closed"), e.getMessage());
        }
        store.stats();
        store.close();
    }

    @Test
    void appendNeedsAQueue() {
        MessageStore store = store();

        assertThrows(IllegalArgumentException.class, () -> store.append(message(10), List.of()));
        assertStats(store, 0, 0, 0, 0);
    }

    @Test
    void readNeedsAPositiveLimit() {
        MessageStore store = store();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.read(ROOM, 0, 0));
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
    }

    // ---- durability (durable stores only) ---------------------------------------------------

    @Test
    void keepsMessagesAndRemovalsAcrossAReopen() throws Exception {
        assumeTrue(durable(), "the store is not durable");
        MessageStore store = store();
        StoredMessage a = message(10);
        StoredMessage b = message(20, System.currentTimeMillis() + Duration.ofHours(1).toMillis());
        StoredMessage c = message(30);
        awaitDurable(store.append(a, List.of(ROOM, ALICE)));
        awaitDurable(store.append(b, List.of(ROOM)));
        awaitDurable(store.append(c, List.of(ALICE)));
        store.remove(ALICE, List.of(a.id()));
        List<QueuedMessage> before = store.read(ROOM, 0, 10);
        store.close();

        MessageStore again = reopened(Map.of());

        List<QueuedMessage> room = again.read(ROOM, 0, 10);
        assertEquals(sequences(before), sequences(room));
        assertSame(a, room.get(0).message());
        assertSame(b, room.get(1).message());
        assertEquals(List.of(c.id()), ids(again.read(ALICE, 0, 10)));
        assertStats(again, 3, 3, a.size() + b.size() + c.size(), 2);
    }

    @Test
    void sequencesKeepIncreasingAfterAReopen() throws Exception {
        assumeTrue(durable(), "the store is not durable");
        MessageStore store = store();
        AppendResult first = store.append(message(10), List.of(ROOM));
        awaitDurable(first);
        store.close();

        MessageStore again = reopened(Map.of());
        AppendResult second = again.append(message(10), List.of(ROOM));

        assertTrue(second.sequence() > first.sequence(),
                "sequence after reopen " + second.sequence() + " must exceed " + first.sequence());
        assertEquals(2, again.count(ROOM));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A store with default settings, closed after the test. */
    protected final MessageStore store() {
        return store(Map.of());
    }

    /** A store with the given settings, closed after the test. */
    protected final MessageStore store(Map<String, String> settings) {
        MessageStore store = open(new HashMap<>(settings));
        opened.add(store);
        return store;
    }

    private MessageStore reopened(Map<String, String> settings) {
        MessageStore store = reopen(new HashMap<>(settings));
        opened.add(store);
        return store;
    }

    /** A message with a new id, no expiry, and a payload of the given size. */
    protected final StoredMessage message(int payloadBytes) {
        return message(payloadBytes, 0);
    }

    /** A message with a new id, the given expiry, and a payload of the given size. */
    protected final StoredMessage message(int payloadBytes, long expiresAt) {
        byte[] payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'x');
        return new StoredMessage(nextId(), "sender", null, "room", null, expiresAt, "application/octet-stream", payload);
    }

    private String nextId() {
        return String.format("m%08d", ids.incrementAndGet());
    }

    private List<String> appendAll(MessageStore store, QueueKey queue, int n, int payloadBytes) {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StoredMessage m = message(payloadBytes);
            AppendResult result = store.append(m, List.of(queue));
            assertEquals(Set.of(), result.refused(), "append " + i + " to " + queue);
            sent.add(m.id());
        }
        return sent;
    }

    private static void awaitDurable(AppendResult result) throws Exception {
        result.durable().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static List<String> ids(Collection<QueuedMessage> page) {
        List<String> ids = new ArrayList<>();
        for (QueuedMessage q : page) {
            ids.add(q.message().id());
        }
        return ids;
    }

    private static List<Long> sequences(Collection<QueuedMessage> page) {
        List<Long> sequences = new ArrayList<>();
        for (QueuedMessage q : page) {
            sequences.add(q.sequence());
        }
        return sequences;
    }

    private static void assertIncreasing(List<Long> sequences) {
        for (int i = 1; i < sequences.size(); i++) {
            assertTrue(sequences.get(i) > sequences.get(i - 1), "sequences must increase: " + sequences);
        }
    }

    private static void assertStats(MessageStore store, long messages, long entries, long bytes, long queues) {
        StoreStats stats = store.stats();
        assertEquals(List.of(messages, entries, bytes, queues),
                List.of(stats.messages(), stats.entries(), stats.bytes(), stats.queues()),
                "messages, entries, bytes, queues in " + stats);
    }

    private static void assertSame(StoredMessage expected, StoredMessage actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.sender(), actual.sender(), "sender");
        assertEquals(expected.client(), actual.client(), "client");
        assertEquals(expected.channel(), actual.channel(), "channel");
        assertEquals(expected.name(), actual.name(), "name");
        assertEquals(expected.expiresAt(), actual.expiresAt(), "expiresAt");
        assertEquals(expected.contentType(), actual.contentType(), "contentType");
        assertArrayEquals(expected.payload(), actual.payload(), "payload");
    }

    private static void assertWithin(long low, long high, long actual) {
        assertTrue(actual >= low && actual <= high, actual + " must be within " + low + ".." + high);
    }
}
