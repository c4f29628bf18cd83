package broadcast.transport.tcp.internal.net;

import broadcast.api.BroadcastConfig;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * The Netty transport of this JVM: epoll when its native library loads, NIO otherwise; TCP on a
 * host and port, or a Unix domain socket on a path (epoll's own, or the JDK's since Java 16 with
 * NIO). Stateless.
 */
public final class Transport {

    private static final boolean EPOLL = Epoll.isAvailable();

    private Transport() {
    }

    /** Whether epoll is in use. */
    public static boolean epoll() {
        return EPOLL;
    }

    /** A group of event loops with named threads. */
    public static EventLoopGroup newGroup(int threads, String name, boolean daemon) {
        IoHandlerFactory factory = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, daemon), factory);
    }

    /** The server channel class for TCP or a domain socket. */
    public static Class<? extends ServerChannel> serverChannel(boolean domain) {
        if (EPOLL) {
            return domain ? EpollServerDomainSocketChannel.class : EpollServerSocketChannel.class;
        }
        return domain ? NioServerDomainSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client channel class for TCP or a domain socket. */
    public static Class<? extends Channel> channel(boolean domain) {
        if (EPOLL) {
            return domain ? EpollDomainSocketChannel.class : EpollSocketChannel.class;
        }
        return domain ? NioDomainSocketChannel.class : NioSocketChannel.class;
    }

    /** The address the config points at: its socket path, or its host and port. */
    public static SocketAddress address(BroadcastConfig config) {
        if (config.url().isPresent()) {
            Path path = config.url().get();
            return EPOLL ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
        }
        return new InetSocketAddress(config.host(), config.port());
    }

    /** An address as users see it: {@code host:port} (the IP, as the original did) or the socket path. */
    public static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return host + ":" + inet.getPort();
        }
        if (address instanceof DomainSocketAddress domain) {
            return domain.path();
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        return String.valueOf(address);
    }
}
