package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.ProviderConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Makes the {@code protobuf} codec; see the module documentation for its settings. Holds nothing;
 * thread-safe.
 */
public final class ProtobufCodecProvider implements CodecProvider {

    /** The codec's name. */
    public static final String NAME = "protobuf";

    /** The content type of the payloads it encodes. */
    public static final String CONTENT_TYPE = "application/x-protobuf";

    /** Setting: comma-separated generated message classes that {@code data()} parses by type URL. */
    static final String TYPES = "types";

    /** Called by {@link java.util.ServiceLoader}. */
    public ProtobufCodecProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of(TYPES);
    }

    /**
     * @throws IllegalArgumentException if a setting is unknown, or {@code types} names a class that
     *     cannot be loaded or is not a generated protobuf message class this module may use
     */
    @Override
    public Codec create(ProviderConfig config) {
        config.requireKnownKeys(settingKeys());
        return new ProtobufCodec(MessageTypes.of(messageClasses(config)));
    }

    private static List<Class<?>> messageClasses(ProviderConfig config) {
        String setting = config.owner() + " setting " + TYPES;
        List<Class<?>> classes = new ArrayList<>();
        for (String part : config.string(TYPES, "").split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            Class<?> type = load(name, setting);
            try {
                MessageTypes.defaultInstance(type);
            } catch (CodecException e) {
                throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
            }
            classes.add(type);
        }
        return classes;
    }

    private static Class<?> load(String name, String setting) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, ProtobufCodecProvider.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                // try the next loader
            } catch (LinkageError e) {
                throw new IllegalArgumentException(setting + ": cannot load class \"" + name + "\": " + e, e);
            }
        }
        throw new IllegalArgumentException(setting + ": no class \"" + name + "\" on the class path or module path");
    }
}
