package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ErrorCode;
import broadcast.api.Payload;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.transport.tcp.internal.net.Heartbeat;
import broadcast.transport.tcp.internal.tls.TlsFailures;
import broadcast.transport.tcp.internal.wire.FrameTooLarge;
import broadcast.transport.tcp.internal.wire.Frames;
import broadcast.transport.tcp.internal.wire.ProtocolException;
import broadcast.transport.tcp.internal.wire.Welcome;
import broadcast.transport.tcp.internal.wire.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;

import java.lang.System.Logger.Level;

/**
 * The client's end of one connection: reads the WELCOME, then decodes each frame and passes it to
 * the {@link ClientCore}; answers PINGs, sends PINGs when idle, and closes a connection the hub
 * stopped answering on. Not thread-safe; one instance per connection, on its event loop.
 */
final class ClientHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(ClientHandler.class.getName());

    private final ClientCore core;
    private final ReceivedCheck check = new ReceivedCheck();
    private boolean welcomed;
    private boolean failed;
    private boolean tlsFailed;
    private Throwable cause;

    ClientHandler(ClientCore core) {
        this.core = core;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        core.onActive(ctx.channel());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof FrameTooLarge tooLarge) {
            if (!welcomed && TlsFailures.looksLikeTls(tooLarge.length())) {
                failed = true;
                tlsFailed(ctx, TlsFailures.hubRequiresTls(core.describe(), core.config().address()));
                return;
            }
            fail(ctx, new ProtocolException(ErrorCode.FRAME_TOO_LARGE, tooLarge.message()));
            return;
        }
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (!welcomed) {
                frame.skipBytes(Wire.LENGTH_BYTES);
                Welcome welcome = Welcome.decode(frame);
                welcomed = !welcome.isRefused();
                core.onWelcome(ctx.channel(), welcome);
                return;
            }
            onFrame(ctx, frame);
        } catch (ProtocolException e) {
            fail(ctx, e);
        } finally {
            frame.release();
        }
    }

    private void onFrame(ChannelHandlerContext ctx, ByteBuf frame) {
        FrameKind kind = Frames.kind(frame);
        switch (kind) {
            case DATA -> onData(frame);
            case OUTCOME -> core.onOutcomes(((Frame.Outcomes) Frames.decodeHeader(core.codec(), kind, frame)).outcomes());
            case SUBACK -> core.onSubAck((Frame.SubAck) Frames.decodeHeader(core.codec(), kind, frame));
            case PING -> ctx.write(Frames.pong(), ctx.voidPromise());
            case PONG -> {
                // Its arrival is what counts, for the heartbeat timeout.
            }
            case ERROR -> core.onHubError((Frame.Error) Frames.decodeHeader(core.codec(), kind, frame));
            case SUBSCRIBE, UNSUBSCRIBE, ACK -> throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                    "a hub must not send " + kind + " frames");
            default -> throw new IllegalStateException("unhandled frame kind " + kind);
        }
    }

    private void onData(ByteBuf frame) {
        Frame.Data h = (Frame.Data) Frames.decodeHeader(core.codec(), FrameKind.DATA, frame);
        byte[] payload = ByteBufUtil.getBytes(frame, Frames.payloadIndex(frame), Frames.payloadLength(frame));
        BroadcastMessage message;
        try {
            message = check.message(h, new Payload(h.contentType(), payload), core.payloadCodec(h.contentType()));
        } catch (IllegalArgumentException e) {
            core.inbound().unreadable(h.id(), h.persistent(), "message " + h.id() + " from the hub is invalid: " + e.getMessage());
            return;
        }
        core.inbound().received(message);
    }

    private void fail(ChannelHandlerContext ctx, ProtocolException e) {
        failed = true;
        cause = e;
        LOG.log(Level.WARNING, () -> "client '" + core.name() + "' - the hub broke the protocol: " + e.getMessage());
        core.callbacks().error(new BroadcastException("the hub broke the protocol: " + e.getMessage(), e.errorCode(), e));
        if (welcomed) {
            try {
                ctx.writeAndFlush(Frames.encode(ctx.alloc(), core.codec(), new Frame.Error(e.errorCode(), e.getMessage())))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            } catch (RuntimeException encodeFailure) {
                // Close without telling.
            }
        }
        ctx.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        core.inbound().endOfBurst();
        ctx.flush();
    }

    private BroadcastException handshakeFailed(Throwable t) {
        return TlsFailures.handshakeFailed(core.describe(), core.config().address(), core.config().host(), t);
    }

    private void tlsFailed(ChannelHandlerContext ctx, BroadcastException failure) {
        if (!tlsFailed) {
            tlsFailed = true;
            cause = failure;
            core.onTlsFailure(ctx.channel(), failure);
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent tls) {
            if (!tls.isSuccess()) {
                tlsFailed(ctx, handshakeFailed(tls.cause()));
            }
            return;
        }
        if (evt == Heartbeat.PEER_SILENT || evt == Heartbeat.PING_DUE) {
            if (evt == Heartbeat.PEER_SILENT) {
                cause = new BroadcastException("nothing received from the hub within the heartbeat timeout",
                        ErrorCode.HEARTBEAT_TIMEOUT, null);
                ctx.close();
            } else {
                ctx.writeAndFlush(Frames.ping(), ctx.voidPromise());
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        core.inbound().endOfBurst();
        core.onInactive(ctx.channel(), cause);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
        if (!welcomed && TlsFailures.isTls(t)) {
            // With TLS 1.3 a hub refuses a client certificate after the client's side of the handshake is done.
            tlsFailed(ctx, handshakeFailed(t));
            return;
        }
        cause = t;
        ctx.close();
    }
}
