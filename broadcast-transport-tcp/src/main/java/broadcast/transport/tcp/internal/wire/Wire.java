package broadcast.transport.tcp.internal.wire;

import broadcast.api.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.nio.charset.StandardCharsets;

/**
 * Constants and primitive readers/writers of protocol version 1 (see {@code docs/protocol.md}):
 * every frame is {@code length:u32} then the body; after the handshake a body is
 * {@code kind:u8 | headerLength:u32 | header | payload}. A {@code string} in the fixed handshake
 * frames is {@code u16 length | UTF-8 bytes}. Stateless.
 */
public final class Wire {

    /** {@code "BRDC"} as a big-endian int. */
    public static final int MAGIC = 0x42524443;
    /** The protocol version this implementation speaks. */
    public static final int VERSION = 1;
    /** Bytes of the length prefix. */
    public static final int LENGTH_BYTES = 4;
    /** Bytes of {@code kind:u8 | headerLength:u32}. */
    public static final int KIND_AND_HEADER_LENGTH_BYTES = 5;
    /** Offset of the kind byte in a frame that starts with its length prefix. */
    public static final int KIND_OFFSET = LENGTH_BYTES;
    /** Offset of the header length in a frame that starts with its length prefix. */
    public static final int HEADER_LENGTH_OFFSET = LENGTH_BYTES + 1;
    /** Offset of the header in a frame that starts with its length prefix. */
    public static final int HEADER_OFFSET = LENGTH_BYTES + KIND_AND_HEADER_LENGTH_BYTES;
    /** HELLO flag: the client wants outcomes of its transient messages too. */
    public static final int HELLO_TRANSIENT_OUTCOMES = 1;
    /** WELCOME/REFUSED status: accepted. */
    public static final int STATUS_WELCOME = 0;
    /** WELCOME/REFUSED status: refused; the hub closes the connection after it. */
    public static final int STATUS_REFUSED = 1;
    /** The longest string of a handshake frame, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 0xFFFF;

    private Wire() {
    }

    /** Writes {@code u16 length | UTF-8 bytes}. @throws IllegalArgumentException if longer than 65535 bytes */
    public static void writeString(ByteBuf out, String value) {
        int lengthIndex = out.writerIndex();
        out.writeShort(0);
        int written = ByteBufUtil.writeUtf8(out, value);
        if (written > MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a handshake string must be at most 65535 UTF-8 bytes, was " + written);
        }
        out.setShort(lengthIndex, written);
    }

    /**
     * Reads {@code u16 length | UTF-8 bytes}, checking the length against the bytes left.
     *
     * @throws ProtocolException if the frame ends before the string does
     */
    public static String readString(ByteBuf in, String field) {
        need(in, 2, field + " length");
        int length = in.readUnsignedShort();
        need(in, length, field);
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    /** @throws ProtocolException if fewer than {@code bytes} are left */
    public static void need(ByteBuf in, int bytes, String field) {
        if (in.readableBytes() < bytes) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "the frame ends inside " + field + ": " + bytes
                    + " bytes needed, " + in.readableBytes() + " left");
        }
    }

    /** Reads the magic and version of a handshake frame. @throws ProtocolException if wrong */
    public static void readMagicAndVersion(ByteBuf in) {
        need(in, 5, "the magic and version");
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "the first frame must start with the magic \"BRDC\" (0x"
                    + Integer.toHexString(MAGIC) + "), was 0x" + Integer.toHexString(magic));
        }
        int version = in.readUnsignedByte();
        if (version != VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION, "protocol version " + version
                    + " is not supported; this side speaks version " + VERSION);
        }
    }

    /** @throws ProtocolException if bytes are left after the last field */
    public static void requireEnd(ByteBuf in, String frame) {
        if (in.isReadable()) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, in.readableBytes() + " unexpected bytes after the end of "
                    + frame);
        }
    }
}
