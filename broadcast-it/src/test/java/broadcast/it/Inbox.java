package broadcast.it;

import broadcast.api.BroadcastMessage;
import broadcast.api.MessageHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A handler that records the messages it gets, in order. Thread-safe. */
final class Inbox implements MessageHandler {

    private final List<BroadcastMessage> messages = new ArrayList<>();

    @Override
    public synchronized void onMessage(BroadcastMessage message) {
        messages.add(message);
    }

    synchronized List<BroadcastMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized int size() {
        return messages.size();
    }

    synchronized List<String> ids() {
        List<String> ids = new ArrayList<>(messages.size());
        for (BroadcastMessage m : messages) {
            ids.add(m.id());
        }
        return ids;
    }

    /** Waits until at least {@code n} messages arrived; all of them. */
    List<BroadcastMessage> await(int n, Duration timeout) {
        Await.until(() -> size() >= n, timeout, () -> "expected " + n + " messages, got " + size());
        return messages();
    }
}
