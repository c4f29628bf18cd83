package broadcast.codec.json.internal;

import broadcast.api.spi.ProviderConfig;

import java.util.Set;

/**
 * The settings of the {@code json} codec, read from its {@link ProviderConfig}. Immutable.
 *
 * @param maxNestingDepth how deep arrays and objects may nest in payload data, read and written
 */
record JsonSettings(int maxNestingDepth) {

    /** The key of {@link #maxNestingDepth()}. */
    static final String MAX_NESTING_DEPTH = "max-nesting-depth";
    /** The default of {@link #maxNestingDepth()}. */
    static final int DEFAULT_MAX_NESTING_DEPTH = 256;
    /**
     * The highest allowed {@link #maxNestingDepth()}: Jackson's own default, which its recursive
     * typed (de)serializers handle on an ordinary thread stack without overflowing it.
     */
    static final int LIMIT_MAX_NESTING_DEPTH = 1000;

    /** The setting keys. */
    static final Set<String> KEYS = Set.of(MAX_NESTING_DEPTH);

    static final JsonSettings DEFAULTS = new JsonSettings(DEFAULT_MAX_NESTING_DEPTH);

    /** @throws IllegalArgumentException if the depth is outside 1 to {@value #LIMIT_MAX_NESTING_DEPTH} */
    JsonSettings {
        if (maxNestingDepth < 1 || maxNestingDepth > LIMIT_MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException(MAX_NESTING_DEPTH + " must be between 1 and " + LIMIT_MAX_NESTING_DEPTH
                    + ", was " + maxNestingDepth);
        }
    }

    /**
     * Reads the settings, refusing unknown keys.
     *
     * @throws IllegalArgumentException if a key is unknown or a value invalid, naming the key and the value
     */
    static JsonSettings from(ProviderConfig config) {
        config.requireKnownKeys(KEYS);
        int depth = config.intValue(MAX_NESTING_DEPTH, DEFAULT_MAX_NESTING_DEPTH);
        try {
            return new JsonSettings(depth);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.owner() + " setting " + e.getMessage(), e);
        }
    }
}
