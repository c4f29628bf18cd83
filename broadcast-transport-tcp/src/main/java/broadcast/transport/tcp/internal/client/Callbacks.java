package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionListener;
import broadcast.api.ConnectionState;
import broadcast.api.FailureListener;
import broadcast.api.MessageHandler;
import broadcast.api.Outcome;
import broadcast.api.OutcomeListener;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a client's handlers and listeners on its own callback thread, never on an I/O thread: one
 * at a time, in the order they were due. A handler or listener that throws is logged and counted;
 * the next one runs all the same. Thread-safe.
 */
final class Callbacks {

    private static final System.Logger LOG = System.getLogger(Callbacks.class.getName());

    private final BroadcastClient client;
    private final ExecutorService executor;
    private volatile Thread thread;
    final CopyOnWriteArrayList<ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<FailureListener> failureListeners = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<OutcomeListener> outcomeListeners = new CopyOnWriteArrayList<>();
    final LongAdder handlerFailures = new LongAdder();

    Callbacks(BroadcastClient client, String threadName) {
        this.client = client;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    /** Runs a task on the callback thread; dropped once the client is closed. */
    void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.log(Level.DEBUG, "callback dropped: the client is closed");
        }
    }

    boolean onCallbackThread() {
        return Thread.currentThread() == thread;
    }

    /** Lets queued callbacks run, then stops the thread (without waiting when called from it). */
    void shutdown() {
        executor.shutdown();
        if (!onCallbackThread()) {
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void stateChanged(ConnectionState previous, ConnectionState current, Throwable cause) {
        run(() -> {
            for (ConnectionListener l : connectionListeners) {
                safely(() -> l.onStateChanged(client, previous, current, cause), "connection listener");
            }
        });
    }

    /** Hub outcomes: complete the senders' stages and tell the listeners, in order. On the callback thread. */
    void outcomes(List<Outcome> outcomes, List<Outgoing.Message> messages) {
        run(() -> {
            for (int i = 0; i < outcomes.size(); i++) {
                Outcome o = outcomes.get(i);
                Outgoing.Message m = messages.get(i);
                if (m != null) {
                    m.stage.finish(o);
                }
                for (OutcomeListener l : outcomeListeners) {
                    safely(() -> l.onOutcome(client, o), "outcome listener");
                }
                if (!o.accepted()) {
                    for (FailureListener l : failureListeners) {
                        safely(() -> l.onNotDelivered(client, o), "failure listener");
                    }
                }
            }
        });
    }

    /**
     * Local completions (written transient messages, local refusals).
     *
     * @param outcomes the outcome of each message; {@code null} for {@code DELIVERED}
     */
    void completeLocally(List<Outgoing.Message> messages, List<Outcome> outcomes) {
        run(() -> {
            for (int i = 0; i < messages.size(); i++) {
                Outgoing.Message m = messages.get(i);
                Outcome given = outcomes.get(i);
                Outcome o = given != null ? given : Outcome.delivered(m.id);
                m.stage.finish(o);
                if (!o.accepted()) {
                    String reason = o.reason() + (o.detail().isEmpty() ? "" : ": " + o.detail());
                    for (FailureListener l : failureListeners) {
                        safely(() -> l.onDropped(client, o.messageId(), reason), "failure listener");
                    }
                }
            }
        });
    }

    void error(BroadcastException failure) {
        run(() -> {
            for (FailureListener l : failureListeners) {
                safely(() -> l.onError(client, failure), "failure listener");
            }
        });
    }

    void dropped(String messageId, String reason) {
        run(() -> {
            for (FailureListener l : failureListeners) {
                safely(() -> l.onDropped(client, messageId, reason), "failure listener");
            }
        });
    }

    /** Calls one handler; a failure is logged, counted and reported. On the callback thread. */
    void handle(MessageHandler handler, BroadcastMessage message) {
        try {
            handler.onMessage(message);
        } catch (Throwable t) {
            handlerFailures.increment();
            LOG.log(Level.WARNING, () -> "client '" + client.name() + "' - a handler threw on message " + message.id()
                    + ": " + t, t);
            for (FailureListener l : failureListeners) {
                safely(() -> l.onHandlerFailed(client, message, t), "failure listener");
            }
        }
    }

    private void safely(Runnable call, String what) {
        try {
            call.run();
        } catch (Throwable t) {
            LOG.log(Level.WARNING, () -> "client '" + client.name() + "' - a " + what + " threw: " + t, t);
        }
    }
}
