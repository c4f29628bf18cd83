package broadcast.api.internal;

import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.ProviderConfig;
import broadcast.api.spi.Providers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes payloads: the built-in content types itself, the others with the given codec or the
 * installed codec for the content type. Thread-safe.
 */
public final class PayloadDecoding {

    /** Stands for a decoded {@code null}, so a lazily decoded value can be cached. */
    public static final Object NULL = new Object();

    private static final Map<String, Codec> DEFAULT_CODECS = new ConcurrentHashMap<>();

    private PayloadDecoding() {
    }

    /** The decoded value, or {@link #NULL}. */
    public static Object decode(Payload payload, Codec preferred) {
        String type = payload.contentType();
        if (type.equals(Payload.OCTET_STREAM)) {
            return payload.bytes();
        }
        if (type.equals(Payload.TEXT)) {
            return new String(payload.bytes(), StandardCharsets.UTF_8);
        }
        Object value = codecFor(type, preferred).decodeData(ByteBuffer.wrap(payload.bytes()).asReadOnlyBuffer());
        return value == null ? NULL : value;
    }

    /** The payload decoded to a type. */
    public static <T> T decode(Payload payload, Codec preferred, Class<T> type) {
        String contentType = payload.contentType();
        if (contentType.equals(Payload.OCTET_STREAM) || contentType.equals(Payload.TEXT)) {
            Object value = decode(payload, preferred);
            if (type.isInstance(value)) {
                return type.cast(value);
            }
            throw new CodecException("a payload of content type " + contentType + " decodes to "
                    + value.getClass().getTypeName() + ", not " + type.getTypeName());
        }
        return codecFor(contentType, preferred).decodeData(ByteBuffer.wrap(payload.bytes()).asReadOnlyBuffer(), type);
    }

    private static Codec codecFor(String contentType, Codec preferred) {
        if (preferred != null && preferred.contentType().equals(contentType)) {
            return preferred;
        }
        Codec codec = DEFAULT_CODECS.get(contentType);
        if (codec != null) {
            return codec;
        }
        CodecProvider provider = Providers.installed().codecForContentType(contentType).orElseThrow(() ->
                new CodecException("no codec for payload content type " + contentType + " is installed; add "
                        + Providers.moduleHint(contentType) + " to the module path (the raw bytes are in message.payload())"));
        return DEFAULT_CODECS.computeIfAbsent(contentType,
                t -> provider.create(ProviderConfig.of("codec \"" + provider.name() + "\"", Map.of())));
    }
}
