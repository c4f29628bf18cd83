package broadcast.api.spi;

import java.util.Set;

/**
 * Makes {@link Codec}s of one format. Found by {@link Providers} through
 * {@link java.util.ServiceLoader}; declared with {@code provides} in the provider's module and in
 * {@code META-INF/services}. A provider is cheap to make and holds no resources. Thread-safe.
 */
public interface CodecProvider {

    /** The stable lower-case name users choose the codec by, e.g. {@code json}. */
    String name();

    /** The content type the codec's payloads carry, e.g. {@code application/json}. */
    String contentType();

    /** The setting keys {@link #create} accepts; others are refused. */
    default Set<String> settingKeys() {
        return Set.of();
    }

    /**
     * Makes a codec.
     *
     * @throws IllegalArgumentException if a setting is unknown or invalid (the message lists the supported keys)
     */
    Codec create(ProviderConfig config);
}
