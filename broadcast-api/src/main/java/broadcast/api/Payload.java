package broadcast.api;

import java.util.Objects;

/**
 * The encoded data of a received message: the bytes as the sender's codec wrote them, and the
 * content type that names that codec. The hub never decodes them, and carries them unchanged
 * between clients of different codecs.
 *
 * <p>Two content types are the same for every codec: {@value #OCTET_STREAM} for a {@code byte[]}
 * and {@value #TEXT} for a {@code String}.
 *
 * <p>Immutable by contract: the array is not copied, and nobody may change it. Thread-safe.
 *
 * @param contentType the content type, e.g. {@code application/json}
 * @param bytes the encoded data
 */
public record Payload(String contentType, byte[] bytes) {

    /** The content type of raw bytes: the data is a {@code byte[]}. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** The content type of text: the data is a {@code String}, in UTF-8. */
    public static final String TEXT = "text/plain;charset=utf-8";

    /** @throws NullPointerException if an argument is null */
    public Payload {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && p.contentType.equals(contentType) && java.util.Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return contentType.hashCode() * 31 + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return contentType + " (" + bytes.length + " bytes)";
    }
}
