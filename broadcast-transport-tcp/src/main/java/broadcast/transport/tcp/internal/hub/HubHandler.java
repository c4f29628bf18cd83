package broadcast.transport.tcp.internal.hub;

import broadcast.api.BroadcastConfig;
import broadcast.api.ErrorCode;
import broadcast.api.ProviderNotFoundException;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.transport.tcp.internal.net.Heartbeat;
import broadcast.transport.tcp.internal.wire.FrameDecoder;
import broadcast.transport.tcp.internal.wire.FrameTooLarge;
import broadcast.transport.tcp.internal.wire.Hello;
import broadcast.transport.tcp.internal.wire.ProtocolException;
import broadcast.transport.tcp.internal.wire.Welcome;
import broadcast.transport.tcp.internal.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub's end of one connection: admits it (connection limit), waits for the HELLO (handshake
 * timeout), answers WELCOME or REFUSED, then hands every frame to the connection's
 * {@link Session}; flushes once per read burst; turns idleness into PINGs and a silent peer into a
 * closed connection. Not thread-safe; one instance per connection, used on its event loop.
 */
final class HubHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(HubHandler.class.getName());

    private final Hub hub;
    private final FrameDecoder decoder;
    private Session session;
    private boolean admitted;
    private boolean refused;
    private ScheduledFuture<?> handshakeTimeout;

    HubHandler(Hub hub, FrameDecoder decoder) {
        this.hub = hub;
        this.decoder = decoder;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        hub.channelOpened(ctx.channel());
        if (!hub.admit()) {
            refuse(ctx, ErrorCode.LIMIT_EXCEEDED, "the hub has reached its limit of " + hub.limits().maxConnections()
                    + " connections (maxConnections)");
            return;
        }
        admitted = true;
        long ms = hub.limits().handshakeTimeout().toMillis();
        handshakeTimeout = ctx.executor().schedule(() -> refuse(ctx, ErrorCode.HANDSHAKE_TIMEOUT,
                "no HELLO within " + ms + " ms (handshakeTimeout)"), ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof FrameTooLarge tooLarge) {
            if (session == null) {
                refuse(ctx, ErrorCode.FRAME_TOO_LARGE, tooLarge.message());
            } else {
                session.fail(ErrorCode.FRAME_TOO_LARGE, tooLarge.message());
            }
            return;
        }
        ByteBuf frame = (ByteBuf) msg;
        if (session == null) {
            try {
                handshake(ctx, frame);
            } catch (ProtocolException e) {
                refuse(ctx, e.errorCode(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "the handshake of " + ctx.channel().remoteAddress() + " failed: " + e, e);
                refuse(ctx, ErrorCode.INTERNAL_ERROR, "the hub failed to accept the connection: " + e);
            } finally {
                frame.release();
            }
            return;
        }
        try {
            session.onFrame(frame);
        } catch (ProtocolException e) {
            session.fail(e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> session + " - a frame failed: " + e, e);
            session.fail(ErrorCode.INTERNAL_ERROR, "the hub failed on a frame: " + e);
        }
    }

    private void handshake(ChannelHandlerContext ctx, ByteBuf frame) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        frame.skipBytes(Wire.LENGTH_BYTES);
        Hello hello = Hello.decode(frame);
        Codec codec;
        try {
            codec = hub.codecs().codec(hello.codec());
        } catch (ProviderNotFoundException | IllegalArgumentException e) {
            throw new ProtocolException(ErrorCode.UNKNOWN_CODEC, "no codec named \"" + hello.codec() + "\"; this hub has "
                    + hub.codecs().names());
        }
        if (hello.maxFrameBytes() < BroadcastConfig.MIN_MAX_FRAME_BYTES) {
            throw new ProtocolException(ErrorCode.PROTOCOL_ERROR, "maxFrameBytes must be at least "
                    + BroadcastConfig.MIN_MAX_FRAME_BYTES + ", was " + hello.maxFrameBytes());
        }
        int agreed = (int) Math.min(hello.maxFrameBytes(), hub.config().maxFrameBytes());
        String name = hello.clientName().isEmpty() ? hub.assignName() : hello.clientName();
        String problem = hub.nameProblem(name);
        if (problem != null) {
            throw new ProtocolException(ErrorCode.INVALID_NAME, "client name " + problem);
        }
        Frame.Error refusal = hub.authorizer().admit(name, hello.token(), String.valueOf(ctx.channel().remoteAddress()));
        if (refusal != null) {
            throw new ProtocolException(refusal.code(), refusal.message());
        }
        Session s = hub.register(ctx, name, codec, hello.has(Wire.HELLO_TRANSIENT_OUTCOMES), agreed);
        List<Frame.Refusal> refusals = new ArrayList<>();
        s.subscribe(hello.channels(), refusals);
        ByteBuf welcome = ctx.alloc().buffer(128);
        Welcome.welcome(hub.hubId(), name, agreed, hub.config().heartbeatInterval().toMillis(),
                hub.config().heartbeatTimeout().toMillis(), refusals).encode(welcome);
        ctx.write(welcome, ctx.voidPromise());
        decoder.maxFrameBytes(agreed);
        ctx.pipeline().addFirst("heartbeat", new Heartbeat(hub.config().heartbeatInterval().toMillis(),
                hub.config().heartbeatTimeout().toMillis()));
        session = s;
        Outbound.current().touch(s);
        LOG.log(Level.DEBUG, () -> s + " connected with codec " + codec.name() + ", frames up to " + agreed + " bytes");
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (refused) {
            return;
        }
        refused = true;
        LOG.log(Level.DEBUG, () -> "refused a connection from " + ctx.channel().remoteAddress() + ": " + code + " "
                + message);
        ByteBuf out = ctx.alloc().buffer(64 + message.length());
        Welcome.refused(code, message).encode(out);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Outbound.current().flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if ((evt == Heartbeat.PEER_SILENT || evt == Heartbeat.PING_DUE) && session != null) {
            if (evt == Heartbeat.PEER_SILENT) {
                LOG.log(Level.DEBUG, () -> session + " sent nothing for " + hub.config().heartbeatTimeout()
                        + "; closing the connection");
                session.fail(ErrorCode.HEARTBEAT_TIMEOUT, "nothing received from client '" + session.name() + "' for "
                        + hub.config().heartbeatTimeout().toMillis() + " ms (heartbeatTimeout)");
            } else {
                session.write(broadcast.transport.tcp.internal.wire.Frames.ping());
                Outbound.current().flush();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        if (session != null) {
            session.onClosed();
        }
        if (admitted) {
            hub.release();
        }
        hub.channelClosed(ctx.channel());
        Outbound.current().flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "connection " + ctx.channel().remoteAddress() + " failed: " + cause);
        ctx.close();
    }
}
