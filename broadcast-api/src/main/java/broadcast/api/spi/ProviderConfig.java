package broadcast.api.spi;

import broadcast.api.internal.Settings;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings given to a provider: an immutable map of string keys and values, with typed
 * readers whose errors name the provider, the key and the value. Thread-safe.
 */
public final class ProviderConfig {

    private static final ProviderConfig EMPTY = new ProviderConfig("provider", Map.of());

    private final String owner;
    private final Map<String, String> values;

    private ProviderConfig(String owner, Map<String, String> values) {
        this.owner = owner;
        this.values = values;
    }

    /** No settings. */
    public static ProviderConfig empty() {
        return EMPTY;
    }

    /**
     * Settings for a provider.
     *
     * @param owner how errors name the provider, e.g. {@code store "h2"}
     * @param values the settings
     */
    public static ProviderConfig of(String owner, Map<String, String> values) {
        return new ProviderConfig(Objects.requireNonNull(owner, "owner"), Map.copyOf(values));
    }

    /** How errors name the provider. */
    public String owner() {
        return owner;
    }

    /** All settings. */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * Refuses keys that are not supported.
     *
     * @throws IllegalArgumentException naming the unknown keys and listing the supported ones
     */
    public ProviderConfig requireKnownKeys(Set<String> supported) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(supported);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(owner + " has no setting " + String.join(", ", unknown)
                    + "; supported settings: " + new TreeSet<>(supported));
        }
        return this;
    }

    /** The value of a key, if set. */
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of a key, or the default. */
    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /** @throws IllegalArgumentException if the value is not an integer, naming the key and the value */
    public int intValue(String key, int defaultValue) {
        return Settings.parseInt(owner + " setting " + key, values.get(key), defaultValue);
    }

    /** @throws IllegalArgumentException if the value is not an integer, naming the key and the value */
    public long longValue(String key, long defaultValue) {
        return Settings.parseLong(owner + " setting " + key, values.get(key), defaultValue);
    }

    /**
     * A byte size: a number with an optional unit {@code k}, {@code KiB}, {@code m}, {@code MiB},
     * {@code g}, {@code GiB} (powers of 1024).
     *
     * @throws IllegalArgumentException if the value is not a size, naming the key and the value
     */
    public long bytes(String key, long defaultValue) {
        return Settings.parseBytes(owner + " setting " + key, values.get(key), defaultValue);
    }

    /**
     * A duration: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 7d}, a number of
     * milliseconds, or ISO-8601 ({@code PT10S}).
     *
     * @throws IllegalArgumentException if the value is not a duration, naming the key and the value
     */
    public Duration duration(String key, Duration defaultValue) {
        return Settings.parseDuration(owner + " setting " + key, values.get(key), defaultValue);
    }

    /** @throws IllegalArgumentException if the value is not {@code true} or {@code false} */
    public boolean booleanValue(String key, boolean defaultValue) {
        return Settings.parseBoolean(owner + " setting " + key, values.get(key), defaultValue);
    }

    @Override
    public String toString() {
        return owner + " " + values;
    }
}
