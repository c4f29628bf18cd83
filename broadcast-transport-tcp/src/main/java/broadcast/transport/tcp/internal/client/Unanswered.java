package broadcast.transport.tcp.internal.client;

import broadcast.api.internal.IdMap;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The messages written and waiting for the hub's outcome, in the order they were sent (the order
 * they are written again after a reconnect), found by id when their outcome comes. Outcomes come
 * nearly in order, so the oldest end of the queue is trimmed as they do; answered messages further
 * in are skipped, and swept out when they grow to outnumber the unanswered ones. Not thread-safe;
 * used on the client's event loop.
 */
final class Unanswered {

    private final IdMap<Outgoing.Message> byId = new IdMap<>();
    private final ArrayDeque<Outgoing.Message> inOrder = new ArrayDeque<>();

    void add(Outgoing.Message m) {
        Outgoing.Message replaced = byId.put(m.id, m);
        if (replaced != null) {
            replaced.answered = true; // the same id sent again: only the newest copy waits for the outcome
        }
        inOrder.add(m);
    }

    /** The message an outcome answers, no longer waiting; null if none waits under that id. */
    Outgoing.Message answer(String id) {
        Outgoing.Message m = byId.remove(id);
        if (m == null) {
            return null;
        }
        m.answered = true;
        while (!inOrder.isEmpty() && inOrder.peekFirst().answered) {
            inOrder.pollFirst();
        }
        if (inOrder.size() > 2 * byId.size() + 1024) {
            inOrder.removeIf(x -> x.answered);
        }
        return m;
    }

    /** Calls the action for each waiting message, oldest first. */
    void forEach(Consumer<Outgoing.Message> action) {
        for (Outgoing.Message m : inOrder) {
            if (!m.answered) {
                action.accept(m);
            }
        }
    }

    int size() {
        return byId.size();
    }

    void clear() {
        byId.clear();
        inOrder.clear();
    }
}
