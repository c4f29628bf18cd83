package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames as they are on the wire after the handshake,
 * {@code length:u32 | kind:u8 | headerLength:u32 | header | payload}, for tests: the transport's
 * part, written here so the codec's output can be checked in its real surroundings.
 *
 * @param kind the kind byte
 * @param header the header bytes
 * @param payload the payload bytes (empty but for DATA)
 */
record WireFrames(FrameKind kind, byte[] header, byte[] payload) {

    /** One wire frame: the header by the codec, the payload as given. */
    static byte[] write(Codec codec, Frame frame, byte[] payload) {
        try {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            codec.encodeHeader(frame, header);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(1 + 4 + header.size() + payload.length);
            out.writeByte(frame.kind().code());
            out.writeInt(header.size());
            header.writeTo(out);
            out.write(payload);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every frame in a sequence of wire frames. */
    static List<WireFrames> readAll(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<WireFrames> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            int length = in.getInt();
            int end = in.position() + length;
            FrameKind kind = FrameKind.ofCode(in.get());
            byte[] header = new byte[in.getInt()];
            in.get(header);
            byte[] payload = Arrays.copyOfRange(bytes, in.position(), end);
            in.position(end);
            frames.add(new WireFrames(kind, header, payload));
        }
        return frames;
    }
}
