package broadcast.codec.kryo.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;

import com.esotericsoftware.kryo.Kryo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** Codecs for tests, and the frame layout the transport wraps around a header. */
final class TestCodecs {

    static final String TYPES = "broadcast.codec.kryo.testtypes";

    /** The test classes with explicit ids, as a user would register them on both sides. */
    static final String CLASSES = "100:" + TYPES + ".Quote, 101:" + TYPES + ".Side, 102:" + TYPES + ".Level, 103:"
            + TYPES + ".Account, 104:" + TYPES + ".Quote[]";

    static {
        // What "exports ...testtypes; opens ...testtypes to com.esotericsoftware.kryo;" does in a user's module-info.
        TestCodecs.class.getModule().addOpens(TYPES, Kryo.class.getModule());
    }

    private TestCodecs() {
    }

    /** A codec with the test classes registered. */
    static Codec codec() {
        return codec(Map.of(KryoSettings.CLASSES, CLASSES));
    }

    static Codec codec(Map<String, String> settings) {
        return new KryoCodecProvider().create(ProviderConfig.of("codec \"kryo\"", settings));
    }

    static Codec codec(String key, String value) {
        Map<String, String> settings = new HashMap<>();
        settings.put(key, value);
        return codec(settings);
    }

    static byte[] header(Codec codec, Frame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            codec.encodeHeader(frame, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A whole frame as the transport writes it: {@code length:u32 | kind:u8 | headerLength:u32 |
     * header | payload}, all integers big-endian, the length counting what follows it.
     */
    static byte[] wire(Codec codec, Frame frame, byte[] payload) {
        byte[] header = header(codec, frame);
        ByteBuffer buffer = ByteBuffer.allocate(4 + 1 + 4 + header.length + payload.length);
        buffer.putInt(1 + 4 + header.length + payload.length);
        buffer.put((byte) frame.kind().code());
        buffer.putInt(header.length);
        buffer.put(header).put(payload);
        return buffer.array();
    }

    /** One frame read back from {@link #wire}: the header decoded in place, the payload as bytes. */
    record WireFrame(Frame frame, byte[] payload) {
    }

    /** Reads the frame at the buffer's position and moves past it. */
    static WireFrame read(Codec codec, ByteBuffer wire) {
        int length = wire.getInt();
        int end = wire.position() + length;
        FrameKind kind = FrameKind.ofCode(wire.get());
        int headerLength = wire.getInt();
        ByteBuffer header = wire.slice(wire.position(), headerLength);
        Frame frame = kind == FrameKind.PING || kind == FrameKind.PONG
                ? (kind == FrameKind.PING ? Frame.Ping.INSTANCE : Frame.Pong.INSTANCE)
                : codec.decodeHeader(kind, header);
        byte[] payload = new byte[end - wire.position() - headerLength];
        wire.position(wire.position() + headerLength).get(payload);
        return new WireFrame(frame, payload);
    }
}
