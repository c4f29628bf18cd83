package broadcast.transport.tcp.internal.wire;

import broadcast.api.ErrorCode;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Writes and reads the frames after the handshake:
 * {@code length:u32 | kind:u8 | headerLength:u32 | header | payload}, the header written by the
 * connection's codec, the payload (DATA only) as raw bytes. Every frame here is a buffer that
 * starts with its length prefix. Stateless.
 */
public final class Frames {

    private static final ByteBuf PING = fixed(FrameKind.PING);
    private static final ByteBuf PONG = fixed(FrameKind.PONG);
    private static final int ESTIMATED_HEADER_BYTES = 160;

    private Frames() {
    }

    private static ByteBuf fixed(FrameKind kind) {
        ByteBuf buf = Unpooled.buffer(Wire.HEADER_OFFSET);
        buf.writeInt(Wire.KIND_AND_HEADER_LENGTH_BYTES).writeByte(kind.code()).writeInt(0);
        return Unpooled.unreleasableBuffer(buf.asReadOnly());
    }

    /** A PING frame. */
    public static ByteBuf ping() {
        return PING.duplicate();
    }

    /** A PONG frame. */
    public static ByteBuf pong() {
        return PONG.duplicate();
    }

    /**
     * A frame without payload (anything but DATA). PING and PONG never reach the codec.
     *
     * @throws CodecException if the codec cannot encode it
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Codec codec, Frame frame) {
        if (frame instanceof Frame.Ping) {
            return ping();
        }
        if (frame instanceof Frame.Pong) {
            return pong();
        }
        ByteBuf buf = alloc.buffer(ESTIMATED_HEADER_BYTES);
        try {
            writeHeaderPart(buf, codec, frame, 0);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /**
     * A DATA frame with its payload copied in.
     *
     * @throws CodecException if the codec cannot encode the header
     */
    public static ByteBuf encodeData(ByteBufAllocator alloc, Codec codec, Frame.Data header, byte[] payload) {
        ByteBuf buf = alloc.buffer(ESTIMATED_HEADER_BYTES + payload.length);
        try {
            writeHeaderPart(buf, codec, header, payload.length);
            buf.writeBytes(payload);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /**
     * A DATA frame whose payload is another buffer: the header part is encoded, the payload is not
     * copied but added as a component. Consumes one reference of {@code payload}.
     */
    public static ByteBuf encodeData(ByteBufAllocator alloc, Codec codec, Frame.Data header, ByteBuf payload) {
        ByteBuf head = alloc.buffer(ESTIMATED_HEADER_BYTES);
        try {
            writeHeaderPart(head, codec, header, payload.readableBytes());
        } catch (RuntimeException e) {
            head.release();
            payload.release();
            throw e;
        }
        return alloc.compositeBuffer(2).addComponents(true, head, payload);
    }

    /**
     * The fixed part and the header of a DATA frame as bytes of their own: length (counting
     * {@code payloadLength} more bytes to follow), kind, header length and header. The header is
     * encoded into a buffer of the calling thread, so the only allocation is the returned array.
     *
     * @throws CodecException if the codec cannot encode the header
     */
    public static byte[] encodeDataHead(Codec codec, Frame.Data header, int payloadLength) {
        HeadBuffer buf = HEAD_BUFFERS.get();
        buf.reset(Wire.HEADER_OFFSET);
        try {
            codec.encodeHeader(header, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.frameHead(payloadLength);
    }

    /**
     * Writes a frame without payload (anything but DATA) at the end of a buffer; on failure the
     * buffer is left as it was.
     *
     * @throws CodecException if the codec cannot encode it
     */
    public static void encodeInto(ByteBuf buf, Codec codec, Frame frame) {
        int start = buf.writerIndex();
        try {
            writeHeaderPart(buf, codec, frame, 0);
        } catch (RuntimeException e) {
            buf.writerIndex(start);
            throw e;
        }
    }

    /**
     * The header of a checked frame as a heap buffer: copied into an array of the calling thread,
     * which a codec reads in place, rather than a view of the direct buffer made for each frame
     * (an allocation, and most codecs copy a direct buffer's bytes to an array anyway). A header
     * larger than the array gets a view of its own.
     */
    private static ByteBuffer headerBytes(ByteBuf frame) {
        int index = frame.readerIndex() + Wire.HEADER_OFFSET;
        int length = headerLength(frame);
        if (length > HeaderScratch.BYTES) {
            return frame.nioBuffer(index, length);
        }
        ByteBuffer scratch = HEADER_SCRATCH.get().buffer;
        frame.getBytes(index, scratch.array(), 0, length);
        scratch.clear().limit(length);
        return scratch;
    }

    private static final FastThreadLocal<HeaderScratch> HEADER_SCRATCH = new FastThreadLocal<>() {
        @Override
        protected HeaderScratch initialValue() {
            return new HeaderScratch();
        }
    };

    /** A thread's array for received headers. Not thread-safe; one per thread. */
    private static final class HeaderScratch {
        static final int BYTES = 4096;
        final ByteBuffer buffer = ByteBuffer.wrap(new byte[BYTES]);
    }

    private static final ThreadLocal<HeadBuffer> HEAD_BUFFERS = ThreadLocal.withInitial(HeadBuffer::new);

    /** A growable buffer that a frame head is encoded into. Not thread-safe; one per thread. */
    private static final class HeadBuffer extends java.io.OutputStream {
        private static final int KEEP_LIMIT = 64 * 1024;
        private byte[] bytes = new byte[256];
        private int count;

        void reset(int reserved) {
            if (bytes.length > KEEP_LIMIT) {
                bytes = new byte[256];
            }
            count = reserved;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            ensure(len);
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        private void ensure(int more) {
            if (more > bytes.length - count) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }

        byte[] frameHead(int payloadLength) {
            int headerLength = count - Wire.HEADER_OFFSET;
            byte[] head = java.util.Arrays.copyOf(bytes, count);
            putInt(head, 0, Wire.KIND_AND_HEADER_LENGTH_BYTES + headerLength + payloadLength);
            head[Wire.KIND_OFFSET] = (byte) FrameKind.DATA.code();
            putInt(head, Wire.HEADER_LENGTH_OFFSET, headerLength);
            return head;
        }

        private static void putInt(byte[] b, int at, int v) {
            b[at] = (byte) (v >>> 24);
            b[at + 1] = (byte) (v >>> 16);
            b[at + 2] = (byte) (v >>> 8);
            b[at + 3] = (byte) v;
        }
    }

    /** Writes length, kind, header length and header; the length counts {@code payloadLength} more bytes to follow. */
    private static void writeHeaderPart(ByteBuf buf, Codec codec, Frame frame, int payloadLength) {
        int start = buf.writerIndex();
        buf.writeInt(0).writeByte(frame.kind().code()).writeInt(0);
        int headerStart = buf.writerIndex();
        try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
            codec.encodeHeader(frame, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int headerLength = buf.writerIndex() - headerStart;
        buf.setInt(start + Wire.HEADER_LENGTH_OFFSET, headerLength);
        buf.setInt(start, Wire.KIND_AND_HEADER_LENGTH_BYTES + headerLength + payloadLength);
    }

    /**
     * Checks the fixed part of a received frame and returns its kind.
     *
     * @param frame a frame from {@link FrameDecoder}, length prefix included
     * @throws ProtocolException for a frame too short, an unknown kind, a header length beyond the
     *     frame, payload bytes after a frame other than DATA, or header bytes in a PING or PONG
     */
    public static FrameKind kind(ByteBuf frame) {
        int base = frame.readerIndex();
        int body = frame.readableBytes() - Wire.LENGTH_BYTES;
        if (body < Wire.KIND_AND_HEADER_LENGTH_BYTES) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "a frame of " + body
                    + " bytes is too short: kind and header length take 5");
        }
        int code = frame.getUnsignedByte(base + Wire.KIND_OFFSET);
        FrameKind kind = FrameKind.ofCode(code);
        if (kind == null) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "unknown frame kind " + code);
        }
        long headerLength = frame.getUnsignedInt(base + Wire.HEADER_LENGTH_OFFSET);
        long rest = body - Wire.KIND_AND_HEADER_LENGTH_BYTES;
        if (headerLength > rest) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "the header length " + headerLength + " of a " + kind
                    + " frame is beyond its end (" + rest + " bytes)");
        }
        if (kind != FrameKind.DATA && headerLength != rest) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "a " + kind + " frame carries " + (rest - headerLength)
                    + " payload bytes; only DATA frames have a payload");
        }
        if ((kind == FrameKind.PING || kind == FrameKind.PONG) && headerLength != 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "a " + kind + " frame must have no header, had "
                    + headerLength + " bytes");
        }
        return kind;
    }

    /** The header length of a checked frame. */
    public static int headerLength(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + Wire.HEADER_LENGTH_OFFSET);
    }

    /** The index of the payload in a checked frame. */
    public static int payloadIndex(ByteBuf frame) {
        return frame.readerIndex() + Wire.HEADER_OFFSET + headerLength(frame);
    }

    /** The number of payload bytes of a checked frame. */
    public static int payloadLength(ByteBuf frame) {
        return frame.writerIndex() - payloadIndex(frame);
    }

    /**
     * Decodes the header of a checked frame with the codec.
     *
     * @throws ProtocolException with {@link ErrorCode#CODEC_ERROR} if the codec cannot read it, or
     *     returns a frame of another kind
     */
    public static Frame decodeHeader(Codec codec, FrameKind kind, ByteBuf frame) {
        ByteBuffer header = headerBytes(frame);
        Frame decoded;
        try {
            decoded = codec.decodeHeader(kind, header);
        } catch (RuntimeException e) {
            // A codec should throw only CodecException; any failure is the peer's bad input all the same.
            throw new ProtocolException(ErrorCode.CODEC_ERROR, "cannot decode the header of a " + kind + " frame with codec "
                    + codec.name() + ": " + e.getMessage());
        }
        if (decoded == null || decoded.kind() != kind) {
            throw new ProtocolException(ErrorCode.CODEC_ERROR, "codec " + codec.name() + " decoded a " + kind
                    + " header as " + (decoded == null ? "null" : decoded.kind().toString()));
        }
        return decoded;
    }
}
