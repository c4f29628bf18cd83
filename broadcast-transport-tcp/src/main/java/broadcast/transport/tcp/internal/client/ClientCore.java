package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastClient;
import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastException;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionListener;
import broadcast.api.ConnectionState;
import broadcast.api.ErrorCode;
import broadcast.api.FailureListener;
import broadcast.api.MessageHandler;
import broadcast.api.Outcome;
import broadcast.api.OutcomeListener;
import broadcast.api.Payload;
import broadcast.api.Subscription;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.Payloads;
import broadcast.transport.tcp.internal.Codecs;
import broadcast.transport.tcp.internal.net.ClientLoops;
import broadcast.transport.tcp.internal.net.Heartbeat;
import broadcast.transport.tcp.internal.net.Transport;
import broadcast.transport.tcp.internal.tls.TlsContexts;
import broadcast.transport.tcp.internal.wire.FrameDecoder;
import broadcast.transport.tcp.internal.wire.Frames;
import broadcast.transport.tcp.internal.wire.Hello;
import broadcast.transport.tcp.internal.wire.Welcome;
import broadcast.transport.tcp.internal.wire.Wire;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.internal.PlatformDependent;

import java.lang.System.Logger.Level;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine of a {@code BroadcastTcpClient}: one connection at a time to the hub, made again with
 * backoff when lost; the outbox; the messages sent and not yet answered by an outcome; the
 * subscriptions; and the messages received, deduplicated and handed to the callback thread.
 *
 * <p><b>Sending.</b> A message is encoded once, on the caller's thread, and queued. The event loop
 * writes the queue in bursts, one flush per burst. A message whose outcome is expected (persistent,
 * or transient with outcomes asked for) keeps its frame until the hub's outcome, and is written
 * again after a reconnect, before the outbox and before anything newer. A transient message without
 * outcome completes {@code DELIVERED} once written to the connection.
 *
 * <p>Connection state is touched on the client's one event loop; the public methods are
 * thread-safe.
 */
public final class ClientCore {

    private static final System.Logger LOG = System.getLogger(ClientCore.class.getName());
    /** Marks a message written without an outcome to wait for; its DELIVERED outcome is made off the loop. */
    private static final Outcome DELIVERED = Outcome.delivered("written");
    private static final int MAX_KEPT_BURST = 1 << 16;

    private final BroadcastConfig config;
    private final Codec codec;
    private final Codecs codecs;
    private final SocketAddress address;
    private final EventLoop loop;
    private final Callbacks callbacks;
    private final Subscriptions subscriptions;
    private final Queue<Outgoing> outbox = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicInteger tracked = new AtomicInteger();
    private final AtomicBoolean connectCalled = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private final CompletableFuture<Void> firstConnect = new CompletableFuture<>();
    private volatile String name;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile boolean closed;
    private volatile Throwable lastFailure;
    /** Made by {@link #connect()}; null without TLS. */
    private volatile SslContext sslContext;

    // ---- event-loop state ----
    private Channel channel;
    private boolean ready;
    private int agreedMaxFrame;
    private boolean everConnected;
    private int attempt;
    private ScheduledFuture<?> retry;
    private final Unanswered unacked = new Unanswered();
    private ArrayList<Outgoing> burst = new ArrayList<>();
    private final Inbound inbound;

    public ClientCore(BroadcastClient owner, BroadcastConfig config, Codec codec, Codecs codecs, String name) {
        this.config = config;
        this.codec = codec;
        this.codecs = codecs;
        this.name = name;
        this.address = Transport.address(config);
        this.loop = ClientLoops.acquire();
        this.callbacks = new Callbacks(owner, "broadcast-client-" + (name == null ? "unnamed" : name) + "-callbacks");
        this.subscriptions = new Subscriptions(request -> enqueue(new Outgoing.Control(request)), callbacks,
                this::describe);
        this.inbound = new Inbound(callbacks, subscriptions.channels, subscriptions.direct, () -> this.name,
                ack -> {
                    outbox.add(new Outgoing.Control(ack));
                    scheduleDrain();
                }, config.deduplicationWindow());
    }

    // ---- public face ----

    public String name() {
        String n = name;
        return n == null ? "" : n;
    }

    public ConnectionState state() {
        return state;
    }

    Callbacks callbacks() {
        return callbacks;
    }

    public void onFailure(FailureListener listener) {
        callbacks.failureListeners.add(listener);
    }

    public void onConnectionState(ConnectionListener listener) {
        callbacks.connectionListeners.add(listener);
    }

    public void onOutcome(OutcomeListener listener) {
        callbacks.outcomeListeners.add(listener);
    }

    public CompletionStage<Void> connect() {
        if (closed) {
            return CompletableFuture.failedFuture(new BroadcastException(describe() + " is closed"));
        }
        if (connectCalled.compareAndSet(false, true)) {
            try {
                sslContext = config.tls().map(TlsContexts::forClient).orElse(null);
            } catch (BroadcastException e) {
                BroadcastException failure = new BroadcastException(describe() + " cannot connect: " + e.getMessage(), e);
                loop.execute(() -> closeWith(failure));
                return firstConnect.minimalCompletionStage();
            }
            loop.execute(this::connectNow);
        }
        return firstConnect.minimalCompletionStage();
    }

    public void connect(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        CompletionStage<Void> stage = connect();
        try {
            stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            Throwable last = lastFailure;
            throw new BroadcastException(describe() + " could not connect to " + config.address() + " within "
                    + timeout.toMillis() + " ms" + (last == null ? "" : " (last failure: " + last.getMessage() + ")")
                    + "; it keeps trying until closed", last);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof BroadcastException b ? b : new BroadcastException(describe() + " could not connect to "
                    + config.address() + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BroadcastException(describe() + " was interrupted while connecting to " + config.address(), e);
        }
    }

    public Subscription onMessage(String channel, MessageHandler handler) {
        return subscriptions.add(channel, handler);
    }

    public Subscription onDirectMessage(MessageHandler handler) {
        return subscriptions.addDirect(handler);
    }

    public void removeMessageHandlers(String channel) {
        subscriptions.removeAll(channel);
    }

    public CompletionStage<Outcome> sendMessage(BroadcastMessage message) {
        Outgoing.Message m = prepare(Objects.requireNonNull(message, "message"));
        if (m.head != null) {
            enqueue(m);
        }
        return m.stage;
    }

    public List<CompletionStage<Outcome>> sendMessages(List<BroadcastMessage> messages) {
        List<CompletionStage<Outcome>> stages = new ArrayList<>(messages.size());
        for (BroadcastMessage message : messages) {
            Outgoing.Message m = prepare(Objects.requireNonNull(message, "message"));
            if (m.head != null) {
                outbox.add(m);
            }
            stages.add(m.stage);
        }
        scheduleDrain();
        return stages;
    }

    /** Encodes a message, or completes it at once when the client is closed or its outbox full. */
    private Outgoing.Message prepare(BroadcastMessage message) {
        if (closed) {
            return refusedLocally(message.id(), Outcome.Reason.CLOSED, describe() + " is closed");
        }
        if (tracked.incrementAndGet() > config.outboxMessages()) {
            tracked.decrementAndGet();
            return refusedLocally(message.id(), Outcome.Reason.OUTBOX_FULL, describe() + " already has "
                    + config.outboxMessages() + " messages waiting to be sent or answered (outboxMessages)");
        }
        try {
            Payload payload = message.payload().orElseGet(() -> Payloads.encode(message.data(), codec));
            Frame.Data header = new Frame.Data(message.id(), name, message.client().orElse(null),
                    message.channel().orElse(null), message.name().orElse(null), message.persistent(),
                    message.expiresAtMillis(), payload.contentType(), 0);
            byte[] head = Frames.encodeDataHead(codec, header, payload.bytes().length);
            return new Outgoing.Message(message.id(), head, payload.bytes(), message.persistent()
                    || config.transientOutcomes());
        } catch (RuntimeException e) {
            tracked.decrementAndGet();
            throw e;
        }
    }

    /** A message refused before it was encoded: no frame; its stage completes on the callback thread. */
    private Outgoing.Message refusedLocally(String id, Outcome.Reason reason, String detail) {
        Outgoing.Message m = new Outgoing.Message(id, null, null, false);
        callbacks.completeLocally(List.of(m), List.of(Outcome.notDelivered(id, reason, detail)));
        return m;
    }

    private void enqueue(Outgoing item) {
        outbox.add(item);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            loop.execute(this::drain);
        }
    }

    // ---- on the event loop: writing ----

    private void drain() {
        drainScheduled.set(false);
        if (!ready) {
            return;
        }
        long bytes = 0;
        Outgoing item;
        while ((item = outbox.poll()) != null) {
            burst.add(item);
            bytes += item instanceof Outgoing.Message m ? m.frameBytes() : Gather.CONTROL_ESTIMATE;
        }
        Gather out = new Gather(channel, bytes);
        List<Outgoing.Message> done = null;
        List<Outcome> outcomes = null;
        int finished = 0;
        try {
            for (Outgoing o : burst) {
                if (o instanceof Outgoing.Control control) {
                    writeControl(out, control.frame());
                    continue;
                }
                Outgoing.Message m = (Outgoing.Message) o;
                Outcome local = write(out, m);
                if (local != null) {
                    if (done == null) {
                        done = new ArrayList<>();
                        outcomes = new ArrayList<>();
                    }
                    done.add(m);
                    outcomes.add(local == DELIVERED ? null : local);
                    finished++;
                }
            }
        } finally {
            if (burst.size() > MAX_KEPT_BURST) {
                burst = new ArrayList<>();
            } else {
                burst.clear();
            }
            out.finish();
        }
        channel.flush();
        if (finished > 0) {
            tracked.addAndGet(-finished);
            callbacks.completeLocally(done, outcomes);
        }
    }

    /**
     * Writes a message.
     *
     * @return its outcome when it is complete without the hub's ({@link #DELIVERED} for written), else null
     */
    private Outcome write(Gather out, Outgoing.Message m) {
        int body = m.frameBytes() - Wire.LENGTH_BYTES;
        if (body > agreedMaxFrame) {
            return Outcome.notDelivered(m.id, Outcome.Reason.TOO_LARGE, "the message takes " + body
                    + " bytes; the hub accepts frames up to " + agreedMaxFrame + " bytes (maxFrameBytes)");
        }
        out.message(m);
        if (m.needsOutcome) {
            unacked.add(m);
            return null;
        }
        return DELIVERED;
    }

    private void writeControl(Gather out, Frame request) {
        Frame frame = request instanceof Frame.Subscribe || request instanceof Frame.Unsubscribe
                ? subscriptions.number(request) : request;
        try {
            out.control(codec, frame);
        } catch (RuntimeException e) {
            // The codec cannot encode it: the rest of the burst goes on all the same.
            LOG.log(Level.WARNING, () -> describe() + " - cannot encode a " + frame.kind() + " frame: " + e, e);
        }
    }

    // ---- on the event loop: connecting ----

    private void connectNow() {
        retry = null;
        if (closed) {
            return;
        }
        boolean domain = config.url().isPresent();
        Bootstrap b = new Bootstrap().group(loop).channel(Transport.channel(domain))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslContext tls = sslContext;
                        if (tls != null) {
                            ch.pipeline().addLast("tls", TlsContexts.clientHandler(tls, ch.alloc(), config.host(),
                                    config.port(), config.tls().orElseThrow()));
                        }
                        ch.pipeline().addLast("frames", new FrameDecoder(config.maxFrameBytes()))
                                .addLast("client", new ClientHandler(ClientCore.this));
                    }
                });
        if (!domain) {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        b.connect(address).addListener(f -> {
            if (!f.isSuccess()) {
                lastFailure = f.cause();
                LOG.log(Level.DEBUG, () -> describe() + " - connecting to " + config.address() + " failed: " + f.cause());
                scheduleReconnect(f.cause());
            }
        });
    }

    /** The TCP connection is up: say HELLO; the WELCOME must come within the connect timeout. */
    void onActive(Channel ch) {
        channel = ch;
        List<String> subscribed = subscriptions.forHello();
        Hello hello = new Hello(config.maxFrameBytes(), codec.name(), name == null ? "" : name,
                config.token().orElse(""), config.transientOutcomes() ? Wire.HELLO_TRANSIENT_OUTCOMES : 0, subscribed);
        ByteBuf out = ch.alloc().buffer(64);
        hello.encode(out);
        ch.writeAndFlush(out, ch.voidPromise());
        long timeout = config.connectTimeout().toMillis();
        loop.schedule(() -> {
            if (channel == ch && !ready && ch.isActive()) {
                lastFailure = new BroadcastException("no WELCOME from the hub within " + timeout + " ms (connectTimeout)");
                ch.close();
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    /** The hub's answer to the HELLO. */
    void onWelcome(Channel ch, Welcome welcome) {
        if (welcome.isRefused()) {
            Frame.Error r = welcome.refusal();
            BroadcastException failure = new BroadcastException("hub at " + config.address() + " refused " + describe()
                    + ": " + r.code() + " " + r.message(), r.code(), null);
            lastFailure = failure;
            callbacks.error(failure);
            if (r.code().fatal()) {
                closeWith(failure);
            }
            ch.close();
            return;
        }
        name = welcome.clientName();
        agreedMaxFrame = (int) Math.min(welcome.maxFrameBytes(), config.maxFrameBytes());
        long interval = Math.min(config.heartbeatInterval().toMillis(), Math.max(1, welcome.heartbeatIntervalMs()));
        ch.pipeline().addFirst("heartbeat", new Heartbeat(interval, config.heartbeatTimeout().toMillis()));
        ready = true;
        attempt = 0;
        everConnected = true;
        subscriptions.welcomed(welcome.refused());
        long[] unansweredBytes = {0};
        unacked.forEach(m -> unansweredBytes[0] += m.frameBytes());
        Gather again = new Gather(ch, unansweredBytes[0]);
        unacked.forEach(again::message);
        again.finish();
        LOG.log(Level.DEBUG, () -> describe() + " connected to " + config.address() + " (hub " + welcome.hubId()
                + "), " + unacked.size() + " unanswered messages sent again");
        setState(ConnectionState.CONNECTED, null);
        drain();
        firstConnect.complete(null);
    }

    /**
     * TLS did not come up on this connection (or the hub answered TLS to a client without it). A
     * client that never connected stops: the settings are wrong, and retrying would hide it. One
     * that was connected before goes on retrying: the hub may be changing its certificate.
     */
    void onTlsFailure(Channel ch, BroadcastException failure) {
        if (channel != ch || ready) {
            return;
        }
        lastFailure = failure;
        LOG.log(Level.DEBUG, () -> describe() + " - " + failure.getMessage());
        callbacks.error(failure);
        if (!everConnected) {
            closeWith(failure);
        } else {
            ch.close();
        }
    }

    void onSubAck(Frame.SubAck ack) {
        subscriptions.answered(ack.requestId(), ack.refused());
    }

    /** The connection closed. */
    void onInactive(Channel ch, Throwable cause) {
        if (channel != ch) {
            return;
        }
        channel = null;
        boolean wasReady = ready;
        ready = false;
        subscriptions.connectionLost();
        if (closed) {
            return;
        }
        Throwable why = cause != null ? cause : lastFailure;
        if (wasReady) {
            LOG.log(Level.DEBUG, () -> describe() + " lost its connection to " + config.address()
                    + (why == null ? "" : ": " + why.getMessage()));
            setState(ConnectionState.DISCONNECTED, why);
        }
        scheduleReconnect(why);
    }

    private void scheduleReconnect(Throwable cause) {
        if (closed || retry != null) {
            return;
        }
        attempt++;
        if (!config.reconnect().allows(attempt)) {
            closeWith(new BroadcastException(describe() + " gave up connecting to " + config.address() + " after "
                    + (attempt - 1) + " attempts (reconnect maxAttempts)" + (cause == null ? "" : ": " + cause.getMessage()),
                    cause));
            return;
        }
        if (everConnected) {
            setState(ConnectionState.RECONNECTING, cause);
        }
        long delayNanos = config.reconnect().delay(attempt).toNanos();
        retry = loop.schedule(this::connectNow, delayNanos, TimeUnit.NANOSECONDS);
    }

    // ---- on the event loop: receiving ----

    Inbound inbound() {
        return inbound;
    }

    void onOutcomes(List<Outcome> outcomes) {
        List<Outgoing.Message> messages = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            Outgoing.Message m = unacked.answer(o.messageId());
            if (m != null) {
                tracked.decrementAndGet();
            }
            messages.add(m);
        }
        callbacks.outcomes(outcomes, messages);
    }

    void onHubError(Frame.Error error) {
        BroadcastException failure = new BroadcastException("hub at " + config.address() + " reported to " + describe()
                + ": " + error.code() + " " + error.message(), error.code(), null);
        lastFailure = failure;
        callbacks.error(failure);
        if (error.code() == ErrorCode.TAKEN_OVER || error.code().fatal()) {
            // Another connection has this name now: fighting back would make both flap.
            closeWith(failure);
        }
    }

    Codec codec() {
        return codec;
    }

    /** The codec that decodes received payloads of that content type (made with its settings). */
    Codec payloadCodec(String contentType) {
        return codecs.forPayload(contentType, codec);
    }

    // ---- state and closing ----

    private void setState(ConnectionState next, Throwable cause) {
        ConnectionState previous = state;
        if (previous == next || previous == ConnectionState.CLOSED) {
            return;
        }
        state = next;
        callbacks.stateChanged(previous, next, cause);
    }

    /** Closes for good: by the user, a fatal refusal, or out of attempts. On the loop. */
    private void closeWith(Throwable cause) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        closed = true;
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        if (ready) {
            drain();
        }
        ready = false;
        if (channel != null) {
            channel.close();
            channel = null;
        }
        failPending(cause);
        setState(ConnectionState.CLOSED, cause);
        firstConnect.completeExceptionally(cause != null ? cause : new BroadcastException(describe() + " was closed"));
    }

    private void failPending(Throwable cause) {
        List<Outgoing.Message> failed = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        String why = cause == null ? describe() + " was closed" : cause.getMessage();
        unacked.forEach(m -> {
            failed.add(m);
            outcomes.add(Outcome.notDelivered(m.id, Outcome.Reason.CLOSED, why
                    + " before the hub reported an outcome; the hub may have taken the message"));
        });
        unacked.clear();
        Outgoing item;
        while ((item = outbox.poll()) != null) {
            if (item instanceof Outgoing.Message m) {
                failed.add(m);
                outcomes.add(Outcome.notDelivered(m.id, Outcome.Reason.CLOSED, why + " before the message was sent"));
            }
        }
        tracked.addAndGet(-failed.size());
        if (!failed.isEmpty()) {
            callbacks.completeLocally(failed, outcomes);
        }
    }

    public void close() {
        if (closed && state == ConnectionState.CLOSED) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                closeWith(null);
                done.complete(null);
            });
            if (!loop.inEventLoop()) {
                done.get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> describe() + " - closing: " + e);
        }
        callbacks.shutdown();
        if (released.compareAndSet(false, true)) {
            ClientLoops.release();
        }
    }


    BroadcastConfig config() {
        return config;
    }

    String describe() {
        String n = name;
        return n == null ? "client (unnamed)" : "client '" + n + "'";
    }

    @Override
    public String toString() {
        return describe() + " [state=" + state + ", hub=" + config.address() + ", waiting=" + tracked.get()
                + ", handlerFailures=" + callbacks.handlerFailures.sum() + "]";
    }
}
