package broadcast.transport.tcp.internal.hub;

import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectedClient;
import broadcast.api.ErrorCode;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.internal.IdMap;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.QueueKey;
import broadcast.transport.tcp.internal.auth.Grant;
import broadcast.transport.tcp.internal.auth.Identity;
import broadcast.transport.tcp.internal.wire.Frames;
import broadcast.transport.tcp.internal.wire.ProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted connection on the hub: the client's name, codec and subscriptions, and its delivery
 * state: the persistent messages written to it and not yet acknowledged, the replay of its queue
 * (and of channel backlogs it was handed), and the outcomes due to it.
 *
 * <p><b>Delivery modes.</b> A session starts <em>replaying</em>: its client queue is read from the
 * store in pages and written, while live deliveries are held in a bounded buffer (persistent ones
 * are in its queue anyway, so past the bound they are dropped from memory and read again). When the
 * replay reads the end of the queue, the held deliveries are written, except those the replay
 * wrote already, and the session goes <em>live</em>: deliveries are written as they come. Handing
 * over a channel backlog switches it back to replaying, so order from one sender holds, backlog
 * first.
 *
 * <p>Delivery state is touched only on the session's event loop. Its name, subscriptions and
 * {@link ConnectedClient} methods are safe from any thread.
 */
final class Session implements ConnectedClient {

    private static final System.Logger LOG = System.getLogger(Session.class.getName());
    /** Live deliveries held while replaying. */
    static final int HELD_MAX = 4096;
    /** Ids per ACK... and per OUTCOME frame written. */
    static final int OUTCOMES_PER_FRAME = 512;
    /** How long a slow consumer's ERROR may take before the connection is closed anyway. */
    private static final long ERROR_GRACE_MS = 1_000;

    private final Hub hub;
    private final ChannelHandlerContext ctx;
    private final EventLoop loop;
    private final String name;
    private final String address;
    private final Codec codec;
    private final QueueKey queue;
    private final ClientRecord record;
    private final boolean transientOutcomes;
    private final int maxFrameBytes;
    private final Identity identity;
    private final Grant grant;
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    // ---- event-loop state ----
    boolean flushPending;
    /** The names of this client's DATA headers that passed the checks last, field by field. */
    final Checked checked = new Checked();
    private boolean failed;
    private Runnable afterClose;
    private boolean replaying = true;
    /** Fell behind live delivery because the connection was not writable; see {@link #fallBehind}. */
    private boolean behind;
    private ScheduledFuture<?> slowTimeout;
    private final IdMap<QueueKey> inflight = new IdMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Run run = new Run();
    /** Deliveries written since the last flush, added to the hub's count once per flush. */
    private int deliveriesToCount;
    private long overflowFrom = -1;
    private final Replay replay;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final ConcurrentLinkedQueue<Outcome> remoteOutcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean outcomeTaskScheduled = new AtomicBoolean();

    /** The last names in each field of a DATA header that passed the hub's checks (see {@link Routing}). */
    static final class Checked {
        String client;
        String channel;
        String name;
        String contentType;
    }

    private record Held(ByteBuf frame, long sequence, String id, boolean persistent) {
    }

    Session(Hub hub, ChannelHandlerContext ctx, String name, String address, Codec codec, ClientRecord record,
            boolean transientOutcomes, int maxFrameBytes, Identity identity) {
        this.hub = hub;
        this.ctx = ctx;
        this.loop = ctx.channel().eventLoop();
        this.name = name;
        this.address = address;
        this.codec = codec;
        this.queue = QueueKey.client(name);
        this.record = record;
        this.transientOutcomes = transientOutcomes;
        this.maxFrameBytes = maxFrameBytes;
        this.identity = identity;
        this.grant = identity.grant();
        this.replay = new Replay(hub, this);
    }

    // ---- ConnectedClient ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public Set<String> channels() {
        return Set.copyOf(channels);
    }

    @Override
    public CompletionStage<Outcome> send(BroadcastMessage message) {
        return hub.sendTo(this, message);
    }

    @Override
    public void addChannel(String channel) {
        String problem = hub.nameProblem(channel);
        if (problem != null) {
            throw new IllegalArgumentException("channel " + problem);
        }
        loop.execute(() -> {
            // The hub's own decision: the user's subscribe permissions limit what the client asks for.
            subscribe(List.of(channel), new ArrayList<>(), Grant.ALL);
            Outbound.current().flush();
        });
    }

    @Override
    public void removeChannel(String channel) {
        loop.execute(() -> unsubscribe(List.of(channel)));
    }

    @Override
    public boolean connected() {
        return !closed && ctx.channel().isActive();
    }

    @Override
    public String toString() {
        return "client '" + name + "' (" + address + ")";
    }

    // ---- accessors for the hub ----

    EventLoop loop() {
        return loop;
    }

    Codec codec() {
        return codec;
    }

    QueueKey queue() {
        return queue;
    }

    ClientRecord record() {
        return record;
    }

    boolean closed() {
        return closed;
    }

    int subscriptionCount() {
        return channels.size();
    }

    boolean subscribes(String channel) {
        return channels.contains(channel);
    }

    int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Who the connection is. */
    Identity identity() {
        return identity;
    }

    /** What the connection may do; on its loop. */
    Grant grant() {
        return grant;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    // ---- frames from the client ----

    /** Handles one frame after the handshake; takes over the frame's reference. */
    void onFrame(ByteBuf frame) {
        if (failed) {
            frame.release();
            return;
        }
        try {
            FrameKind kind = Frames.kind(frame);
            switch (kind) {
                case DATA -> onData(frame);
                case SUBSCRIBE -> {
                    Frame.Subscribe s = (Frame.Subscribe) Frames.decodeHeader(codec, kind, frame);
                    List<Frame.Refusal> refused = new ArrayList<>();
                    subscribe(s.channels(), refused);
                    write(Frames.encode(ctx.alloc(), codec, new Frame.SubAck(s.requestId(), refused)));
                }
                case UNSUBSCRIBE -> {
                    Frame.Unsubscribe u = (Frame.Unsubscribe) Frames.decodeHeader(codec, kind, frame);
                    unsubscribe(u.channels());
                    write(Frames.encode(ctx.alloc(), codec, new Frame.SubAck(u.requestId(), List.of())));
                }
                case ACK -> onAck(((Frame.Ack) Frames.decodeHeader(codec, kind, frame)).ids());
                case PING -> write(Frames.pong());
                case PONG -> {
                    // Its arrival is what counts, for the heartbeat timeout.
                }
                case ERROR -> {
                    Frame.Error e = (Frame.Error) Frames.decodeHeader(codec, kind, frame);
                    LOG.log(Level.DEBUG, () -> this + " reported " + e.code() + ": " + e.message());
                }
                case SUBACK, OUTCOME -> throw new ProtocolException(ErrorCode.PROTOCOL_ERROR,
                        "a client must not send " + kind + " frames");
                default -> throw new IllegalStateException("unhandled frame kind " + kind);
            }
        } finally {
            frame.release();
        }
    }

    private void onData(ByteBuf frame) {
        Frame.Data header = (Frame.Data) Frames.decodeHeader(codec, FrameKind.DATA, frame);
        hub.routing().fromClient(this, header, frame);
    }

    boolean transientOutcomes() {
        return transientOutcomes;
    }

    /** Subscribes the client to channels it asked for, as far as its permissions and the limits allow. */
    void subscribe(List<String> names, List<Frame.Refusal> refused) {
        subscribe(names, refused, grant);
    }

    private void subscribe(List<String> names, List<Frame.Refusal> refused, Grant permissions) {
        int refusedBefore = refused.size();
        for (String channel : names) {
            String problem = hub.nameProblem(channel);
            if (problem != null) {
                refused.add(new Frame.Refusal(channel, ErrorCode.INVALID_NAME, "channel " + problem));
                continue;
            }
            if (channels.contains(channel)) {
                continue;
            }
            String forbidden = permissions.subscribeRefusal(channel);
            if (forbidden != null) {
                refused.add(new Frame.Refusal(channel, ErrorCode.FORBIDDEN, forbidden));
                continue;
            }
            if (channels.size() >= hub.limits().maxSubscriptions()) {
                refused.add(new Frame.Refusal(channel, ErrorCode.LIMIT_EXCEEDED, "client '" + name
                        + "' already subscribes to " + channels.size() + " channels, the hub's limit (maxSubscriptions)"));
                continue;
            }
            channels.add(channel);
            long backlogVersion = hub.router().add(channel, this);
            if (backlogVersion >= 0) {
                replay.addBacklog(channel, backlogVersion);
            }
        }
        hub.counters().refusedSubscriptions.add(refused.size() - refusedBefore);
    }

    void unsubscribe(List<String> names) {
        for (String channel : names) {
            if (channels.remove(channel)) {
                hub.router().remove(channel, this);
                if (replay.dropBacklog(channel)) {
                    hub.handBacklogOver(channel, this);
                }
            }
        }
    }

    private void onAck(List<String> ids) {
        List<String> own = new ArrayList<>(ids.size());
        Map<QueueKey, List<String>> others = null;
        for (String id : ids) {
            QueueKey source = inflight.remove(id);
            if (source == null) {
                source = record.takePrevious(id);
            }
            if (source == null || source.equals(queue)) {
                own.add(id);
            } else {
                if (others == null) {
                    others = new HashMap<>(2);
                }
                others.computeIfAbsent(source, k -> new ArrayList<>()).add(id);
            }
        }
        if (!own.isEmpty()) {
            hub.removeFromStore(queue, own);
        }
        if (others != null) {
            others.forEach(hub::removeFromStore);
        }
    }

    // ---- deliveries to the client ----

    /** A live delivery, on this session's loop; takes over one reference of {@code frame}. */
    void deliverLive(ByteBuf frame, long sequence, String id, boolean persistent) {
        if (closed) {
            frame.release();
            return;
        }
        if (replaying) {
            hold(frame, sequence, id, persistent);
            return;
        }
        if (!ctx.channel().isWritable()) {
            fallBehind();
            hold(frame, sequence, id, persistent);
            return;
        }
        if (persistent && inflight.putIfAbsent(id, queue) != null) {
            frame.release();
            return;
        }
        writeData(frame, id, persistent, queue);
    }

    /**
     * A live delivery of a frame lent by a received buffer ({@link Run#addLent}): {@code bytes} at
     * {@code at} in {@code buffer}, which the caller keeps a reference of until this returns. On
     * this session's loop. Anything but a plain write takes a frame of its own.
     */
    void deliverLent(ByteBuf buffer, int at, int bytes, long sequence, String id, boolean persistent) {
        if (closed || replaying || bytes - 4 > maxFrameBytes || !ctx.channel().isWritable()) {
            deliverLive(buffer.retainedSlice(at, bytes), sequence, id, persistent);
            return;
        }
        if (persistent && inflight.putIfAbsent(id, queue) != null) {
            return;
        }
        deliveriesToCount++;
        run.addLent(buffer, at, bytes, ctx);
        Outbound.current().touch(this);
    }

    /**
     * The connection stopped taking writes during live delivery: the client reads slower than it
     * is sent. Until it catches up nothing more is written to it: its transient messages are
     * dropped (for it alone), its persistent ones stay in its client queue only, and are read from
     * there again, in order, once it is writable ({@link #writabilityChanged}).
     */
    private void fallBehind() {
        behind = true;
        replaying = true;
        hub.counters().slowConsumerEvents.increment();
        LOG.log(Level.DEBUG, () -> this + " fell behind: " + Hub.pendingWriteBytes(ctx.channel())
                + " bytes wait to be written");
    }

    private void hold(ByteBuf frame, long sequence, String id, boolean persistent) {
        if (!persistent && (behind || !ctx.channel().isWritable())) {
            hub.counters().dropped(HubStats.Drop.SLOW_CONSUMER);
            frame.release();
            return;
        }
        if (persistent && behind) {
            overflowFrom = overflowFrom < 0 ? sequence : Math.min(overflowFrom, sequence);
            frame.release();
            return;
        }
        if (persistent && overflowFrom >= 0) {
            overflowFrom = Math.min(overflowFrom, sequence);
            frame.release();
            return;
        }
        if (held.size() >= HELD_MAX) {
            if (persistent) {
                // The queue holds it: drop held persistent deliveries from memory; the replay reads them again.
                long min = sequence;
                for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
                    Held h = it.next();
                    if (h.persistent()) {
                        min = Math.min(min, h.sequence());
                        h.frame().release();
                        it.remove();
                    }
                }
                overflowFrom = min;
            } else {
                hub.counters().dropped(HubStats.Drop.SLOW_CONSUMER);
            }
            frame.release();
            return;
        }
        held.add(new Held(frame, sequence, id, persistent));
    }

    /**
     * Where the replay must read the client queue again because held persistent deliveries were
     * dropped: the sequence to read after, or -1 when none were. Clears the mark.
     */
    long takeHeldOverflow() {
        long from = overflowFrom;
        overflowFrom = -1;
        return from < 0 ? -1 : from - 1;
    }

    /** Switches to replaying (a backlog is about to be handed over). */
    void startReplaying() {
        replaying = true;
    }

    /** The replay reached the end of the client queue: write what was held, then go live. */
    void goLive() {
        replaying = false;
        Held h;
        while ((h = held.poll()) != null) {
            deliverLive(h.frame(), h.sequence(), h.id(), h.persistent());
        }
    }

    /** Whether a persistent message was written to this connection and not acknowledged. */
    boolean inflight(String id) {
        return inflight.containsKey(id);
    }

    /** Writes a message read from a queue. Takes over {@code frame}. */
    void writeQueued(ByteBuf frame, String id, QueueKey source) {
        inflight.put(id, source);
        writeData(frame, id, true, source);
    }

    private void writeData(ByteBuf frame, String id, boolean persistent, QueueKey source) {
        int body = frame.readableBytes() - 4;
        if (body > maxFrameBytes) {
            frame.release();
            LOG.log(Level.WARNING, () -> this + " - message " + id + " of " + body + " bytes is larger than the "
                    + maxFrameBytes + " bytes agreed with this client; not sent" + (persistent ? ", removed from " + source : ""));
            if (persistent) {
                inflight.remove(id);
                hub.removeFromStore(source, List.of(id));
            }
            hub.counters().dropped(HubStats.Drop.TOO_LARGE);
            return;
        }
        deliveriesToCount++;
        write(frame);
    }

    /** Writes any frame; flushed at the end of the unit of work. Takes over {@code frame}. */
    void write(ByteBuf frame) {
        if (closed) {
            frame.release();
            return;
        }
        if (!run.add(frame, ctx)) {
            ctx.write(frame, ctx.voidPromise());
        }
        Outbound.current().touch(this);
    }

    /** Flushes, after writing the outcomes due; called by {@link Outbound#flush()}. */
    void flushNow() {
        if (deliveriesToCount > 0) {
            hub.counters().messagesOut.add(deliveriesToCount);
            deliveriesToCount = 0;
        }
        writeOutcomes();
        if (!closed) {
            ctx.flush();
        }
    }

    // ---- outcomes to the client as a sender ----

    /** An outcome for a message this client sent; from any thread. */
    void queueOutcome(Outcome outcome) {
        if (loop.inEventLoop()) {
            outcomes.add(outcome);
            Outbound.current().touch(this);
            return;
        }
        remoteOutcomes.add(outcome);
        if (outcomeTaskScheduled.compareAndSet(false, true)) {
            loop.execute(() -> {
                outcomeTaskScheduled.set(false);
                Outcome o;
                while ((o = remoteOutcomes.poll()) != null) {
                    outcomes.add(o);
                }
                Outbound.current().touch(this);
                Outbound.current().flush();
            });
        }
    }

    private void writeOutcomes() {
        run.writeTo(ctx);
        if (outcomes.isEmpty() || closed) {
            outcomes.clear();
            return;
        }
        for (int from = 0; from < outcomes.size(); from += OUTCOMES_PER_FRAME) {
            List<Outcome> chunk = outcomes.subList(from, Math.min(outcomes.size(), from + OUTCOMES_PER_FRAME));
            ByteBuf frame = Frames.encode(ctx.alloc(), codec, new Frame.Outcomes(chunk));
            ctx.write(frame, ctx.voidPromise());
        }
        outcomes.clear();
    }

    // ---- replay and life cycle ----

    Replay replay() {
        return replay;
    }

    /** Starts the replay of the client queue; called once after the WELCOME. */
    void start() {
        replay.start();
    }

    /**
     * Resumes what waited for the connection to take writes; when it stops taking them, starts the
     * clock of {@link broadcast.api.HubLimits#slowConsumerTimeout()}.
     */
    void writabilityChanged() {
        if (!ctx.channel().isWritable()) {
            if (slowTimeout == null && !closed) {
                long ms = hub.limits().slowConsumerTimeout().toMillis();
                slowTimeout = loop.schedule(() -> stuck(ms), ms, TimeUnit.MILLISECONDS);
            }
            return;
        }
        if (slowTimeout != null) {
            slowTimeout.cancel(false);
            slowTimeout = null;
        }
        replay.resume();
        if (behind) {
            behind = false;
            replay.catchUp();
        }
    }

    /** Still not writable after the slow-consumer timeout: disconnect, telling why if the ERROR gets through. */
    private void stuck(long ms) {
        slowTimeout = null;
        if (closed || ctx.channel().isWritable()) {
            return;
        }
        hub.counters().slowConsumerDisconnects.increment();
        long pending = Hub.pendingWriteBytes(ctx.channel());
        LOG.log(Level.INFO, () -> this + " read nothing for " + ms + " ms with " + pending
                + " bytes waiting; disconnected (slowConsumerTimeout)");
        fail(ErrorCode.SLOW_CONSUMER, "client '" + name + "' took no data for " + ms + " ms (slowConsumerTimeout) with "
                + pending + " bytes waiting to be written; the hub keeps its persistent messages for its next connection");
        // A peer that reads nothing never takes the ERROR either: do not wait for it.
        loop.schedule(() -> {
            ctx.close();
        }, ERROR_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends an ERROR and closes the connection. */
    void fail(ErrorCode code, String message) {
        if (failed || closed || !ctx.channel().isActive()) {
            return;
        }
        failed = true;
        hub.counters().error(code);
        writeOutcomes();
        ByteBuf frame;
        try {
            frame = Frames.encode(ctx.alloc(), codec, new Frame.Error(code, message));
        } catch (RuntimeException e) {
            ctx.close();
            return;
        }
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Another connection took the name: tell this one and close it; then run {@code afterClose}.
     * From any thread.
     */
    void takenOver(String by, Runnable afterClose) {
        loop.execute(() -> {
            if (closed) {
                afterClose.run();
                return;
            }
            this.afterClose = afterClose;
            fail(ErrorCode.TAKEN_OVER, "client name '" + name + "' was taken over by a new connection from " + by);
            if (!ctx.channel().isActive() && !closed) {
                ctx.close();
            }
        });
    }

    /** The connection closed: free its subscriptions; its unacknowledged messages stay queued. On the loop. */
    void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        for (String channel : channels) {
            hub.router().remove(channel, this);
        }
        // Backlogs not handed to the end, or handed but not acknowledged, go to another subscriber.
        Set<String> unfinished = new HashSet<>(replay.cancel());
        inflight.forEach((id, source) -> {
            if (source.kind() == QueueKey.Kind.CHANNEL) {
                unfinished.add(source.name());
            }
        });
        for (String channel : unfinished) {
            hub.handBacklogOver(channel, this);
        }
        Held h;
        while ((h = held.poll()) != null) {
            h.frame().release();
        }
        run.release();
        hub.counters().messagesOut.add(deliveriesToCount);
        deliveriesToCount = 0;
        outcomes.clear();
        if (slowTimeout != null) {
            slowTimeout.cancel(false);
        }
        record.detach(this, inflight);
        hub.sessionClosed(this);
        if (afterClose != null) {
            afterClose.run();
        }
    }
}
