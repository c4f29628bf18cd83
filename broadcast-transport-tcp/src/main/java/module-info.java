module broadcast.transport.tcp {
    requires transitive broadcast.api;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.handler;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;

    exports broadcast.transport.tcp;
}
