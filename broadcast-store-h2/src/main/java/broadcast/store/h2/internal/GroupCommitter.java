package broadcast.store.h2.internal;

import broadcast.api.spi.StoreException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one writer thread: it turns every change made since its last commit into one MVStore
 * version (a chunk written to the file), fsyncs the file, and then completes the {@code durable}
 * stage shared by the appends of that group.
 *
 * <p>Callers change the maps under the store's lock and call {@link #changed} or {@link #joinGroup}
 * under it; the committer takes the same lock only while H2 writes the chunk (page-cache writes, no
 * disk wait), so no commit ever holds half an operation. The fsync, which waits for the disk, runs
 * without the lock while the next group gathers. With {@code commit-interval} above zero, two
 * commits start at least that far apart, so groups grow under load. Thread-safe.
 */
final class GroupCommitter implements Runnable {

    private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());
    /** Commits between two attempts to compact chunks that hold little live data. */
    private static final int COMPACT_EVERY = 512;

    private final StoreFile file;
    private final ReentrantLock lock;
    private final Condition work;
    private final long intervalNanos;
    private final Runnable beforeCommit;
    private final Thread thread;
    /** The group being gathered: completed when a commit that includes it is on disk. */
    private CompletableFuture<Void> group = new CompletableFuture<>();
    /** The read-only view of {@link #group} handed to every append of the group: one dependent per group. */
    private CompletionStage<Void> groupStage = group.minimalCompletionStage();
    /** The group being written and synced; touched by the writer thread only. */
    private CompletableFuture<Void> committing;
    private boolean dirty;
    private volatile boolean stopping;
    private volatile StoreException failure;
    private long commits;

    /**
     * @param beforeCommit runs under the lock just before each commit (to record counters in the file)
     */
    GroupCommitter(StoreFile file, ReentrantLock lock, Duration interval, Runnable beforeCommit) {
        this.file = file;
        this.lock = lock;
        this.work = lock.newCondition();
        this.intervalNanos = interval.toNanos();
        this.beforeCommit = beforeCommit;
        this.thread = new Thread(this, "broadcast-h2-writer " + file.file.getFileName());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Marks the maps changed, so the next commit writes them. Caller holds the lock. */
    void changed() {
        if (!dirty) {
            dirty = true;
            work.signal();
        }
    }

    /** Marks the maps changed and returns the stage that completes when this change is on disk. Caller holds the lock. */
    CompletionStage<Void> joinGroup() {
        changed();
        return groupStage;
    }

    /** Why writing failed, or null. */
    StoreException failure() {
        return failure;
    }

    /** Commits what is pending, then ends the thread and waits for it. Caller must not hold the lock. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            long lastStart;
            while (commitNext()) {
                lastStart = System.nanoTime();
                file.store.sync();
                committing.complete(null);
                committing = null;
                if (++commits % COMPACT_EVERY == 0) {
                    compact();
                }
                pace(lastStart);
            }
        } catch (RuntimeException | Error e) {
            StoreException error = new StoreException("h2 store file " + file.file + " could not be written, the "
                    + "store stopped: " + e, e);
            LOG.log(System.Logger.Level.ERROR, error.getMessage(), e);
            if (committing != null) {
                committing.completeExceptionally(error);
            }
            fail(error);
        }
    }

    /** Waits for changes and commits them under the lock, as {@link #committing}; false when stopped. */
    private boolean commitNext() {
        lock.lock();
        try {
            while (!dirty && !stopping) {
                work.awaitUninterruptibly();
            }
            if (!dirty || failure != null) {
                return false;
            }
            committing = group;
            group = new CompletableFuture<>();
            groupStage = group.minimalCompletionStage();
            dirty = false;
            beforeCommit.run();
            file.store.commit();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the store for good: nothing more is committed, and the appends waiting for the next
     * commit fail with the error. Any thread; the first error is kept.
     */
    void fail(StoreException error) {
        CompletableFuture<Void> pending;
        lock.lock();
        try {
            if (failure == null) {
                failure = error;
            }
            stopping = true;
            work.signal();
            pending = group;
        } finally {
            lock.unlock();
        }
        pending.completeExceptionally(error);
    }

    private void pace(long lastStart) {
        long wait;
        while ((wait = lastStart + intervalNanos - System.nanoTime()) > 0 && !stopping) {
            LockSupport.parkNanos(this, wait);
        }
    }

    /** Moves the live pages out of chunks that are mostly dead, so their space is reused. */
    private void compact() {
        file.store.compact(50, 4 << 20);
        lock.lock();
        try {
            changed();
        } finally {
            lock.unlock();
        }
    }
}
