package broadcast.transport.tcp.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.ProviderNotFoundException;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Providers;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codecs a hub or client can use, by name, each made once. The installed ones come from
 * {@link Providers}; the configured codec gets the configured codec settings, any other codec a
 * client asks for is made with no settings. Thread-safe.
 */
public final class Codecs {

    private final Map<String, Codec> fixed;
    private final Providers providers;
    private final BroadcastConfig config;
    private final Map<String, Codec> made = new ConcurrentHashMap<>();

    private Codecs(Map<String, Codec> fixed, Providers providers, BroadcastConfig config) {
        this.fixed = fixed;
        this.providers = providers;
        this.config = config;
    }

    /** The codecs installed on the module path and class path. */
    public static Codecs installed(BroadcastConfig config) {
        return new Codecs(null, Providers.installed(), config);
    }

    /** Exactly these codecs (for tests and embedding). */
    public static Codecs of(Codec... codecs) {
        Map<String, Codec> map = new ConcurrentHashMap<>();
        for (Codec codec : codecs) {
            map.put(codec.name().toLowerCase(Locale.ROOT), codec);
        }
        return new Codecs(map, null, null);
    }

    /**
     * The codec with that name, ignoring case.
     *
     * @throws ProviderNotFoundException if there is none; the message lists the names there are
     * @throws IllegalArgumentException if the configured codec settings are invalid
     */
    public Codec codec(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (fixed != null) {
            Codec codec = fixed.get(key);
            if (codec == null) {
                throw new ProviderNotFoundException("no codec named \"" + name + "\"; available codecs: " + names());
            }
            return codec;
        }
        Codec codec = made.get(key);
        if (codec == null) {
            Map<String, String> settings = key.equals(config.codec()) ? config.codecSettings() : Map.of();
            codec = made.computeIfAbsent(key, k -> providers.codec(k, settings));
        }
        return codec;
    }

    /** The names of the codecs, sorted. */
    public SortedSet<String> names() {
        return fixed != null ? Collections.unmodifiableSortedSet(new TreeSet<>(fixed.keySet())) : providers.codecNames();
    }
}
