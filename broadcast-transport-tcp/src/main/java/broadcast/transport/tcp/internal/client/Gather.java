package broadcast.transport.tcp.internal.client;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.transport.tcp.internal.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Writes the frames of one burst through a few pooled direct buffers: each frame is copied in
 * (a message's head and payload, a control frame encoded in place), and each buffer is one
 * write, so a burst of small messages costs one entry in the channel's outbound buffer and one
 * {@code iovec} rather than one per message. The caller flushes. Not thread-safe; used on a
 * client's event loop for one burst.
 */
final class Gather {

    /** The largest buffer made for many frames; a larger frame gets one of its own size. */
    static final int MAX_BUFFER_BYTES = 256 * 1024;
    /** Room made for a control frame; its buffer grows if it needs more. */
    static final int CONTROL_ESTIMATE = 256;

    private final Channel channel;
    private long expected;
    private ByteBuf buf;

    /** @param expected the bytes this burst is expected to write, to size the buffers */
    Gather(Channel channel, long expected) {
        this.channel = channel;
        this.expected = expected;
    }

    void message(Outgoing.Message m) {
        int bytes = m.frameBytes();
        room(bytes);
        buf.writeBytes(m.head).writeBytes(m.payload);
        expected -= bytes;
    }

    /** @throws broadcast.api.spi.CodecException if the codec cannot encode it (nothing is written then) */
    void control(Codec codec, Frame frame) {
        room(CONTROL_ESTIMATE);
        Frames.encodeInto(buf, codec, frame);
        expected -= CONTROL_ESTIMATE;
    }

    private void room(int bytes) {
        if (buf != null && buf.writableBytes() >= bytes) {
            return;
        }
        writeOut();
        int size = (int) Math.max(bytes, Math.min(Math.max(expected, CONTROL_ESTIMATE), MAX_BUFFER_BYTES));
        buf = channel.alloc().directBuffer(size);
    }

    private void writeOut() {
        if (buf == null) {
            return;
        }
        if (buf.isReadable()) {
            channel.write(buf, channel.voidPromise());
        } else {
            buf.release();
        }
        buf = null;
    }

    /** Writes what is gathered; the caller flushes. */
    void finish() {
        writeOut();
    }
}
