package broadcast.transport.tcp.internal.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Watches one connection for silence, cheaply: it notes the time of each socket read and of each
 * flush that follows a write (not of each message: no listener per write), and a periodic check fires {@link #PING_DUE} after
 * {@code interval} without a flush, and {@link #PEER_SILENT} after {@code timeout} without a read.
 * Goes first in the pipeline. Not thread-safe; one instance per connection, on its event loop.
 */
public final class Heartbeat extends ChannelDuplexHandler {

    /** User event: nothing was written for the interval; send a PING. */
    public static final Object PING_DUE = "heartbeat: ping due";
    /** User event: nothing was read for the timeout; the peer is gone. */
    public static final Object PEER_SILENT = "heartbeat: peer silent";

    private final long intervalNanos;
    private final long timeoutNanos;
    private long lastRead;
    private long lastWrite;
    private boolean wrote;
    private ScheduledFuture<?> check;

    public Heartbeat(long intervalMillis, long timeoutMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        lastRead = lastWrite = System.nanoTime();
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(intervalNanos, timeoutNanos) / 4);
        check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), tick, tick, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            stop();
            return;
        }
        long now = System.nanoTime();
        if (now - lastRead >= timeoutNanos) {
            stop();
            ctx.fireUserEventTriggered(PEER_SILENT);
        } else if (now - lastWrite >= intervalNanos) {
            lastWrite = now;
            ctx.fireUserEventTriggered(PING_DUE);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = System.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        wrote = true;
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // A flush with nothing written is no sign of life for the peer.
        if (wrote) {
            wrote = false;
            lastWrite = System.nanoTime();
        }
        ctx.flush();
    }
}
