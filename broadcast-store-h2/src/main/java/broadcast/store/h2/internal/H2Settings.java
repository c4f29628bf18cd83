package broadcast.store.h2.internal;

import broadcast.api.spi.OverflowPolicy;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.StoreLimits;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The settings of the {@code h2} store, with their defaults (documented in the module javadoc).
 * Immutable.
 *
 * @param path the database file path without its {@code .mv.db} extension
 * @param limits the bounds
 * @param commitInterval the shortest time between the starts of two group commits
 * @param cacheBytes the page cache of the file
 */
record H2Settings(Path path, StoreLimits limits, Duration commitInterval, long cacheBytes) {

    static final String DEFAULT_PATH = "./broadcast-data/broadcast";
    static final StoreLimits DEFAULT_LIMITS = new StoreLimits(5_000_000, 2L << 30, 20_000_000, 8L << 30,
            OverflowPolicy.REJECT_NEW, Duration.ZERO);
    static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(1);
    static final long DEFAULT_CACHE_BYTES = 64L << 20;

    static final Set<String> KEYS = keys();

    static H2Settings from(ProviderConfig config) {
        config.requireKnownKeys(KEYS);
        String pathText = config.string("path", DEFAULT_PATH);
        Path path;
        try {
            path = Path.of(pathText);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(config.owner() + " setting path is not a file path, was \"" + pathText
                    + "\"", e);
        }
        if (pathText.isBlank() || path.getFileName() == null) {
            throw new IllegalArgumentException(config.owner() + " setting path must name a file, was \"" + pathText
                    + "\"");
        }
        Duration interval = config.duration("commit-interval", DEFAULT_COMMIT_INTERVAL);
        if (interval.isNegative() || interval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException(config.owner() + " setting commit-interval must be between 0 and 1s, was "
                    + "\"" + config.string("commit-interval", "") + "\"");
        }
        long cache = config.bytes("cache-size", DEFAULT_CACHE_BYTES);
        if (cache < (1L << 20) || cache > (1L << 40)) {
            throw new IllegalArgumentException(config.owner() + " setting cache-size must be between 1MiB and 1TiB, was \""
                    + config.string("cache-size", "") + "\"");
        }
        return new H2Settings(path, StoreLimits.from(config, DEFAULT_LIMITS), interval, cache);
    }

    /** The database file: the path with H2's {@code .mv.db} extension. */
    Path file() {
        return path.resolveSibling(path.getFileName() + ".mv.db");
    }

    private static Set<String> keys() {
        Set<String> keys = new HashSet<>(StoreLimits.KEYS);
        keys.add("path");
        keys.add("commit-interval");
        keys.add("cache-size");
        return Set.copyOf(keys);
    }
}
