package broadcast.transport.tcp.internal.hub;

import broadcast.api.Outcome;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;

/**
 * The outcomes of the persistent messages routed on one event loop that wait for the store to make
 * them durable, in the order routed.
 *
 * <p>A durable store completes one stage for a whole group commit: the messages of a group share
 * it. So one callback is registered per distinct stage, not per message, and it only wakes the
 * loop, which then sends every outcome whose stage completed, oldest first. The store's writer
 * thread does no per-message work for the hub, and the outcomes of a group reach their senders in
 * one unit of work (one OUTCOME frame per sender and flush).
 *
 * <p>One instance per event loop ({@link #on}); used on that loop only, except the stage
 * callbacks, which only publish the result and hand a task to the loop.
 */
final class DurableOutcomes {

    private static final FastThreadLocal<DurableOutcomes> CURRENT = new FastThreadLocal<>();

    /** Where a waiting outcome goes once its stage completes. */
    interface Target {
        /** Sends the outcome of a message whose stage completed; {@code failure} null when durable. */
        void complete(Sender sender, Outcome outcome, Throwable failure);

        /** Called after each batch of completions, with how many there were. */
        void completed(int count);
    }

    /** One durable stage, shared by the messages of a group. */
    private static final class Group {
        volatile boolean done;
        volatile Throwable failure;
    }

    private record Waiting(Sender sender, Outcome outcome, Group group) {
    }

    private final EventExecutor loop;
    private final Target target;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private CompletionStage<Void> lastStage;
    private Group lastGroup;

    private DurableOutcomes(EventExecutor loop, Target target) {
        this.loop = loop;
        this.target = target;
    }

    /** The instance of the current event loop, made on first use. */
    static DurableOutcomes on(EventExecutor loop, Target target) {
        DurableOutcomes d = CURRENT.get();
        if (d == null) {
            d = new DurableOutcomes(loop, target);
            CURRENT.set(d);
        }
        return d;
    }

    /** Sends {@code outcome} to {@code sender} once {@code durable} completed (a failure if it failed). */
    void add(Sender sender, Outcome outcome, CompletionStage<Void> durable) {
        if (durable != lastStage || lastGroup.done) {
            Group g = new Group();
            lastStage = durable;
            lastGroup = g;
            durable.whenComplete((v, thrown) -> {
                g.failure = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                g.done = true;
                try {
                    loop.execute(() -> drain(g));
                } catch (RejectedExecutionException stopped) {
                    // The loop is gone with the hub; nothing is left to send the outcomes to.
                }
            });
        }
        waiting.add(new Waiting(sender, outcome, lastGroup));
    }

    /**
     * Sends the outcomes whose stage completed, oldest first. A store completes its groups in
     * order, so this stops at the first outcome still waiting; only a group that completed before
     * an older one makes it look further, for that group's outcomes.
     */
    private void drain(Group completed) {
        int n = 0;
        Waiting w;
        while ((w = waiting.peek()) != null && w.group.done) {
            waiting.poll();
            n++;
            target.complete(w.sender, w.outcome, w.group.failure);
        }
        if (w != null && w.group != completed) {
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                Waiting later = it.next();
                if (later.group == completed) {
                    it.remove();
                    n++;
                    target.complete(later.sender, later.outcome, later.group.failure);
                }
            }
        }
        if (waiting.isEmpty()) {
            lastStage = null;
            lastGroup = null;
        }
        if (n > 0) {
            target.completed(n);
        }
    }
}
