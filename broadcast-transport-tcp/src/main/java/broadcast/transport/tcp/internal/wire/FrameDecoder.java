package broadcast.transport.tcp.internal.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts the byte stream into frames: {@code length:u32} then that many bytes. Keeps the bytes of
 * an incomplete frame until the rest arrives (a frame split at any byte), and cuts every complete
 * frame of one read (frames coalesced). Each frame goes on as a retained slice of the received
 * bytes, length prefix included, so a hub can forward it without a copy.
 *
 * <p>A length above the limit is never waited for: the decoder passes a {@link FrameTooLarge}
 * on and discards everything after it. Not thread-safe; one instance per connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private volatile int maxFrameBytes;
    private boolean failed;

    /** A decoder that accepts frames up to {@code maxFrameBytes} (after the length prefix). */
    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Changes the limit, once the handshake agreed on one. */
    public void maxFrameBytes(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int limit = maxFrameBytes;
        while (in.readableBytes() >= Wire.LENGTH_BYTES) {
            int start = in.readerIndex();
            long length = in.getUnsignedInt(start);
            if (length > limit) {
                failed = true;
                in.skipBytes(in.readableBytes());
                out.add(new FrameTooLarge(length, limit));
                return;
            }
            int total = Wire.LENGTH_BYTES + (int) length;
            if (in.readableBytes() < total) {
                return;
            }
            out.add(in.retainedSlice(start, total));
            in.readerIndex(start + total);
        }
    }
}
