package broadcast.codec.kryo.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.ProviderConfig;

import com.esotericsoftware.kryo.Kryo;

import java.util.Objects;
import java.util.Set;

/**
 * Provides the {@code kryo} codec (content type {@code application/x-kryo}); its settings are
 * described in the documentation of module {@code broadcast.codec.kryo}. Found through
 * {@code broadcast.api.spi.Providers}. Holds nothing; thread-safe.
 */
public final class KryoCodecProvider implements CodecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public KryoCodecProvider() {
    }

    @Override
    public String name() {
        return KryoCodec.NAME;
    }

    @Override
    public String contentType() {
        return KryoCodec.CONTENT_TYPE;
    }

    @Override
    public Set<String> settingKeys() {
        return KryoSettings.KEYS;
    }

    /**
     * Makes a codec; loads and checks every class of the {@code classes} setting now, so a class
     * Kryo could not handle fails here rather than at the first message.
     *
     * @throws IllegalArgumentException if a setting is unknown or invalid, naming it and the value
     */
    @Override
    public Codec create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        KryoFactory factory = new KryoFactory(KryoSettings.parse(config));
        Kryo first;
        try {
            first = factory.newKryo();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.owner() + " setting " + KryoSettings.CLASSES + ": "
                    + e.getMessage(), e);
        }
        return new KryoCodec(factory, first);
    }

    @Override
    public String toString() {
        return "KryoCodecProvider[" + KryoCodec.NAME + ", " + KryoCodec.CONTENT_TYPE + "]";
    }
}
