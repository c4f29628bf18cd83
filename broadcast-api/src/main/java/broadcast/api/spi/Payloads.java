package broadcast.api.spi;

import broadcast.api.Payload;
import broadcast.api.internal.PayloadDecoding;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns message data into a {@link Payload} and back, the same way for every transport: a
 * {@code byte[]} travels as {@value Payload#OCTET_STREAM}, a {@code String} as
 * {@value Payload#TEXT}, both whatever the codec; everything else is encoded by the codec and
 * tagged with its content type. Thread-safe.
 */
public final class Payloads {

    private Payloads() {
    }

    /**
     * Encodes data for sending.
     *
     * @throws CodecException if the codec cannot encode it
     */
    public static Payload encode(Object data, Codec codec) {
        Objects.requireNonNull(codec, "codec");
        if (data instanceof byte[] bytes) {
            return new Payload(Payload.OCTET_STREAM, bytes);
        }
        if (data instanceof String text) {
            return new Payload(Payload.TEXT, text.getBytes(StandardCharsets.UTF_8));
        }
        return new Payload(codec.contentType(), codec.encodeData(data));
    }

    /**
     * Decodes a payload with the given codec when it has the payload's content type, or else with
     * the installed codec for that content type.
     *
     * @param codec the preferred codec, may be null
     * @throws CodecException if the payload cannot be decoded, or no installed codec handles its
     *     content type (the message names the module to add)
     */
    public static Object decode(Payload payload, Codec codec) {
        Object value = PayloadDecoding.decode(payload, codec);
        return value == PayloadDecoding.NULL ? null : value;
    }

    /**
     * Decodes a payload to a type, as {@link #decode(Payload, Codec)}.
     *
     * @throws CodecException if the payload cannot be decoded as that type
     */
    public static <T> T decode(Payload payload, Codec codec, Class<T> type) {
        return PayloadDecoding.decode(payload, codec, type);
    }
}
