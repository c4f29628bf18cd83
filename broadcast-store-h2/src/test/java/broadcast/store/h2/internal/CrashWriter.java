package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The process that {@link H2StoreCrashTest} kills: opens a store, prints {@code ready}, appends
 * {@code count} messages as the hub does (many in flight), and prints {@code durable ID} once the
 * durable stage of that message completed. Message {@code i} goes to {@link #queuesOf(int)}; every
 * fourth message of queue {@code a} is acknowledged (removed) once durable, and its line is then
 * {@code durable ID acking}, printed before the removal. Ends with {@code closed} after a normal close.
 *
 * <p>Arguments: the store path, the message count.
 */
public final class CrashWriter {

    static final QueueKey A = QueueKey.client("a");
    static final QueueKey B = QueueKey.client("b");
    static final int IN_FLIGHT = 2_000;

    private CrashWriter() {
    }

    /** The queues of message {@code i}: every third goes to both (a fan-out), the others alternate. */
    static List<QueueKey> queuesOf(int i) {
        if (i % 3 == 0) {
            return List.of(A, B);
        }
        return List.of(i % 2 == 0 ? A : B);
    }

    static boolean acked(int i) {
        return i % 4 == 0 && queuesOf(i).contains(A);
    }

    static String id(int i) {
        return "m" + i;
    }

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        Semaphore window = new Semaphore(IN_FLIGHT);
        MessageStore store = Stores.open(path);
        out.println("ready");
        for (int i = 0; i < count; i++) {
            window.acquire();
            int n = i;
            store.append(Stores.message(id(i), 0, 128), queuesOf(i)).durable().whenComplete((ok, error) -> {
                if (error == null && acked(n)) {
                    // one line, printed before the removal: a kill can come between the two
                    out.println("durable " + id(n) + " acking");
                    store.remove(A, List.of(id(n)));
                } else if (error == null) {
                    out.println("durable " + id(n));
                }
                window.release();
            });
        }
        window.acquire(IN_FLIGHT);
        store.close();
        out.println("closed");
    }
}
