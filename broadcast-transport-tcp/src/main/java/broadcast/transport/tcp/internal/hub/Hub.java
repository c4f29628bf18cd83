package broadcast.transport.tcp.internal.hub;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectedClient;
import broadcast.api.ErrorCode;
import broadcast.api.HubLimits;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.Payload;
import broadcast.api.ServerMessageHandler;
import broadcast.api.internal.Ids;
import broadcast.api.internal.Names;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.Payloads;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoreStats;
import broadcast.transport.tcp.internal.Codecs;
import broadcast.transport.tcp.internal.auth.Identity;
import broadcast.transport.tcp.internal.jmx.HubStatsBean;
import broadcast.transport.tcp.internal.net.Transport;
import broadcast.transport.tcp.internal.wire.FrameDecoder;
import broadcast.transport.tcp.internal.wire.Frames;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The hub: listens, admits connections, and holds what they share: the routing table, the
 * sessions by name and by address, what it remembers per client name, the store, and the
 * executors for store reads and user callbacks. See {@link Routing} for how a message flows and
 * {@link Session} for delivery to one client.
 *
 * <p>Threads: one accepting event loop, one worker loop per core (each connection lives on one),
 * one thread for user callbacks ({@code onMessage}, outcome futures), two for store reads and
 * expiry. All are stopped by {@link #close()}. Thread-safe.
 */
public final class Hub {

    private static final System.Logger LOG = System.getLogger(Hub.class.getName());
    private static final long EXPIRE_EVERY_MS = 5_000;
    private static final long CLOSE_WAIT_MS = 5_000;

    private enum State { NEW, STARTED, CLOSED }

    private final BroadcastConfig config;
    private final HubLimits limits;
    private final Codecs codecs;
    private final Supplier<MessageStore> storeFactory;
    private final String hubId = "hub-" + Ids.next().substring(12);
    private final Routing routing = new Routing(this);
    private final Registry registry = new Registry();
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong firstSequence = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger durablePending = new AtomicInteger();
    private final HubCounters counters = new HubCounters();
    private final LongAdder storeFailures = new LongAdder();
    private final LongAdder hookFailures = new LongAdder();
    private volatile ServerMessageHandler handler;

    private State state = State.NEW;
    private volatile Security security;
    private MessageStore store;
    private Router router;
    private Codec hubCodec;
    private HubThreads threads;
    private Channel serverChannel;
    private SocketAddress bound;

    public Hub(BroadcastConfig config, Codecs codecs, Supplier<MessageStore> storeFactory) {
        this.config = config;
        this.limits = config.limits();
        this.codecs = codecs;
        this.storeFactory = storeFactory;
    }

    // ---- life cycle ----

    /** Opens the store and listens; returns once listening. */
    public synchronized void start() {
        if (state == State.CLOSED) {
            throw new BroadcastException("hub " + hubId + " is closed; make a new one to listen again");
        }
        if (state == State.STARTED) {
            return;
        }
        security = Security.load(config, hubId);
        hubCodec = codecs.codec(config.codec());
        store = storeFactory.get();
        try {
            router = new Router(store.stats().entries() > 0);
            threads = new HubThreads(security.authenticator.usesSlowHash());
            bind();
        } catch (RuntimeException e) {
            if (threads != null) {
                threads.stop();
            }
            store.close();
            throw e;
        }
        threads.store.scheduleWithFixedDelay(this::expire, EXPIRE_EVERY_MS, EXPIRE_EVERY_MS, TimeUnit.MILLISECONDS);
        state = State.STARTED;
        HubStatsBean.register(hubId, this::stats);
        LOG.log(Level.INFO, () -> "hub " + hubId + " listening on " + address() + " (" + (Transport.epoll() ? "epoll" : "nio")
                + ", codec " + config.codec() + ", store " + config.store() + security.describe(config) + ")");
    }

    private void bind() {
        boolean domain = config.url().isPresent();
        int high = limits.writeBufferBytes();
        ServerBootstrap b = new ServerBootstrap()
                .group(threads.boss, threads.workers)
                .channel(Transport.serverChannel(domain))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        FrameDecoder decoder = new FrameDecoder(config.maxFrameBytes());
                        security.addTlsGate(ch.pipeline());
                        ch.pipeline().addLast("frames", decoder).addLast("hub", new HubHandler(Hub.this, decoder));
                    }
                });
        if (!domain) {
            b.option(ChannelOption.SO_REUSEADDR, true).childOption(ChannelOption.TCP_NODELAY, true);
        }
        try {
            serverChannel = b.bind(Transport.address(config)).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new BroadcastException("cannot listen on " + config.address() + ": " + e.getMessage(), e);
        }
        bound = serverChannel.localAddress();
    }

    /**
     * Stops accepting, sends the outcomes still due, closes every connection (ERROR
     * {@code SHUTTING_DOWN}), stops the threads and closes the store.
     */
    public void close() {
        synchronized (this) {
            if (state != State.STARTED) {
                state = State.CLOSED;
                return;
            }
            state = State.CLOSED;
        }
        HubStatsBean.unregister(hubId);
        serverChannel.close().awaitUninterruptibly(CLOSE_WAIT_MS);
        for (Channel ch : channels) {
            ch.config().setAutoRead(false);
        }
        awaitDurable();
        for (Session s : registry.sessions()) {
            s.loop().execute(() -> s.fail(ErrorCode.SHUTTING_DOWN, "the hub is shutting down"));
        }
        for (Channel ch : channels) {
            ch.close();
        }
        for (Channel ch : List.copyOf(channels)) {
            ch.closeFuture().awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        threads.stop();
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "hub " + hubId + " - closing the store failed: " + e, e);
        }
        config.url().ifPresent(path -> {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "cannot delete socket file " + path + ": " + e);
            }
        });
        LOG.log(Level.INFO, () -> "hub " + hubId + " closed");
    }

    private void awaitDurable() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        synchronized (durablePending) {
            while (durablePending.get() > 0 && System.nanoTime() < deadline) {
                try {
                    durablePending.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void expire() {
        try {
            long removed = store.expire(System.currentTimeMillis());
            if (removed > 0) {
                LOG.log(Level.DEBUG, () -> "hub " + hubId + " - " + removed + " expired queue entries removed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "hub " + hubId + " - expiring queue entries failed: " + e, e);
        }
    }

    // ---- public view ----

    public String hubId() {
        return hubId;
    }

    /** @throws IllegalStateException before start or for a Unix socket */
    public synchronized int port() {
        if (bound == null) {
            throw new IllegalStateException("hub " + hubId + " is not listening yet: call start() first");
        }
        if (!(bound instanceof java.net.InetSocketAddress inet)) {
            throw new IllegalStateException("hub " + hubId + " listens on a Unix socket (" + address() + "), not a TCP port");
        }
        return inet.getPort();
    }

    public synchronized String address() {
        return bound == null ? config.address() : config.url().map(Object::toString).orElseGet(() -> Transport.describe(bound));
    }

    public void onMessage(ServerMessageHandler handler) {
        this.handler = handler;
    }

    public Collection<ConnectedClient> clients() {
        return List.copyOf(registry.sessions());
    }

    public Optional<ConnectedClient> client(String name) {
        return Optional.ofNullable(registry.named(name));
    }

    /** A message from the hub, routed like a client's. */
    public CompletionStage<Outcome> sendMessage(BroadcastMessage message) {
        return send(message, null);
    }

    /** A message from the hub to one client, whatever the message's own target. */
    CompletionStage<Outcome> sendTo(Session to, BroadcastMessage message) {
        return send(message, to);
    }

    private CompletionStage<Outcome> send(BroadcastMessage message, Session only) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        Codec codec;
        io.netty.channel.EventLoop loop;
        synchronized (this) {
            if (state != State.STARTED) {
                return CompletableFuture.completedFuture(Outcome.notDelivered(message.id(), Outcome.Reason.CLOSED,
                        "hub " + hubId + " is " + (state == State.NEW ? "not started" : "closed")));
            }
            codec = hubCodec;
            loop = threads.hubLoop;
        }
        Payload payload = message.payload().orElseGet(() -> Payloads.encode(message.data(), codec));
        String client = only != null ? only.name() : message.client().orElse(null);
        Frame.Data header = new Frame.Data(message.id(), hubId, client, message.channel().orElse(null),
                message.name().orElse(null), message.persistent(), message.expiresAtMillis(), payload.contentType(), 0);
        HubSender sender = new HubSender(hubId, result, threads.callbacks);
        loop.execute(() -> {
            ByteBuf frame = Frames.encodeData(ByteBufAllocator.DEFAULT, codec, header, payload.bytes());
            try {
                routing.route(sender, null, header, frame, codec, true, true, only);
            } finally {
                frame.release();
                Outbound.current().flush();
            }
        });
        return result.minimalCompletionStage();
    }

    // ---- for sessions and routing ----

    BroadcastConfig config() {
        return config;
    }

    HubLimits limits() {
        return limits;
    }

    Codecs codecs() {
        return codecs;
    }

    MessageStore store() {
        return store;
    }

    Router router() {
        return router;
    }

    Security security() {
        return security;
    }

    /** Where slow token checks run. */
    Executor authExecutor() {
        return threads.auth;
    }

    /** See {@link Registry#mayTake}. */
    boolean mayUseName(Identity identity, String name) {
        return registry.mayTake(identity, name);
    }

    Routing routing() {
        return routing;
    }

    ScheduledExecutorService storeExecutor() {
        return threads.store;
    }

    Session sessionNamed(String name) {
        return registry.named(name);
    }

    Session sessionAt(String address) {
        return registry.at(address);
    }

    boolean admit() {
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        connections.decrementAndGet();
    }

    void channelOpened(Channel ch) {
        counters.connectionsAccepted.increment();
        channels.add(ch);
    }

    void channelClosed(Channel ch) {
        channels.remove(ch);
    }

    /** A name for a client that asked for none. */
    String assignName() {
        return registry.assignName();
    }

    /** What is wrong with a client or channel name under this hub's limits, or null. */
    String nameProblem(String name) {
        if (name == null) {
            return "must not be null";
        }
        return Names.problem(name, limits.maxNameLength());
    }

    /**
     * Registers a connection that completed its HELLO. A connection with the same name is taken
     * over: told, and closed; the new session starts its replay once the old one is closed, so it
     * knows what the old one was sent.
     */
    Session register(ChannelHandlerContext ctx, String name, Codec codec, boolean transientOutcomes, int maxFrameBytes,
                     Identity identity) {
        boolean domain = config.url().isPresent();
        String address = domain ? address() : Transport.describe(ctx.channel().remoteAddress());
        ClientRecord record = registry.record(name);
        Session s = new Session(this, ctx, name, address, codec, record, transientOutcomes, maxFrameBytes, identity);
        Session old = registry.register(s, !domain);
        record.attach(s);
        if (old != null) {
            old.takenOver(address, () -> s.loop().execute(() -> {
                s.start();
                Outbound.current().flush();
            }));
        } else {
            s.start();
        }
        return s;
    }

    void sessionClosed(Session s) {
        registry.closed(s);
    }

    /** Hands a channel's backlog to another subscriber when the one handed it leaves. */
    void handBacklogOver(String channel, Session leaving) {
        dispatch(router.handOver(channel, leaving), channel);
    }

    /** Tells the chosen subscriber, on its loop, to take a channel's backlog. */
    void dispatch(Router.Handoff handoff, String channel) {
        if (handoff != null) {
            Session to = handoff.to();
            to.loop().execute(() -> {
                to.replay().addBacklog(channel, handoff.version());
                Outbound.current().flush();
            });
        }
    }

    void removeFromStore(QueueKey queue, List<String> ids) {
        try {
            store.remove(queue, ids);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "hub " + hubId + " - removing " + ids.size() + " acknowledged messages from "
                    + queue + " failed: " + e, e);
        }
    }

    /** Passes a client's message to the {@code onMessage} hook, off the loop, batched per unit of work. */
    void observe(Session from, Frame.Data h, ByteBuf frame) {
        ServerMessageHandler hook = handler;
        if (hook == null) {
            return;
        }
        BroadcastMessage message;
        try {
            byte[] bytes = ByteBufUtil.getBytes(frame, Frames.payloadIndex(frame), Frames.payloadLength(frame));
            message = BroadcastMessage.builder().id(h.id()).sender(from.name()).client(h.client()).channel(h.channel())
                    .name(h.name()).persistent(h.persistent())
                    .expiresAt(h.expiresAt() == 0 ? null : Instant.ofEpochMilli(h.expiresAt()))
                    .payload(new Payload(h.contentType(), bytes), codecs.forPayload(h.contentType(), from.codec())).build();
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "cannot pass message " + h.id() + " to onMessage: " + e);
            return;
        }
        Outbound.current().hook(threads.callbacks, () -> {
            try {
                hook.onMessage(from, message);
            } catch (Throwable t) {
                hookFailures.increment();
                LOG.log(Level.WARNING, () -> "hub " + hubId + " - the onMessage handler threw on message " + message.id()
                        + " from " + from + ": " + t, t);
            }
        });
    }

    void noteSequence(long sequence) {
        long first = firstSequence.get();
        if (first == Long.MAX_VALUE) {
            firstSequence.compareAndSet(Long.MAX_VALUE, sequence);
        }
    }

    /** The first store sequence this hub appended; entries below it were stored by an earlier run. */
    long firstSequence() {
        return firstSequence.get();
    }

    void durablePending(int delta) {
        if (durablePending.addAndGet(delta) == 0) {
            synchronized (durablePending) {
                durablePending.notifyAll();
            }
        }
    }

    /** Bytes written to a connection and not sent yet; safe from any thread. */
    static long pendingWriteBytes(Channel ch) {
        ChannelOutboundBuffer buffer = ch.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    HubCounters counters() {
        return counters;
    }

    /** A snapshot of the counters; see {@link HubStats}. */
    public HubStats stats() {
        long subscriptions = 0;
        Collection<Session> sessions = registry.sessions();
        for (Session s : sessions) {
            subscriptions += s.subscriptionCount();
        }
        long pending = 0;
        for (Channel ch : channels) {
            pending += pendingWriteBytes(ch);
        }
        MessageStore st;
        synchronized (this) {
            st = store;
        }
        StoreStats storeStats = st == null ? null : st.stats();
        return new HubStats(channels.size(), counters.connectionsAccepted.sum(), sessions.size(), subscriptions,
                counters.messagesIn.sum(), counters.messagesOut.sum(), storeStats == null ? 0 : storeStats.entries(),
                storeStats == null ? 0 : storeStats.expired(), pending, counters.slowConsumerEvents.sum(),
                counters.slowConsumerDisconnects.sum(), counters.dropped(), counters.notDelivered(), counters.errors(),
                counters.refusedSubscriptions.sum());
    }

    void countStoreFailure() {
        storeFailures.increment();
    }

    @Override
    public String toString() {
        return "hub " + hubId + " [address=" + address() + ", clients=" + registry.size() + ", deliveries="
                + counters.messagesOut + ", dropped=" + counters.dropped() + ", storeFailures="
                + storeFailures + ", hookFailures=" + hookFailures + "]";
    }
}
