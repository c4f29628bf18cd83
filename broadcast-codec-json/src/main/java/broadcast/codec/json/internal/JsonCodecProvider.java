package broadcast.codec.json.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.ProviderConfig;

import java.util.Objects;
import java.util.Set;

/**
 * The {@code json} codec provider, found through {@link java.util.ServiceLoader}. Holds nothing;
 * each {@link #create} makes a codec with its own Jackson factory and mapper. Thread-safe.
 */
public final class JsonCodecProvider implements CodecProvider {

    /** The provider's name. */
    public static final String NAME = "json";
    /** The content type of the payloads its codecs write. */
    public static final String CONTENT_TYPE = "application/json";

    /** Called by {@link java.util.ServiceLoader}. */
    public JsonCodecProvider() {
        // nothing to set up: resources belong to the codecs
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
        return JsonSettings.KEYS;
    }

    @Override
    public Codec create(ProviderConfig config) {
        Objects.requireNonNull(config, "config");
        return new JsonCodec(JsonSettings.from(config));
    }
}
