package broadcast.api.spi;

import java.util.Set;

/**
 * Makes {@link MessageStore}s of one kind. Found by {@link Providers} through
 * {@link java.util.ServiceLoader}. A provider is cheap to make and holds no resources: the store
 * opens its files in {@link #create}. Thread-safe.
 */
public interface StoreProvider {

    /** The stable lower-case name users choose the store by, e.g. {@code memory} or {@code h2}. */
    String name();

    /** The setting keys {@link #create} accepts, {@link StoreLimits#KEYS} among them; others are refused. */
    Set<String> settingKeys();

    /**
     * Opens a store.
     *
     * @throws IllegalArgumentException if a setting is unknown or invalid (the message lists the supported keys)
     * @throws StoreException if the store cannot be opened (the message names the file and what to do)
     */
    MessageStore create(ProviderConfig config);
}
