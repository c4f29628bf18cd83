package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.MessageHandler;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The handler of {@code sub}, for its channels and its direct messages: prints each message once
 * (a message to a channel and to this client reaches both handlers), until {@code --count}
 * messages are printed or {@link #stop()} is called.
 *
 * <p><b>Nothing unprinted is acknowledged.</b> The client acknowledges the persistent messages of
 * a batch after its handlers return. Once stopped, the handler therefore holds a persistent
 * message it will not print until the client is closed, so that the hub keeps it (and sends it to
 * the next subscriber); the messages printed in that batch are then not acknowledged either and
 * may come again: at least once, never lost. A transient message is never acknowledged and is
 * just left.
 *
 * <p>Handler calls come one at a time from the client's callback thread; {@link #stop()} from
 * any thread. Thread-safe.
 */
final class Receiver implements MessageHandler {

    private static final long HOLD_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final PrintWriter out;
    private final long limit;
    private final Supplier<ConnectionState> state;
    private final CompletableFuture<Void> reached = new CompletableFuture<>();
    private final CompletableFuture<Void> holding = new CompletableFuture<>();
    private String lastId;
    private long printed;
    private boolean stopped;

    /**
     * @param limit how many messages to print, {@link Long#MAX_VALUE} for no limit
     * @param state the client's state, to hold a message until the client is closed
     */
    Receiver(PrintWriter out, long limit, Supplier<ConnectionState> state) {
        this.out = out;
        this.limit = limit;
        this.state = state;
    }

    @Override
    public void onMessage(BroadcastMessage message) {
        if (message.id().equals(lastId)) {
            return;
        }
        lastId = message.id();
        if (print(message)) {
            return;
        }
        if (message.persistent()) {
            holding.complete(null);
            while (state.get() != ConnectionState.CLOSED) {
                LockSupport.parkNanos(HOLD_CHECK_NANOS);
            }
        }
    }

    /** Prints the message unless stopped. @return whether it was printed */
    private synchronized boolean print(BroadcastMessage message) {
        if (stopped) {
            return false;
        }
        out.println(MessageLine.format(message));
        out.flush();
        if (++printed == limit) {
            stopped = true;
            reached.complete(null);
        }
        return true;
    }

    /** Prints no more. @return false if the count was reached (and printing had stopped) already */
    synchronized boolean stop() {
        if (stopped) {
            return !reached.isDone();
        }
        stopped = true;
        return true;
    }

    /** Completes when {@code --count} messages were printed. */
    CompletableFuture<Void> reached() {
        return reached;
    }

    /** Completes when the handler holds a message it will not print, blocking the callback thread. */
    CompletableFuture<Void> holding() {
        return holding;
    }
}
