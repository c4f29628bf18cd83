package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import broadcast.api.spi.AppendResult;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.Providers;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoreException;
import broadcast.api.spi.StoredMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import static broadcast.transport.tcp.DeliveryRulesTest.WAIT;
import static broadcast.transport.tcp.DeliveryRulesTest.subscriber;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A durable store completes one stage per group commit, shared by the messages of the group, later
 * than the append: the sender hears each outcome only once its group is durable, every outcome
 * once, and a group that fails fails only its own messages.
 */
class GroupCommitOutcomesTest {

    /** A store whose appends share the stage of the open group until the test commits it. Thread-safe. */
    static final class GroupStore extends CountingStore {
        private final List<CompletableFuture<Void>> groups = new CopyOnWriteArrayList<>();
        private CompletableFuture<Void> open = new CompletableFuture<>();

        GroupStore(MessageStore delegate) {
            super(delegate);
            groups.add(open);
        }

        @Override
        public synchronized AppendResult append(StoredMessage message, Collection<QueueKey> queues) {
            AppendResult r = super.append(message, queues);
            return new AppendResult(r.sequence(), r.refused(), open.minimalCompletionStage());
        }

        /** Closes the open group and starts another; returns the closed one, for the test to complete. */
        synchronized CompletableFuture<Void> closeGroup() {
            CompletableFuture<Void> closed = open;
            open = new CompletableFuture<>();
            groups.add(open);
            return closed;
        }
    }

    @Test
    void outcomesWaitForTheirGroupAndAFailedGroupFailsOnlyItsOwn() throws Exception {
        GroupStore store = new GroupStore(Providers.installed().store("memory", Map.of()));
        try (TestHub hub = TestHub.start(TestHub.config().build(), () -> store)) {
            BroadcastTcpClient a = hub.connected("a");
            Inbox b = new Inbox();
            subscriber(hub, "b", "news", b);
            List<CompletionStage<Outcome>> first = send(a, "first", 3);
            b.await(3);
            Eventually.until(() -> store.appends.get() == 3, "the first group appended");
            CompletableFuture<Void> firstGroup = store.closeGroup();
            List<CompletionStage<Outcome>> second = send(a, "second", 2);
            b.await(5);
            for (CompletionStage<Outcome> o : first) {
                assertTrue(!o.toCompletableFuture().isDone(), "no outcome before the message is durable");
            }

            store.closeGroup().completeExceptionally(new StoreException("fsync failed"));
            for (CompletionStage<Outcome> o : second) {
                Outcome outcome = o.toCompletableFuture().get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                assertEquals(Outcome.Reason.STORE_FAILED, outcome.reason());
                assertEquals("the hub's store failed to make the message durable: fsync failed", outcome.detail());
            }
            for (CompletionStage<Outcome> o : first) {
                assertTrue(!o.toCompletableFuture().isDone(), "the earlier group is still not durable");
            }

            firstGroup.complete(null);
            for (CompletionStage<Outcome> o : first) {
                assertEquals(Outcome.Status.DELIVERED, DeliveryRulesTest.outcome(o).status());
            }
        }
    }

    private static List<CompletionStage<Outcome>> send(BroadcastTcpClient client, String prefix, int n) {
        List<CompletionStage<Outcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            outcomes.add(client.sendMessage(BroadcastMessage.createChannelMessage("news", prefix + i)));
        }
        return outcomes;
    }
}
