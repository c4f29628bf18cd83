package broadcast.cli.internal;

import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the messages of {@code pub} and prints the hub's outcome of each, in the order sent, as
 * {@code ID DELIVERED}, {@code ID QUEUED} or {@code ID NOT_DELIVERED REASON}. At most
 * {@value #WINDOW} messages wait for their outcome at a time, well within the client's outbox.
 * {@link #send} and {@link #finish} from one thread; the outcomes are printed by a thread of its
 * own. Thread-safe as used.
 */
final class Publisher {

    static final int WINDOW = 1_000;

    private record Sent(String id, CompletableFuture<Outcome> outcome) {
    }

    private static final Sent END = new Sent("", CompletableFuture.completedFuture(null));

    private final BroadcastClient client;
    private final PrintWriter out;
    private final Duration timeout;
    private final Semaphore window = new Semaphore(WINDOW);
    private final BlockingQueue<Sent> pending = new LinkedBlockingQueue<>();
    private final Thread printer;
    private volatile boolean notDelivered;
    private volatile String failure;

    /** @param timeout how long each outcome may take, from the time its message is first in line */
    Publisher(BroadcastClient client, PrintWriter out, Duration timeout) {
        this.client = client;
        this.out = out;
        this.timeout = timeout;
        this.printer = new Thread(this::printOutcomes, "broadcast-pub-outcomes");
        printer.setDaemon(true);
        printer.start();
    }

    /**
     * Sends a message once fewer than {@value #WINDOW} wait for an outcome.
     *
     * @throws CliException if an outcome did not come in time, or the data cannot be encoded
     */
    void send(BroadcastMessage message) throws InterruptedException {
        while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            failIfFailed();
        }
        failIfFailed();
        CompletableFuture<Outcome> outcome;
        try {
            outcome = client.sendMessage(message).toCompletableFuture();
        } catch (RuntimeException e) {
            window.release();
            throw new CliException("cannot send message " + message.id() + ": " + e.getMessage(), e);
        }
        pending.add(new Sent(message.id(), outcome));
    }

    /**
     * Waits for the outcomes of every message sent.
     *
     * @return {@link Status#NOT_DELIVERED} if any was not delivered, else {@link Status#OK}
     * @throws CliException if an outcome did not come in time
     */
    int finish() throws InterruptedException {
        pending.add(END);
        printer.join();
        failIfFailed();
        return notDelivered ? Status.NOT_DELIVERED : Status.OK;
    }

    private void failIfFailed() {
        String f = failure;
        if (f != null) {
            throw new CliException(f);
        }
    }

    private void printOutcomes() {
        try {
            for (Sent sent = pending.take(); sent != END; sent = pending.take()) {
                Outcome outcome = sent.outcome().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
                out.println(outcome);
                out.flush();
                if (!outcome.accepted()) {
                    notDelivered = true;
                }
                window.release();
            }
        } catch (TimeoutException e) {
            failure = "no outcome from the hub for a message within " + Clients.seconds(timeout) + " (--timeout)";
        } catch (ExecutionException e) {
            failure = "sending failed: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            failure = "interrupted";
        }
    }
}
