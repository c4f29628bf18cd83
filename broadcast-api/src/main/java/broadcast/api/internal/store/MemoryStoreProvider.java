package broadcast.api.internal.store;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.OverflowPolicy;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.StoreLimits;
import broadcast.api.spi.StoreProvider;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code memory} store: queues in the heap, bounded, lost when the process ends. The default.
 * Settings: the {@link StoreLimits} keys only. Thread-safe.
 */
public final class MemoryStoreProvider implements StoreProvider {

    /** The default limits of the memory store. */
    public static final StoreLimits DEFAULT_LIMITS = new StoreLimits(100_000, 64L * 1024 * 1024, 1_000_000,
            512L * 1024 * 1024, OverflowPolicy.REJECT_NEW, Duration.ZERO);

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Set<String> settingKeys() {
        return StoreLimits.KEYS;
    }

    @Override
    public MessageStore create(ProviderConfig config) {
        config.requireKnownKeys(settingKeys());
        return new MemoryStore(StoreLimits.from(config, DEFAULT_LIMITS));
    }
}
