package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.StoredMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Helpers for the store tests: open a store on a path, make messages, wait for durability. */
final class Stores {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Stores() {
    }

    /** Opens an h2 store at {@code path} with extra settings given as key, value, key, value... */
    static MessageStore open(Path path, String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put("path", path.toString());
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return new H2StoreProvider().create(ProviderConfig.of("store \"h2\"", values));
    }

    static StoredMessage message(String id) {
        return message(id, 0, 16);
    }

    static StoredMessage message(String id, long expiresAt, int payloadBytes) {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (id.hashCode() + i);
        }
        return new StoredMessage(id, "sender", "receiver", null, "n", expiresAt, "application/octet-stream", payload);
    }

    /** Waits for a durable stage; fails the test if it failed or did not complete in time. */
    static void durable(CompletionStage<Void> stage) {
        try {
            stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("durable stage did not complete: " + e, e);
        }
    }
}
