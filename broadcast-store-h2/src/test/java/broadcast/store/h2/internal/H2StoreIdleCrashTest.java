package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoredMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static broadcast.store.h2.internal.Stores.durable;
import static broadcast.store.h2.internal.Stores.message;
import static broadcast.store.h2.internal.Stores.open;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a {@code kill -9} leaves when the store goes idle after a burst: the file as it is (every
 * write the process made is in it), copied while the store is open, must open with every message
 * whose durable stage completed. H2 2.5 writes its file header naming the chunk before the one it
 * is writing; a commit written into reused space inside the file, with none after it, was lost
 * that way (the hub acknowledged messages that a restart did not have).
 */
class H2StoreIdleCrashTest {

    private static final QueueKey QUEUE = QueueKey.channel("orders");

    @TempDir
    Path dir;

    @Test
    void shouldOpenEveryDurableMessageFromTheFileAsAKillLeavesItWhenIdle() throws Exception {
        Path path = dir.resolve("store");
        int total = 0;
        int acknowledged = 0;
        try (MessageStore store = open(path)) {
            for (int round = 0; round < 60; round++) {
                // A burst of appends in flight together (several group commits), then some acknowledged:
                // the file gets holes that later commits reuse.
                List<CompletableFuture<Void>> stages = new ArrayList<>();
                for (int i = 0; i < 40 + round % 7 * 10; i++) {
                    StoredMessage m = message("m" + total++, 0, 128);
                    stages.add(store.append(m, List.of(QUEUE)).durable().toCompletableFuture());
                }
                stages.forEach(Stores::durable);
                List<String> acks = new ArrayList<>();
                for (int i = acknowledged; i < total - 20; i++) {
                    acks.add("m" + i);
                }
                acknowledged = Math.max(acknowledged, total - 20);
                store.remove(QUEUE, acks);
                // An append after the removals: its durable stage covers them too.
                durable(store.append(message("m" + total++, 0, 128), List.of(QUEUE)).durable());

                Path copy = dir.resolve("copy-" + round + ".mv.db");
                Files.copy(Path.of(path + ".mv.db"), copy);
                try (MessageStore reopened = open(dir.resolve("copy-" + round))) {
                    assertEquals(total - acknowledged, reopened.count(QUEUE),
                            "round " + round + ": messages of the last commit are missing after a kill");
                }
            }
        }
    }
}
