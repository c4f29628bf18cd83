package broadcast.transport.tcp.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.Payload;
import broadcast.api.ProviderNotFoundException;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.Providers;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The codecs a hub or client can use, by name, each made once with its settings from the config
 * ({@link BroadcastConfig#codecSettings(String)}): the codec a client asks for, and the codec of a
 * payload's content type when one is decoded. The installed ones come from {@link Providers}.
 * Thread-safe.
 */
public final class Codecs {

    private static final System.Logger LOG = System.getLogger(Codecs.class.getName());

    private final Map<String, Codec> fixed;
    private final Providers providers;
    private final BroadcastConfig config;
    private final Map<String, Codec> made = new ConcurrentHashMap<>();
    private final Map<String, Codec> byContentType = new ConcurrentHashMap<>();

    private Codecs(Map<String, Codec> fixed, Providers providers, BroadcastConfig config) {
        this.fixed = fixed;
        this.providers = providers;
        this.config = config;
    }

    /**
     * The codecs installed on the module path and class path. Those the config gives settings for
     * by name are made now, so a setting they refuse fails here, not at the first message.
     *
     * @throws ProviderNotFoundException if the config gives settings to a codec that is not installed
     * @throws IllegalArgumentException if such settings are invalid
     */
    public static Codecs installed(BroadcastConfig config) {
        Codecs codecs = new Codecs(null, Providers.installed(), config);
        for (String name : config.codecsWithSettings()) {
            codecs.codec(name);
        }
        return codecs;
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
            codec = made.computeIfAbsent(key, k -> providers.codec(k, config.codecSettings(k)));
        }
        return codec;
    }

    /**
     * The codec to decode a payload of that content type with: {@code preferred} when it has that
     * content type (or the payload is text or bytes, which need none), else this registry's codec
     * for it, made with its settings; {@code preferred} again when there is none here, so that
     * decoding reports the missing module.
     */
    public Codec forPayload(String contentType, Codec preferred) {
        if (contentType.equals(preferred.contentType()) || contentType.equals(Payload.TEXT)
                || contentType.equals(Payload.OCTET_STREAM)) {
            return preferred;
        }
        Codec codec = byContentType.get(contentType);
        if (codec != null) {
            return codec;
        }
        try {
            codec = find(contentType);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "cannot make the codec for payloads of content type " + contentType + ": " + e, e);
            return preferred;
        }
        if (codec == null) {
            return preferred;
        }
        byContentType.putIfAbsent(contentType, codec);
        return codec;
    }

    private Codec find(String contentType) {
        if (fixed != null) {
            for (Codec codec : fixed.values()) {
                if (codec.contentType().equals(contentType)) {
                    return codec;
                }
            }
            return null;
        }
        Optional<CodecProvider> provider = providers.codecForContentType(contentType);
        return provider.isEmpty() ? null : codec(provider.get().name());
    }

    /** The names of the codecs, sorted. */
    public SortedSet<String> names() {
        return fixed != null ? Collections.unmodifiableSortedSet(new TreeSet<>(fixed.keySet())) : providers.codecNames();
    }
}
