package broadcast.store.h2.internal;

import broadcast.api.spi.StoreException;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The open MVStore file and its maps:
 *
 * <ul>
 * <li>{@code meta}: text settings, among them {@code schema-version} and the sequence reached;
 * <li>{@code queues}: queue id &rarr; queue key text ({@code client:bob});
 * <li>{@code entries}: (queue id, sequence) &rarr; the message record ({@link Records}) when that queue
 *     is the only one that holds the message, else an empty value: the queues, in order;
 * <li>{@code shared}: sequence &rarr; the record of a message appended to several queues, kept once;
 * <li>{@code ids}: (queue id, message id) &rarr; {@link Slot} (sequence, size, expiry), for removal by id;
 * <li>{@code expiry}: (expiry, sequence) &rarr; the id of the queue that holds the message (0: see
 *     {@code shared}), for messages with an expiry of their own, earlier than the retention.
 * </ul>
 * A message for one queue, the common case, costs one entry and one id: two map writes to append,
 * two to remove; one of each when it is removed before the next commit (the store writes the ids
 * of new appends into {@code ids} just before each commit).
 *
 * The store is opened with H2's own background writer and auto-commit off: only the group
 * committer writes, so every version on disk is a state between whole operations. Opening refuses
 * a locked, damaged or newer file with a {@link StoreException} naming the file. Thread-safe (MVMaps are).
 */
final class StoreFile {

    /** The schema this release writes and reads. A later release migrates from it. */
    static final int SCHEMA_VERSION = 1;
    static final String SCHEMA_KEY = "schema-version";
    static final String SEQUENCE_KEY = "sequence";
    static final String CLOSED_KEY = "closed";
    /** A meta entry changed only to write a small version at the end of the file (see {@link #commit()}). */
    static final String MARK_KEY = "mark";
    /** The most end-of-file versions written after one commit before giving up (and saying so). */
    private static final int MAX_MARKS = 8;
    private static final System.Logger LOG = System.getLogger(StoreFile.class.getName());

    final Path file;
    final MVStore store;
    final MVMap<String, String> meta;
    final MVMap<Long, String> queues;
    final MVMap<Pair, byte[]> entries;
    final MVMap<Long, byte[]> shared;
    final MVMap<IdKey, Slot> ids;
    final MVMap<Pair, Long> expiry;
    private long marks;

    private StoreFile(Path file, MVStore store) {
        this.file = file;
        this.store = store;
        this.meta = store.openMap("meta", new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.queues = store.openMap("queues", new MVMap.Builder<Long, String>()
                .keyType(LongDataType.INSTANCE).valueType(StringDataType.INSTANCE));
        this.entries = store.openMap("entries", new MVMap.Builder<Pair, byte[]>()
                .keyType(Pair.Type.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.shared = store.openMap("shared", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.ids = store.openMap("ids", new MVMap.Builder<IdKey, Slot>()
                .keyType(IdKey.Type.INSTANCE).valueType(Slot.Type.INSTANCE));
        this.expiry = store.openMap("expiry", new MVMap.Builder<Pair, Long>()
                .keyType(Pair.Type.INSTANCE).valueType(LongDataType.INSTANCE));
    }

    /**
     * Opens or creates the file and checks its schema.
     *
     * @throws StoreException if the file is in use, damaged, or written by a newer release
     */
    static StoreFile open(Path file, long cacheBytes) {
        boolean existed = prepare(file);
        MVStore store = openStore(file, cacheBytes);
        try {
            // Every commit is followed by an fsync, so a chunk that no kept version uses can be
            // reused at once; H2's default keeps dead chunks for 45 s, for writers that never sync.
            store.setRetentionTime(0);
            StoreFile f = new StoreFile(file, store);
            if (existed) {
                checkComplete(file, store);
                f.checkSchema();
            } else {
                f.createSchema();
            }
            return f;
        } catch (StoreException e) {
            store.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw damaged(file, e.getMessage(), e);
        }
    }

    private static boolean prepare(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (!Files.exists(file)) {
                return false;
            }
            if (Files.size(file) == 0) {
                throw damaged(file, "the file is empty (0 bytes)", null);
            }
            return true;
        } catch (IOException e) {
            throw new StoreException("h2 store file " + file + " cannot be opened: " + e, e);
        }
    }

    private static MVStore openStore(Path file, long cacheBytes) {
        try {
            return new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .cacheSize((int) Math.max(1, cacheBytes >> 20))
                    .open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new StoreException("h2 store file " + file + " is in use by another store (another hub "
                        + "process, or another store in this process): close that one first, or choose another path", e);
            }
            if (e.getErrorCode() == DataUtils.ERROR_READING_FAILED) {
                throw damaged(file, "it ends before its data: truncated? " + e.getMessage(), e);
            }
            throw damaged(file, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw damaged(file, String.valueOf(e), e);
        }
    }

    /**
     * H2 opens the newest complete version it finds: after a crash that is right (the last commit
     * may be torn and was never reported durable), but a truncated or overwritten file would
     * silently lose versions. The file header names the version it was written with; only the
     * commit under way when the header was written may be missing.
     */
    private static void checkComplete(Path file, MVStore store) {
        long version = headerVersion(store);
        if (version < 0) {
            return;
        }
        long found = store.getCurrentVersion();
        if (version > found + 1) {
            throw damaged(file, "truncated or overwritten: its header names version " + version
                    + ", but only version " + found + " can be read", null);
        }
    }

    /** The version the file header names, or -1 when it names none. */
    private static long headerVersion(MVStore store) {
        Object version = store.getStoreHeader().get("version");
        if (version == null) {
            return -1;
        }
        return version instanceof Number n ? n.longValue() : Long.parseLong(version.toString(), 16);
    }

    /**
     * Writes everything changed as one version (not synced), in a way H2 finds again after a
     * crash. Caller holds the store's lock; one thread at a time.
     *
     * <p>After a crash H2 opens the version its file header names, or a newer one it finds at the
     * end of the file or by following each chunk's predicted successor. H2 2.5 writes that header,
     * when a chunk goes into reused space inside the file, naming the chunk <em>before</em> it; so
     * such a chunk, when no other follows it before the crash (the hub went idle), is found by
     * nothing, and H2 opens the version before it: acknowledged messages would be lost. So when a
     * commit neither ended the file nor got named by the header, a small version follows at the
     * end of the file (space reuse off for it), which H2 finds there and which refers to the one
     * before. That costs a small extra write, never an extra fsync.
     */
    void commit() {
        FileStore<?> fs = store.getFileStore();
        long sizeBefore = fs.size();
        if (store.commit() < 0) {
            return;
        }
        long version = fs.lastChunkVersion();
        for (int i = 0; fs.size() <= sizeBefore && headerVersion(store) < version; i++) {
            if (i == MAX_MARKS) {
                LOG.log(System.Logger.Level.WARNING, () -> "h2 store file " + file + ": version " + version
                        + " is still not at the end of the file after " + MAX_MARKS + " further versions");
                return;
            }
            sizeBefore = fs.size();
            fs.setReuseSpace(false);
            try {
                meta.put(MARK_KEY, Long.toString(++marks));
                store.commit();
            } finally {
                fs.setReuseSpace(true);
            }
        }
    }

    private void createSchema() {
        meta.put(SCHEMA_KEY, Integer.toString(SCHEMA_VERSION));
        meta.put("created", Instant.now().toString());
        commit();
        store.sync();
    }

    private void checkSchema() {
        String version = meta.get(SCHEMA_KEY);
        if (version == null) {
            throw damaged(file, "it holds no broadcast schema version: it is not a broadcast store file, or it was "
                    + "truncated or damaged", null);
        }
        int v;
        try {
            v = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw damaged(file, "its schema version is \"" + version + "\"", e);
        }
        if (v > SCHEMA_VERSION) {
            throw new StoreException("h2 store file " + file + " has schema version " + v + ", written by a newer "
                    + "release of broadcast; this release reads schema version " + SCHEMA_VERSION
                    + ": run the newer release, or move the file aside to start with an empty store");
        }
    }

    /** A store failure for a damaged file: names it and says what to do. */
    static StoreException damaged(Path file, String what, Throwable cause) {
        return new StoreException("h2 store file " + file + " is damaged (" + what + "); the store will not start "
                + "on it: move the file aside to start with an empty store, or restore it from a backup", cause);
    }
}
