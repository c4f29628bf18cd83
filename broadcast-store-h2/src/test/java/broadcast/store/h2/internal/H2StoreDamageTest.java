package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoreException;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static broadcast.store.h2.internal.Stores.durable;
import static broadcast.store.h2.internal.Stores.message;
import static broadcast.store.h2.internal.Stores.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class H2StoreDamageTest {

    private static final QueueKey BOB = QueueKey.client("bob");

    @TempDir
    Path dir;

    private Path path() {
        return dir.resolve("store");
    }

    private Path file() {
        return dir.resolve("store.mv.db");
    }

    /** Fills a store with messages over many commits and closes it; returns the file length. */
    private long fill(int messages) throws IOException {
        try (MessageStore store = open(path(), "commit-interval", "0")) {
            for (int i = 0; i < messages; i++) {
                var r = store.append(message("m" + i, 0, 200), List.of(BOB));
                if (i % 500 == 499) {
                    durable(r.durable());
                }
            }
        }
        return Files.size(file());
    }

    private StoreException refused() {
        return assertThrows(StoreException.class, () -> open(path()).close());
    }

    private static void assertDamaged(StoreException e, Path file) {
        String text = e.getMessage();
        assertTrue(text.contains(file.toString()), text);
        assertTrue(text.contains("damaged"), text);
        assertTrue(text.contains("move the file aside"), text);
    }

    @Test
    void shouldRefuseASecondStoreOnTheSameFileAtOnce() {
        try (MessageStore first = open(path())) {
            first.append(message("m1"), List.of(BOB));
            StoreException e = refused();
            assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertEquals(1, first.count(BOB));
        }
        try (MessageStore again = open(path())) {
            assertEquals(1, again.count(BOB));
        }
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException {
        Files.createFile(file());
        StoreException e = refused();
        assertDamaged(e, file());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(0, Files.size(file()));
    }

    @Test
    void shouldRefuseATruncatedFile() throws IOException {
        long length = fill(5_000);
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(length / 2);
        }
        StoreException e = refused();
        assertDamaged(e, file());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shouldRefuseAFileWithGarbageInTheMiddle() throws IOException {
        long length = fill(5_000);
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek(length / 3);
            f.write(garbage);
        }
        assertDamaged(refused(), file());
    }

    @Test
    void shouldRefuseAFileWithADamagedHeader() throws IOException {
        fill(100);
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.write(new byte[8192]);
        }
        assertDamaged(refused(), file());
    }

    @Test
    void shouldRefuseAFileOfANewerSchema() throws IOException {
        fill(1);
        MVStore raw = MVStore.open(file().toString());
        raw.openMap("meta", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                .valueType(StringDataType.INSTANCE)).put(StoreFile.SCHEMA_KEY, "2");
        raw.close();
        StoreException e = refused();
        assertTrue(e.getMessage().contains("schema version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("newer release"), e.getMessage());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    }

    @Test
    void shouldRefuseAnH2FileThatIsNotABroadcastStore() {
        MVStore raw = MVStore.open(file().toString());
        raw.<String, String>openMap("other").put("a", "b");
        raw.close();
        StoreException e = refused();
        assertDamaged(e, file());
        assertTrue(e.getMessage().contains("not a broadcast store file"), e.getMessage());
    }
}
