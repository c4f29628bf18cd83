package broadcast.api.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The bounds every store applies, read from the store settings with the same keys for every store.
 *
 * <table class="striped">
 * <caption>Store limit settings</caption>
 * <tr><th>key</th><th>meaning</th></tr>
 * <tr><td>{@code max-queue-messages}</td><td>entries one queue may hold</td></tr>
 * <tr><td>{@code max-queue-bytes}</td><td>bytes one queue may hold (sizes like {@code 64MiB})</td></tr>
 * <tr><td>{@code max-total-messages}</td><td>messages the whole store may hold</td></tr>
 * <tr><td>{@code max-total-bytes}</td><td>bytes the whole store may hold</td></tr>
 * <tr><td>{@code overflow}</td><td>{@code reject-new} (default) or {@code drop-oldest}</td></tr>
 * <tr><td>{@code retention}</td><td>the longest a message is kept, whatever its own expiry ({@code 7d}); {@code 0} for no limit</td></tr>
 * </table>
 * Defaults are the store's own; see its module documentation. Immutable.
 *
 * @param maxQueueMessages entries one queue may hold
 * @param maxQueueBytes bytes one queue may hold
 * @param maxTotalMessages messages the store may hold
 * @param maxTotalBytes bytes the store may hold
 * @param overflow what happens past a bound
 * @param retention the longest a message is kept; {@link Duration#ZERO} for no limit
 */
public record StoreLimits(long maxQueueMessages, long maxQueueBytes, long maxTotalMessages, long maxTotalBytes,
                          OverflowPolicy overflow, Duration retention) {

    /** The setting keys. */
    public static final Set<String> KEYS = Set.of("max-queue-messages", "max-queue-bytes", "max-total-messages",
            "max-total-bytes", "overflow", "retention");

    /** @throws IllegalArgumentException if a bound is not positive */
    public StoreLimits {
        positive("max-queue-messages", maxQueueMessages);
        positive("max-queue-bytes", maxQueueBytes);
        positive("max-total-messages", maxTotalMessages);
        positive("max-total-bytes", maxTotalBytes);
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
    }

    /**
     * Reads the limits from settings, with the given defaults for keys not set.
     *
     * @throws IllegalArgumentException if a value is invalid, naming the provider, the key and the value
     */
    public static StoreLimits from(ProviderConfig config, StoreLimits defaults) {
        String overflowText = config.string("overflow", defaults.overflow().settingValue());
        OverflowPolicy overflow;
        try {
            overflow = OverflowPolicy.fromSetting(overflowText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.owner() + " setting " + e.getMessage(), e);
        }
        return new StoreLimits(
                positive(config, "max-queue-messages", config.longValue("max-queue-messages", defaults.maxQueueMessages())),
                positive(config, "max-queue-bytes", config.bytes("max-queue-bytes", defaults.maxQueueBytes())),
                positive(config, "max-total-messages", config.longValue("max-total-messages", defaults.maxTotalMessages())),
                positive(config, "max-total-bytes", config.bytes("max-total-bytes", defaults.maxTotalBytes())),
                overflow,
                config.duration("retention", defaults.retention()));
    }

    private static long positive(ProviderConfig config, String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(config.owner() + " setting " + key + " must be positive, was \""
                    + config.string(key, Long.toString(value)) + "\"");
        }
        return value;
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
