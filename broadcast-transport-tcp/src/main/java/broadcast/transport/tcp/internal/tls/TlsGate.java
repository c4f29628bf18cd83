package broadcast.transport.tcp.internal.tls;

import broadcast.api.ErrorCode;
import broadcast.transport.tcp.internal.wire.Welcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import java.util.List;

/**
 * The first handler of a connection to a hub with TLS. It looks at the first byte: a TLS handshake
 * record (0x16) puts an {@link SslHandler} in its place; anything else is a client without TLS,
 * which is answered, in plain bytes it can read, REFUSED {@code UNAUTHORIZED} saying the hub
 * requires TLS, and closed. (A plain frame cannot start with 0x16: its length would be beyond any
 * frame limit.) Not thread-safe; one instance per connection.
 */
public final class TlsGate extends ByteToMessageDecoder {

    /** The first byte of a TLS handshake record. */
    public static final int TLS_HANDSHAKE = 0x16;
    /** The first byte of a TLS alert record. */
    public static final int TLS_ALERT = 0x15;
    /** What a client without TLS is told. */
    public static final String REQUIRES_TLS = "this hub accepts TLS connections only; connect with TLS "
            + "(BroadcastConfig.tls, or BROADCAST_TLS=true)";

    private final SslContext context;
    private final long handshakeTimeoutMs;
    private boolean refused;

    public TlsGate(SslContext context, long handshakeTimeoutMs) {
        this.context = context;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (!refused && in.getUnsignedByte(in.readerIndex()) == TLS_HANDSHAKE) {
            SslHandler ssl = context.newHandler(ctx.alloc());
            ssl.setHandshakeTimeoutMillis(handshakeTimeoutMs);
            ctx.pipeline().replace(this, "tls", ssl);
            return;
        }
        in.skipBytes(in.readableBytes());
        if (!refused) {
            refused = true;
            ByteBuf refusal = ctx.alloc().buffer(128);
            Welcome.refused(ErrorCode.UNAUTHORIZED, REQUIRES_TLS).encode(refusal);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
