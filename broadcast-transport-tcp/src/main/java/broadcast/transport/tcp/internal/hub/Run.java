package broadcast.transport.tcp.internal.hub;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;

/**
 * Frames forwarded to one connection that lie back to back in one received buffer, written as
 * one slice of it. A burst read from a sender holds many frames in one buffer, and the frames a
 * recipient gets from it are, most of the time, consecutive there: written as one slice they cost
 * one entry in the channel's outbound buffer and one {@code iovec}, with no copy (each frame
 * alone would cost its own). A frame that is not a slice of a buffer, or does not follow the run,
 * is not taken: the caller writes the run and then the frame, so order holds.
 *
 * <p>A frame can also be <em>lent</em> ({@link #addLent}): given as its place in a buffer, without
 * a reference of its own. A run of lent frames takes one reference of the buffer when it starts,
 * so forwarding a burst costs one reference count change per run, not two per frame: the count
 * lives in the received buffer, which the sender's event loop changes too, and changing it from
 * two threads for every frame made the hub's loops wait on each other's cache lines in fan-out.
 *
 * <p>Not thread-safe; one per session, on its event loop.
 */
final class Run {

    /** The buffer the run lies in; null when there is no run. */
    private ByteBuf root;
    /** The run's first frame, whose reference keeps {@link #root} alive; null when the run holds a reference of root. */
    private ByteBuf first;
    private int index;
    private int length;

    /**
     * Takes a frame into the run when it follows it; otherwise writes the run and starts a new one
     * with the frame. Takes over the frame's reference when it returns true.
     *
     * @return false when the frame is not a slice of a received buffer: the run is written, and the
     *     caller writes the frame
     */
    boolean add(ByteBuf frame, ChannelHandlerContext ctx) {
        ByteBuf parent = frame.unwrap();
        int at = parent == null ? -1 : indexIn(frame, parent);
        if (at >= 0 && parent == root && at == index + length) {
            length += frame.readableBytes();
            frame.release();
            return true;
        }
        writeTo(ctx);
        if (at < 0) {
            return false;
        }
        root = parent;
        first = frame;
        index = at;
        length = frame.readableBytes();
        return true;
    }

    /**
     * Takes a lent frame, {@code length} bytes at {@code at} in {@code buffer}, into the run when it
     * follows it; otherwise writes the run and starts a new one with the frame, taking a reference
     * of {@code buffer}. The caller keeps its own reference.
     */
    void addLent(ByteBuf buffer, int at, int bytes, ChannelHandlerContext ctx) {
        if (buffer == root && at == index + length) {
            length += bytes;
            return;
        }
        writeTo(ctx);
        root = buffer.retain();
        first = null;
        index = at;
        length = bytes;
    }

    /** Writes the run, if any. */
    void writeTo(ChannelHandlerContext ctx) {
        if (root == null) {
            return;
        }
        ByteBuf out;
        if (first == null) {
            // the run's reference of root goes with the slice
            out = root.slice(index, length);
        } else if (length == first.readableBytes()) {
            out = first;
        } else {
            out = root.retainedSlice(index, length);
            first.release();
        }
        root = null;
        first = null;
        ctx.write(out, ctx.voidPromise());
    }

    /** Drops the run unwritten (the connection is gone). */
    void release() {
        if (root != null) {
            (first != null ? first : root).release();
            root = null;
            first = null;
        }
    }

    /** Where a slice's readable bytes start in the buffer it is a slice of; -1 if that cannot be told. */
    static int indexIn(ByteBuf slice, ByteBuf parent) {
        long at;
        if (slice.hasMemoryAddress() && parent.hasMemoryAddress()) {
            at = slice.memoryAddress() - parent.memoryAddress() + slice.readerIndex();
        } else if (slice.hasArray() && parent.hasArray() && slice.array() == parent.array()) {
            at = (long) slice.arrayOffset() - parent.arrayOffset() + slice.readerIndex();
        } else {
            return -1;
        }
        return at >= 0 && at + slice.readableBytes() <= parent.capacity() ? (int) at : -1;
    }
}
