package broadcast.transport.tcp.internal.hub;

import broadcast.api.BroadcastConfig;
import broadcast.api.ErrorCode;
import broadcast.api.ProviderNotFoundException;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.transport.tcp.internal.auth.Authenticator;
import broadcast.transport.tcp.internal.auth.Identity;
import broadcast.transport.tcp.internal.net.Heartbeat;
import broadcast.transport.tcp.internal.tls.TlsGate;
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
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The hub's end of one connection: admits it (connection limit), waits for the HELLO (handshake
 * timeout), checks its token (off the event loop when that takes a slow hash, holding the frames
 * read meanwhile), answers WELCOME or REFUSED, then hands every frame to the connection's
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
    /** Over the connection limit on a TLS hub: refused once TLS is up, so the client can read why. */
    private boolean overLimit;
    /** Frames read while the token is checked off the loop; null otherwise. */
    private ArrayDeque<Object> early;
    private ScheduledFuture<?> handshakeTimeout;

    HubHandler(Hub hub, FrameDecoder decoder) {
        this.hub = hub;
        this.decoder = decoder;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        hub.channelOpened(ctx.channel());
        admitted = hub.admit();
        if (!admitted && !hub.security().tls()) {
            refuseOverLimit(ctx);
            return;
        }
        overLimit = !admitted;
        long ms = hub.limits().handshakeTimeout().toMillis();
        handshakeTimeout = ctx.executor().schedule(() -> refuse(ctx, ErrorCode.HANDSHAKE_TIMEOUT,
                "no HELLO within " + ms + " ms (handshakeTimeout)"), ms, TimeUnit.MILLISECONDS);
    }

    private void refuseOverLimit(ChannelHandlerContext ctx) {
        refuse(ctx, ErrorCode.LIMIT_EXCEEDED, "the hub has reached its limit of " + hub.limits().maxConnections()
                + " connections (maxConnections)");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (early != null) {
            early.add(msg);
            return;
        }
        if (overLimit) {
            ReferenceCountUtil.release(msg);
            refuseOverLimit(ctx);
            return;
        }
        if (msg instanceof FrameTooLarge tooLarge) {
            if (session == null && tooLarge.length() >>> 24 == TlsGate.TLS_HANDSHAKE) {
                refuse(ctx, ErrorCode.PROTOCOL_ERROR, "this hub does not use TLS; connect without TLS");
            } else if (session == null) {
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
        if (!hello.clientName().isEmpty()) {
            String problem = hub.nameProblem(hello.clientName());
            if (problem != null) {
                throw new ProtocolException(ErrorCode.INVALID_NAME, "client name " + problem);
            }
        }
        Authenticator auth = hub.security().authenticator;
        String address = String.valueOf(ctx.channel().remoteAddress());
        if (!auth.slow(hello.token())) {
            admit(ctx, hello, codec, agreed, auth.authenticate(hello.token(), address));
            return;
        }
        // A slow hash: check it on the hub's auth thread; hold what the client sends meanwhile.
        early = new ArrayDeque<>();
        ctx.channel().config().setAutoRead(false);
        try {
            hub.authExecutor().execute(() -> {
                Identity identity = null;
                RuntimeException failure = null;
                try {
                    identity = auth.authenticate(hello.token(), address);
                } catch (RuntimeException e) {
                    failure = e;
                }
                Identity who = identity;
                RuntimeException why = failure;
                try {
                    ctx.executor().execute(() -> authenticated(ctx, hello, codec, agreed, who, why));
                } catch (RejectedExecutionException e) {
                    // The hub is closing; so is the connection.
                }
            });
        } catch (RejectedExecutionException e) {
            ctx.close();
        }
    }

    /** The token was checked off the loop: go on with the handshake, then with what was held. */
    private void authenticated(ChannelHandlerContext ctx, Hello hello, Codec codec, int agreed, Identity identity,
                               RuntimeException failure) {
        ArrayDeque<Object> held = early;
        early = null;
        if (!ctx.channel().isActive()) {
            release(held);
            return;
        }
        try {
            if (failure != null) {
                throw failure;
            }
            admit(ctx, hello, codec, agreed, identity);
        } catch (ProtocolException e) {
            refuse(ctx, e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "the handshake of " + ctx.channel().remoteAddress() + " failed: " + e, e);
            refuse(ctx, ErrorCode.INTERNAL_ERROR, "the hub failed to accept the connection: " + e);
        }
        ctx.channel().config().setAutoRead(true);
        Object msg;
        while ((msg = held.poll()) != null) {
            channelRead(ctx, msg);
        }
        Outbound.current().flush();
    }

    private static void release(ArrayDeque<Object> held) {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }

    /** Admits an authenticated client under its name (or one the hub assigns) and welcomes it. */
    private void admit(ChannelHandlerContext ctx, Hello hello, Codec codec, int agreed, Identity identity) {
        String name = hello.clientName().isEmpty() ? hub.assignName() : hello.clientName();
        if (!hello.clientName().isEmpty() && !hub.mayUseName(identity, name)) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, identity + " may not use client name '" + name + "'");
        }
        Session s = hub.register(ctx, name, codec, hello.has(Wire.HELLO_TRANSIENT_OUTCOMES), agreed, identity);
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
        hub.counters().error(code);
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
        if (evt instanceof SslHandshakeCompletionEvent tls && tls.isSuccess() && overLimit) {
            refuseOverLimit(ctx);
        }
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
        release(early);
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
