package broadcast.store.h2.internal;

import broadcast.api.spi.StoreException;

import org.h2.mvstore.DataUtils;
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
 * two to remove.
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

    final Path file;
    final MVStore store;
    final MVMap<String, String> meta;
    final MVMap<Long, String> queues;
    final MVMap<Pair, byte[]> entries;
    final MVMap<Long, byte[]> shared;
    final MVMap<IdKey, Slot> ids;
    final MVMap<Pair, Long> expiry;

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
        Object hinted = store.getStoreHeader().get("version");
        if (hinted == null) {
            return;
        }
        long version = hinted instanceof Number n ? n.longValue() : Long.parseLong(hinted.toString(), 16);
        long found = store.getCurrentVersion();
        if (version > found + 1) {
            throw damaged(file, "truncated or overwritten: its header names version " + version
                    + ", but only version " + found + " can be read", null);
        }
    }

    private void createSchema() {
        meta.put(SCHEMA_KEY, Integer.toString(SCHEMA_VERSION));
        meta.put("created", Instant.now().toString());
        store.commit();
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
