package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

/** Codecs and shortcuts for the tests. */
final class TestCodecs {

    /** The test message classes, as the {@code types} setting names them. */
    static final String TEST_TYPES = "broadcast.codec.protobuf.internal.testproto.Order, "
            + "broadcast.codec.protobuf.internal.testproto.Node";

    private TestCodecs() {
    }

    /** A codec with no settings. */
    static Codec plain() {
        return create(Map.of());
    }

    /** A codec that knows the test message types. */
    static Codec withTestTypes() {
        return create(Map.of("types", TEST_TYPES));
    }

    static Codec create(Map<String, String> settings) {
        return new ProtobufCodecProvider().create(ProviderConfig.of("codec \"protobuf\"", settings));
    }

    static byte[] header(Codec codec, Frame frame) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            codec.encodeHeader(frame, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Frame decode(Codec codec, FrameKind kind, byte[] header) {
        return codec.decodeHeader(kind, ByteBuffer.wrap(header));
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }
}
