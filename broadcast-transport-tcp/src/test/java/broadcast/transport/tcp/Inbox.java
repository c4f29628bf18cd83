package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import broadcast.api.MessageHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A handler that records the messages it gets, and lets a test wait for them. Thread-safe. */
final class Inbox implements MessageHandler {

    private final List<BroadcastMessage> messages = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();

    @Override
    public synchronized void onMessage(BroadcastMessage message) {
        messages.add(message);
        threads.add(Thread.currentThread().getName());
        notifyAll();
    }

    synchronized List<BroadcastMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> threads() {
        return List.copyOf(threads);
    }

    synchronized int size() {
        return messages.size();
    }

    /** The data of the messages, as strings. */
    synchronized List<String> texts() {
        List<String> out = new ArrayList<>();
        for (BroadcastMessage m : messages) {
            out.add(String.valueOf(m.data()));
        }
        return out;
    }

    synchronized List<String> ids() {
        List<String> out = new ArrayList<>();
        for (BroadcastMessage m : messages) {
            out.add(m.id());
        }
        return out;
    }

    /** Waits until at least {@code n} messages arrived. */
    List<BroadcastMessage> await(int n) {
        return await(n, Eventually.DEFAULT);
    }

    synchronized List<BroadcastMessage> await(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " messages within " + timeout.toMillis() + " ms, got "
                        + messages.size() + ": " + texts());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return List.copyOf(messages);
    }
}
