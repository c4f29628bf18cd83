package broadcast.api.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes frame headers and payload data in one format. A codec is made by its
 * {@link CodecProvider} with the user's settings.
 *
 * <p>On the wire a frame after the handshake is
 * {@code length:u32 | kind:u8 | headerLength:u32 | header | payload}; the transport writes the
 * fixed parts, the codec only the header and the payload (see {@code docs/protocol.md}). A
 * {@link Frame.Ping} or {@link Frame.Pong} has no header bytes and never reaches a codec.
 *
 * <p><b>Bad input.</b> Decoding methods get bytes from the network. They throw only
 * {@link CodecException}, for any input: no other exception, no hang, no stack overflow, and no
 * allocation sized by a length read from the input before checking it against the bytes there.
 *
 * <p><b>Input buffers.</b> A decoding method may move the position of the buffer it is given,
 * and may read the bytes in place through {@link ByteBuffer#array()}, but must never change them
 * (they may be a received message's {@link broadcast.api.Payload} bytes, which other readers
 * share) and must not keep the buffer or its array after it returns.
 *
 * <p>Implementations are thread-safe: one instance serves every connection.
 */
public interface Codec {

    /** The codec's name, lower-case, as its provider's. */
    String name();

    /** The content type this codec tags payloads with, e.g. {@code application/json}. */
    String contentType();

    /**
     * Writes a frame's header.
     *
     * @throws CodecException if a field cannot be encoded
     * @throws IOException if the stream fails
     */
    void encodeHeader(Frame frame, OutputStream out) throws IOException;

    /**
     * Reads a frame's header: exactly the remaining bytes of {@code header}.
     *
     * @param kind the kind, read by the transport from the frame
     * @param header the header bytes; the codec may move its position, and must neither change
     *     nor keep them
     * @return the frame, of the given kind
     * @throws CodecException if the bytes are not a valid header of that kind
     */
    Frame decodeHeader(FrameKind kind, ByteBuffer header);

    /**
     * Encodes payload data. The transport handles {@code String} and {@code byte[]} itself (see
     * {@link Payloads}); a codec is asked for everything else, including {@code null}.
     *
     * @throws CodecException if the value cannot be encoded (the message names its type)
     */
    byte[] encodeData(Object data);

    /**
     * Decodes payload data to the codec's natural value (for JSON: maps, lists, strings, numbers,
     * booleans, null).
     *
     * @throws CodecException if the bytes are not valid data
     */
    Object decodeData(ByteBuffer payload);

    /**
     * Decodes payload data to the given type.
     *
     * @throws CodecException if the bytes are not valid data of that type
     */
    <T> T decodeData(ByteBuffer payload, Class<T> type);
}
