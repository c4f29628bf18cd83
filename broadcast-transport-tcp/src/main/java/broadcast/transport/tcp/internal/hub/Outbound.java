package broadcast.transport.tcp.internal.hub;

import io.netty.buffer.AbstractDerivedByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.WrappedByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The writes of one unit of work on a hub event loop (a read burst, a task), gathered so that each
 * connection is flushed once and each other event loop gets one task, not one per message.
 * Deliveries to sessions of this loop are written at once and flushed by {@link #flush()};
 * deliveries to sessions of other loops are batched per loop and handed over by {@link #flush()}.
 *
 * <p>One instance per thread ({@link #current()}); not thread-safe.
 */
final class Outbound {

    private static final FastThreadLocal<Outbound> CURRENT = new FastThreadLocal<>() {
        @Override
        protected Outbound initialValue() {
            return new Outbound();
        }
    };

    private final List<Session> touched = new ArrayList<>();
    private static final int MIN_BATCH = 16;
    /**
     * Larger frames go with a reference of their own: next to copying and sending their bytes a
     * reference count change is nothing, and with 64 KiB frames lending them cost more system
     * time in the {@code large} benchmark (a hint, on a loaded machine, not understood).
     */
    static final int MAX_LENT_BYTES = 8 * 1024;
    private static final int MAX_PRESIZE = 4096;

    private final Map<EventLoop, Batch> remote = new IdentityHashMap<>();
    private int lastBatchSize = MIN_BATCH;
    private List<Runnable> hooks = new ArrayList<>();
    private Executor hookExecutor;

    static Outbound current() {
        return CURRENT.get();
    }

    /**
     * Delivers a frame to a session; takes over one reference of {@code frame}.
     *
     * @param sequence the store sequence of a persistent message, 0 for a transient one
     */
    void deliver(Session to, ByteBuf frame, long sequence, String id, boolean persistent) {
        if (to.loop().inEventLoop()) {
            to.deliverLive(frame, sequence, id, persistent);
        } else {
            batchFor(to.loop()).add(to, frame, sequence, id, persistent);
        }
    }

    /**
     * Delivers a frame as received (a slice of the buffer it was read into); the frame stays the
     * caller's. A session of another loop is lent a frame of up to {@link #MAX_LENT_BYTES}: its
     * batch takes one reference of the received buffer, not one per frame (see {@link Run}).
     *
     * @param sequence the store sequence of a persistent message, 0 for a transient one
     */
    void deliverReceived(Session to, ByteBuf frame, long sequence, String id, boolean persistent) {
        if (to.loop().inEventLoop()) {
            to.deliverLive(frame.retainedSlice(), sequence, id, persistent);
            return;
        }
        ByteBuf buffer = frame.unwrap();
        int at = lendable(frame) ? Run.indexIn(frame, buffer) : -1;
        Batch batch = batchFor(to.loop());
        if (at < 0) {
            batch.add(to, frame.retainedSlice(), sequence, id, persistent);
        } else {
            batch.lend(to, buffer, at, frame.readableBytes(), sequence, id, persistent);
        }
    }

    /**
     * Whether a frame may be lent: a plain slice of a received buffer, not too large. A slice the
     * leak detector wraps is not: its buffer must be released through the wrapper, or the
     * detector reports a leak that is none.
     */
    private static boolean lendable(ByteBuf frame) {
        return frame instanceof AbstractDerivedByteBuf && !(frame instanceof WrappedByteBuf)
                && frame.readableBytes() <= MAX_LENT_BYTES;
    }

    private Batch batchFor(EventLoop loop) {
        Batch batch = remote.get(loop);
        if (batch == null) {
            // sized like the last batch: a burst of hundreds of deliveries does not grow its arrays step by step
            batch = new Batch(lastBatchSize);
            remote.put(loop, batch);
        }
        return batch;
    }

    /** Marks a session of this loop as written to; it is flushed once by {@link #flush()}. */
    void touch(Session session) {
        if (!session.flushPending) {
            session.flushPending = true;
            touched.add(session);
        }
    }

    /** Runs a user hook off the loop once this unit's writes are flushed; the hooks of one unit go as one task. */
    void hook(Executor executor, Runnable call) {
        hookExecutor = executor;
        hooks.add(call);
    }

    /** Flushes the sessions written to and hands the batches for other loops over. */
    void flush() {
        // A session's flush may write more (its outcomes), touching nothing new: it is already marked.
        for (int i = 0; i < touched.size(); i++) {
            Session s = touched.get(i);
            s.flushPending = false;
            s.flushNow();
        }
        touched.clear();
        if (!remote.isEmpty()) {
            for (Map.Entry<EventLoop, Batch> e : remote.entrySet()) {
                lastBatchSize = Math.min(e.getValue().size, MAX_PRESIZE);
                e.getKey().execute(e.getValue());
            }
            remote.clear();
        }
        if (!hooks.isEmpty()) {
            List<Runnable> batch = hooks;
            hooks = new ArrayList<>();
            try {
                hookExecutor.execute(() -> batch.forEach(Runnable::run));
            } catch (RejectedExecutionException closing) {
                // The hub is closing: the hooks are dropped with it.
            }
        }
    }

    /**
     * Deliveries for the sessions of one other loop, run there as one task. A delivery is a frame
     * with a reference of its own, or a lent one: its place in a received buffer, of which the
     * batch holds one reference until it has run.
     */
    private static final class Batch implements Runnable {
        private Session[] sessions;
        /** A frame of its own, or the received buffer a lent frame lies in. */
        private ByteBuf[] frames;
        /** Where a lent frame starts in its buffer; -1 for a frame of its own. */
        private int[] at;
        private int[] bytes;
        private long[] sequences;
        private String[] ids;
        private boolean[] persistent;
        private int size;
        /** The received buffers this batch holds a reference of. */
        private final List<ByteBuf> held = new ArrayList<>(2);
        private ByteBuf lastHeld;

        Batch(int expected) {
            int n = Math.max(MIN_BATCH, expected);
            sessions = new Session[n];
            frames = new ByteBuf[n];
            at = new int[n];
            bytes = new int[n];
            sequences = new long[n];
            ids = new String[n];
            persistent = new boolean[n];
        }

        void add(Session to, ByteBuf frame, long sequence, String id, boolean isPersistent) {
            put(to, frame, -1, 0, sequence, id, isPersistent);
        }

        void lend(Session to, ByteBuf buffer, int index, int length, long sequence, String id, boolean isPersistent) {
            if (buffer != lastHeld) {
                if (!holds(buffer)) {
                    held.add(buffer.retain());
                }
                lastHeld = buffer;
            }
            put(to, buffer, index, length, sequence, id, isPersistent);
        }

        /** By identity: {@link ByteBuf#equals} compares contents. */
        private boolean holds(ByteBuf buffer) {
            for (int i = 0; i < held.size(); i++) {
                if (held.get(i) == buffer) {
                    return true;
                }
            }
            return false;
        }

        private void put(Session to, ByteBuf frame, int index, int length, long sequence, String id,
                         boolean isPersistent) {
            if (size == sessions.length) {
                int n = size * 2;
                sessions = java.util.Arrays.copyOf(sessions, n);
                frames = java.util.Arrays.copyOf(frames, n);
                at = java.util.Arrays.copyOf(at, n);
                bytes = java.util.Arrays.copyOf(bytes, n);
                sequences = java.util.Arrays.copyOf(sequences, n);
                ids = java.util.Arrays.copyOf(ids, n);
                persistent = java.util.Arrays.copyOf(persistent, n);
            }
            sessions[size] = to;
            frames[size] = frame;
            at[size] = index;
            bytes[size] = length;
            sequences[size] = sequence;
            ids[size] = id;
            persistent[size] = isPersistent;
            size++;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < size; i++) {
                    if (at[i] < 0) {
                        sessions[i].deliverLive(frames[i], sequences[i], ids[i], persistent[i]);
                    } else {
                        sessions[i].deliverLent(frames[i], at[i], bytes[i], sequences[i], ids[i], persistent[i]);
                    }
                }
                current().flush();
            } finally {
                for (int i = 0; i < held.size(); i++) {
                    held.get(i).release();
                }
            }
        }
    }
}
