package broadcast.transport.tcp.internal.hub;

import broadcast.api.Outcome;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** The hub as the sender of its own message: the outcome completes a future, off the event loops. Thread-safe. */
final class HubSender implements Sender {

    private final String name;
    private final CompletableFuture<Outcome> result;
    private final Executor callbacks;

    HubSender(String name, CompletableFuture<Outcome> result, Executor callbacks) {
        this.name = name;
        this.result = result;
        this.callbacks = callbacks;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void outcome(Outcome outcome) {
        try {
            callbacks.execute(() -> result.complete(outcome));
        } catch (RejectedExecutionException closing) {
            result.complete(outcome);
        }
    }
}
