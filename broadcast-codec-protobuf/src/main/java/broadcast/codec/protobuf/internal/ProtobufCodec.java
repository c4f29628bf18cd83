package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The {@code protobuf} codec: headers as the messages of {@code broadcast.proto}, payloads as its
 * {@code PayloadData}. Immutable; thread-safe.
 */
final class ProtobufCodec implements Codec {

    private final PayloadDecoder payloads;

    ProtobufCodec(MessageTypes types) {
        this.payloads = new PayloadDecoder(types);
    }

    @Override
    public String name() {
        return ProtobufCodecProvider.NAME;
    }

    @Override
    public String contentType() {
        return ProtobufCodecProvider.CONTENT_TYPE;
    }

    @Override
    public void encodeHeader(Frame frame, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        byte[] header = HeaderEncoder.encode(Objects.requireNonNull(frame, "frame"));
        if (header.length > 0) {
            out.write(header);
        }
    }

    @Override
    public Frame decodeHeader(FrameKind kind, ByteBuffer header) {
        return HeaderDecoder.decode(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(header, "header"));
    }

    @Override
    public byte[] encodeData(Object data) {
        return PayloadEncoder.encode(data);
    }

    @Override
    public Object decodeData(ByteBuffer payload) {
        return payloads.decode(Objects.requireNonNull(payload, "payload"));
    }

    @Override
    public <T> T decodeData(ByteBuffer payload, Class<T> type) {
        return payloads.decode(Objects.requireNonNull(payload, "payload"), Objects.requireNonNull(type, "type"));
    }

    @Override
    public String toString() {
        return "codec \"" + name() + "\"";
    }
}
