package broadcast.store.h2.internal;

import broadcast.api.spi.MessageStore;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.StoreProvider;

import java.util.Set;

/**
 * The {@code h2} store: durable queues in an embedded H2 MVStore file. Settings and guarantees are
 * in the module documentation. Holds nothing; each {@link #create} opens a file. Thread-safe.
 */
public final class H2StoreProvider implements StoreProvider {

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public Set<String> settingKeys() {
        return H2Settings.KEYS;
    }

    @Override
    public MessageStore create(ProviderConfig config) {
        return H2Store.open(H2Settings.from(config));
    }
}
