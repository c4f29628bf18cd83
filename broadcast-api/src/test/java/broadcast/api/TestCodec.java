package broadcast.api;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A codec for tests: data is its {@code toString()} in UTF-8, decoded as {@code "decoded:" + text}. */
public final class TestCodec implements Codec {

    public static final String CONTENT_TYPE = "application/x-test";

    public final AtomicInteger decodes = new AtomicInteger();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void encodeHeader(Frame frame, OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Frame decodeHeader(FrameKind kind, ByteBuffer header) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] encodeData(Object data) {
        return String.valueOf(data).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object decodeData(ByteBuffer payload) {
        decodes.incrementAndGet();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return "decoded:" + new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public <T> T decodeData(ByteBuffer payload, Class<T> type) {
        Object value = decodeData(payload);
        if (!type.isInstance(value)) {
            throw new CodecException("not a " + type.getName());
        }
        return type.cast(value);
    }
}
