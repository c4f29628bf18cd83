/**
 * The Broadcast hub and client over TCP, or a Unix domain socket, on Netty:
 * {@link broadcast.transport.tcp.BroadcastTcpServer} and {@link broadcast.transport.tcp.BroadcastTcpClient}.
 *
 * <p>Wire protocol version 1 (see {@code docs/protocol.md}): length-prefixed frames with a maximum
 * size agreed at the handshake, a codec-independent HELLO/WELCOME handshake, then frames whose
 * headers the chosen codec writes. The hub routes by header alone and forwards payload bytes as
 * they are; persistent messages are kept in the configured store until acknowledged; senders hear
 * an outcome; clients reconnect with backoff, resubscribe, and send again what was not answered.
 *
 * <p>Security: TLS on both sides with the JDK's {@code SSLEngine} ({@link broadcast.api.TlsConfig}:
 * PEM or PKCS#12 key material, client certificates); a shared token, or a users file with hashed
 * tokens, client names bound to users and per-channel publish and subscribe permissions
 * ({@link broadcast.api.BroadcastConfig#usersFile()}, hashes made by
 * {@link broadcast.transport.tcp.TokenHash}).
 *
 * <p>Codecs and stores are found by name through {@link broadcast.api.spi.Providers}; put their
 * modules on the module path. Netty's epoll transport is used when its native library loads
 * (on the module path add {@code --add-modules io.netty.transport.epoll.linux.x86_64}), NIO
 * otherwise.
 */
module broadcast.transport.tcp {
    requires transitive broadcast.api;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    requires java.management;

    exports broadcast.transport.tcp;
    // The hub's statistics MXBean, read by the JMX introspector (not API).
    exports broadcast.transport.tcp.internal.jmx to java.management;
}
