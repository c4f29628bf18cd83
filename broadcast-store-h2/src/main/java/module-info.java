/**
 * The {@code h2} store: queues that survive a crash of the hub, kept in one embedded H2 file.
 * Choose it with {@code BROADCAST_STORE=h2} or {@code BroadcastConfig.builder().store("h2")}; this
 * module only has to be on the module path (or class path). It exports nothing.
 *
 * <h2>Settings</h2>
 * <table class="striped">
 * <caption>Settings of the h2 store</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code path}</td><td>{@code ./broadcast-data/broadcast}</td><td>the database file without its
 *     extension: the store keeps {@code PATH.mv.db}; missing directories are created</td></tr>
 * <tr><td>{@code max-queue-messages}</td><td>5,000,000</td><td>entries one queue may hold</td></tr>
 * <tr><td>{@code max-queue-bytes}</td><td>{@code 2GiB}</td><td>bytes one queue may hold</td></tr>
 * <tr><td>{@code max-total-messages}</td><td>20,000,000</td><td>messages the store may hold (a fan-out message counts once)</td></tr>
 * <tr><td>{@code max-total-bytes}</td><td>{@code 8GiB}</td><td>bytes the store may hold</td></tr>
 * <tr><td>{@code overflow}</td><td>{@code reject-new}</td><td>{@code reject-new} or {@code drop-oldest}, past a bound</td></tr>
 * <tr><td>{@code retention}</td><td>{@code 0} (no limit)</td><td>the longest a message is kept, whatever its own
 *     expiry, such as {@code 7d}: set one if clients may never come back</td></tr>
 * <tr><td>{@code commit-interval}</td><td>{@code 1ms}</td><td>the shortest time between the starts of two
 *     group commits (0 to 1s): longer makes bigger groups and fewer fsyncs under load, and adds at most that much
 *     to the time before a message is durable</td></tr>
 * <tr><td>{@code cache-size}</td><td>{@code 64MiB}</td><td>H2's page cache for the file, in the heap: with the
 *     store's counters (a few dozen bytes per queue) the heap it needs, whatever the length of the queues</td></tr>
 * </table>
 * Other keys are refused with the list of supported ones. Bytes are written like {@code 64MiB},
 * durations like {@code 500ms}, {@code 10s}, {@code 7d}.
 *
 * <h2>Durability</h2>
 * A message is written and fsynced ({@code FileChannel.force}) before the {@code durable} stage of
 * its append completes, so before the hub tells its sender {@code DELIVERED} or {@code QUEUED}.
 * Commits are grouped: {@code append} and {@code remove} change H2's maps in memory (they never
 * wait for the disk), and one writer thread commits everything changed since its last commit as
 * one H2 version (H2's {@code MVStore.commit} writes a chunk to the file), then fsyncs the file
 * ({@code MVStore.sync}), then completes the {@code durable} stages of that group. H2's own
 * background writer and auto-commit are off: by default H2 writes only every second and never
 * fsyncs on commit, which would lose acknowledged messages. The {@code durable} stage completes on
 * the writer thread: what depends on it must be quick. A message sent to several queues is
 * written once with one entry per queue, and deleted when its last entry is removed (acknowledged,
 * dropped by the overflow policy, or expired). Removals become durable with the next commit; until
 * then a restart may deliver them again (the client drops duplicates by id).
 * <ul>
 * <li>After a {@code kill -9} of the hub: every message whose {@code durable} stage completed is
 *     there, in order, once; so are messages whose commit reached the file before the kill.</li>
 * <li>After a power loss or an OS crash: the same, as far as the disk honours fsync (a disk or
 *     virtual disk that acknowledges writes from a volatile cache can lose the last ones).</li>
 * </ul>
 * H2 keeps the file consistent by writing each version as a new chunk and only reusing space that
 * no synced version refers to; on open it takes the newest complete version it can find: the one
 * its file header names, or one at the end of the file. (H2 2.5's header can name the version
 * before a chunk written into reused space; when a commit lands there, the store writes a small
 * extra version at the end of the file before the commit counts as durable, so a crash right
 * after it loses nothing.)
 *
 * <h2>A file in use, damaged, or newer</h2>
 * A second store on the same file (another process, or another store in this process) fails at
 * once with a {@link broadcast.api.spi.StoreException} saying the file is in use. Opening reads the
 * whole file once (a few seconds per million messages) and counts the queues; an empty, truncated
 * or corrupt file fails with a {@code StoreException} that names the file and says what to do (move
 * it aside to start empty, or restore a backup); the store never starts empty over a damaged file.
 * The file carries a schema version: a file of a newer release is refused, naming both versions.
 *
 * <h2>Why H2's MVStore API, not SQL</h2>
 * Measured on the benchmark machine (2 cores), the JDBC route (a table of messages and one of queue
 * entries with a unique index on queue and id, batched inserts and deletes, one {@code COMMIT} and
 * {@code CHECKPOINT SYNC} per group of 1,000) reached about 40,000 append-and-remove pairs per
 * second of one core's CPU, the same work on MVStore maps about 200,000 to 290,000; the hub needs
 * 100,000 with room to spare. So the store uses H2's MVStore ({@code requires com.h2database}), the
 * engine under H2's SQL layer: the same file format, crash recovery and locking, without SQL
 * parsing, row encoding and undo logs. The file is an H2 MVStore file ({@code
 * org.h2.mvstore.MVStoreTool} can dump it), not SQL tables. A message for one queue costs two map
 * writes to append (its entry, holding the message, and its id) and two to remove; a message
 * acknowledged before its group commits (a live stream) one of each, its id never reaching the file.
 *
 * @provides broadcast.api.spi.StoreProvider the {@code h2} store
 */
@SuppressWarnings("module") // the name ends in a digit: it is the store's name, h2
module broadcast.store.h2 {
    requires broadcast.api;
    requires com.h2database;

    provides broadcast.api.spi.StoreProvider with broadcast.store.h2.internal.H2StoreProvider;
}
