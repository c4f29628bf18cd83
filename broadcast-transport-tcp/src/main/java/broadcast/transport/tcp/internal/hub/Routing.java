package broadcast.transport.tcp.internal.hub;

import broadcast.api.BroadcastMessage;
import broadcast.api.HubStats;
import broadcast.api.Outcome;
import broadcast.api.internal.Ids;
import broadcast.api.spi.AppendResult;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.StoredMessage;
import broadcast.transport.tcp.internal.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Routes a DATA message, from a client or from the hub, by its header alone.
 *
 * <p>Recipients are the subscribers of the channel except the sender, and the client named (or
 * addressed, {@code host:port}) by the header, each once. A transient message is written to them
 * and forgotten; with nobody there the sender hears {@code NOT_DELIVERED NO_RECIPIENT}. A
 * persistent message is appended once to the store, with one entry per recipient's client queue,
 * plus the channel's backlog when the channel has no subscriber but the sender, plus the named
 * client's queue when it is offline; it is written to the online recipients whose queue took it,
 * and the sender hears the outcome once the store made it durable.
 *
 * <p>A recipient with the sender's codec is written the received frame bytes as they are (a
 * retained slice: no copy, no encoding); another codec gets the header encoded in its codec and the
 * same payload bytes. Thread-safe; runs on hub event loops.
 */
final class Routing implements DurableOutcomes.Target {

    private static final System.Logger LOG = System.getLogger(Routing.class.getName());
    private static final int MAX_ROUTE_ATTEMPTS = 8;

    private final Hub hub;

    Routing(Hub hub) {
        this.hub = hub;
    }

    /** A DATA frame from a client, on its loop; the frame stays the caller's. */
    void fromClient(Session from, Frame.Data received, ByteBuf frame) {
        Frame.Data header = received;
        String problem = headerProblem(from, header);
        if (problem != null) {
            answer(from.record(), Outcome.notDelivered(header.id(), Outcome.Reason.INVALID, problem));
            return;
        }
        String forbidden = from.grant().publishRefusal(header);
        if (forbidden != null) {
            answer(from.record(), Outcome.notDelivered(header.id(), Outcome.Reason.FORBIDDEN, forbidden));
            return;
        }
        boolean asSent = from.name().equals(header.sender()) && !header.has(Frame.Data.REDELIVERED);
        if (!asSent) {
            header = new Frame.Data(header.id(), from.name(), header.client(), header.channel(), header.name(),
                    header.persistent(), header.expiresAt(), header.contentType(),
                    header.flags() & ~Frame.Data.REDELIVERED);
        }
        boolean wantOutcome = header.persistent() || from.transientOutcomes() || header.has(Frame.Data.OUTCOME_REQUESTED);
        if (wantOutcome) {
            Outcome known = from.record().remember(header.id());
            if (known != null) {
                // A copy sent again after a reconnect: answer as before (a pending outcome goes to the current session).
                hub.counters().dropped(HubStats.Drop.DUPLICATE);
                if (!ClientRecord.isPending(known)) {
                    from.queueOutcome(known);
                }
                return;
            }
        }
        hub.observe(from, header, frame);
        route(from.record(), from, header, frame, from.codec(), asSent, wantOutcome, null);
    }

    /**
     * Routes a message.
     *
     * @param sender where the outcome goes
     * @param from the sending session, excluded from the channel's recipients; null for the hub
     * @param header the header, with the sender's name in it
     * @param frame the frame as received or encoded in {@code codec}; stays the caller's
     * @param asSent whether {@code frame}'s header bytes are {@code header} (else recipients get it re-encoded)
     * @param only the one recipient when the hub sends to a client directly; null to route by the header
     */
    void route(Sender sender, Session from, Frame.Data header, ByteBuf frame, Codec codec, boolean asSent,
               boolean wantOutcome, Session only) {
        hub.counters().messagesIn.increment();
        if (header.expiresAt() != 0 && header.expiresAt() <= System.currentTimeMillis()) {
            answer(sender, Outcome.notDelivered(header.id(), Outcome.Reason.EXPIRED, "the message expired at "
                    + Instant.ofEpochMilli(header.expiresAt()) + " before the hub routed it"));
            return;
        }
        for (int attempt = 0; attempt < MAX_ROUTE_ATTEMPTS; attempt++) {
            Delivery d = new Delivery(header, frame, codec, asSent);
            d.collect(from, only);
            if (!header.persistent()) {
                routeTransient(sender, d, wantOutcome);
                return;
            }
            if (routePersistent(sender, from, d)) {
                return;
            }
        }
        answer(sender, Outcome.notDelivered(header.id(), Outcome.Reason.OTHER,
                "the subscribers of channel '" + header.channel() + "' kept changing while the hub routed the message"));
    }

    private void routeTransient(Sender sender, Delivery d, boolean wantOutcome) {
        if (d.recipients.isEmpty()) {
            answer(sender, Outcome.notDelivered(d.header.id(), Outcome.Reason.NO_RECIPIENT, d.nobody()));
            return;
        }
        Outbound out = Outbound.current();
        try {
            for (Session r : d.recipients) {
                if (d.asReceived(r)) {
                    out.deliverReceived(r, d.frame, 0, d.header.id(), false);
                    continue;
                }
                ByteBuf f = d.frameFor(r);
                if (f != null) {
                    out.deliver(r, f, 0, d.header.id(), false);
                }
            }
        } finally {
            d.release();
        }
        if (wantOutcome) {
            answer(sender, Outcome.delivered(d.header.id()));
        }
    }

    /** @return false when a subscriber appeared while appending to the backlog: route again */
    private boolean routePersistent(Sender sender, Session from, Delivery d) {
        Frame.Data h = d.header;
        List<QueueKey> queues = new ArrayList<>(d.recipients.size() + 2);
        for (Session r : d.recipients) {
            queues.add(r.queue());
        }
        if (d.offlineClient != null) {
            queues.add(QueueKey.client(d.offlineClient));
        }
        boolean backlog = d.only == null && h.channel() != null && !Router.hasOtherThan(d.subscribers, from);
        StoredMessage stored = new StoredMessage(h.id(), sender.name(), d.clientField(), h.channel(), h.name(),
                h.expiresAt(), h.contentType(), ByteBufUtil.getBytes(d.frame, Frames.payloadIndex(d.frame),
                Frames.payloadLength(d.frame)));
        AppendResult result;
        try {
            if (backlog) {
                queues.add(QueueKey.channel(h.channel()));
                result = hub.router().appendToBacklog(h.channel(), from, () -> hub.store().append(stored, queues));
                if (result == null) {
                    return false;
                }
            } else {
                result = hub.store().append(stored, queues);
            }
        } catch (RuntimeException e) {
            hub.countStoreFailure();
            LOG.log(Level.WARNING, () -> "the store failed to append message " + h.id() + " from " + sender.name()
                    + ": " + e, e);
            answer(sender, Outcome.notDelivered(h.id(), Outcome.Reason.STORE_FAILED,
                    "the hub's store failed to keep the message: " + e.getMessage()));
            return true;
        }
        hub.noteSequence(result.sequence());
        int online = 0;
        Outbound out = Outbound.current();
        try {
            for (Session r : d.recipients) {
                if (!result.refused().contains(r.queue())) {
                    if (d.asReceived(r)) {
                        out.deliverReceived(r, d.frame, result.sequence(), h.id(), true);
                        online++;
                        continue;
                    }
                    ByteBuf f = d.frameFor(r);
                    if (f != null) {
                        out.deliver(r, f, result.sequence(), h.id(), true);
                        online++;
                    }
                }
            }
        } finally {
            d.release();
        }
        Outcome outcome;
        if (!queues.isEmpty() && result.refused().containsAll(queues)) {
            outcome = Outcome.notDelivered(h.id(), Outcome.Reason.QUEUE_FULL, "every queue of the message is full: "
                    + result.refused());
        } else if (online > 0) {
            outcome = Outcome.delivered(h.id());
        } else {
            outcome = Outcome.queued(h.id());
        }
        whenDurable(sender, outcome, result.durable());
        return true;
    }

    private void whenDurable(Sender sender, Outcome outcome, CompletionStage<Void> durable) {
        if (completedNormally(durable)) {
            answer(sender, outcome);
            return;
        }
        hub.durablePending(1);
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop != null && loop.inEventLoop()) {
            DurableOutcomes.on(loop, this).add(sender, outcome, durable);
            return;
        }
        durable.whenComplete((v, thrown) -> {
            try {
                complete(sender, outcome, thrown instanceof CompletionException && thrown.getCause() != null
                        ? thrown.getCause() : thrown);
            } finally {
                hub.durablePending(-1);
            }
        });
    }

    /** Whether a stage is a plain future that already completed normally (as a memory store's are). */
    private static boolean completedNormally(CompletionStage<Void> stage) {
        // A minimal stage (a subclass) neither tells whether it is done nor may be asked to copy itself.
        return stage instanceof CompletableFuture<Void> f && f.getClass() == CompletableFuture.class && f.isDone()
                && !f.isCompletedExceptionally();
    }

    @Override
    public void complete(Sender sender, Outcome outcome, Throwable failure) {
        if (failure == null) {
            answer(sender, outcome);
            return;
        }
        hub.countStoreFailure();
        LOG.log(Level.WARNING, () -> "the store failed to make message " + outcome.messageId() + " durable: "
                + failure, failure);
        answer(sender, Outcome.notDelivered(outcome.messageId(), Outcome.Reason.STORE_FAILED,
                "the hub's store failed to make the message durable: " + failure.getMessage()));
    }

    @Override
    public void completed(int count) {
        hub.durablePending(-count);
        Outbound.current().flush();
    }

    /** Gives the sender an outcome, counting it when it is {@code NOT_DELIVERED}. */
    private void answer(Sender sender, Outcome outcome) {
        hub.counters().outcome(outcome);
        sender.outcome(outcome);
    }

    /**
     * What is wrong with a received DATA header, or null. A name equal to the last one that passed
     * in its field on this connection is not checked again.
     */
    private String headerProblem(Session from, Frame.Data h) {
        if (h.client() == null && h.channel() == null) {
            return "a message needs a target: a client, a channel or both; both were absent";
        }
        try {
            Ids.requireValid(h.id());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        Session.Checked ok = from.checked;
        String problem = null;
        if (h.client() != null && !Objects.equals(h.client(), ok.client)) {
            if ((problem = hub.nameProblem(h.client())) != null) {
                return "client " + problem;
            }
            ok.client = h.client();
        }
        if (h.channel() != null && !Objects.equals(h.channel(), ok.channel)) {
            if ((problem = hub.nameProblem(h.channel())) != null) {
                return "channel " + problem;
            }
            ok.channel = h.channel();
        }
        if (h.name() != null && !Objects.equals(h.name(), ok.name)) {
            if ((problem = hub.nameProblem(h.name())) != null) {
                return "name " + problem;
            }
            ok.name = h.name();
        }
        if (!Objects.equals(h.contentType(), ok.contentType)) {
            if (h.contentType().isBlank() || h.contentType().length() > BroadcastMessage.MAX_NAME_LENGTH) {
                return "contentType must be 1 to " + BroadcastMessage.MAX_NAME_LENGTH + " characters, was \""
                        + h.contentType() + "\"";
            }
            ok.contentType = h.contentType();
        }
        return null;
    }

    /** The recipients of one message and the frames for them, per codec. Used on one thread. */
    private final class Delivery {
        final Frame.Data header;
        final ByteBuf frame;
        final Codec codec;
        boolean asSent;
        final List<Session> recipients = new ArrayList<>(4);
        Session[] subscribers = Router.NONE;
        Session only;
        String offlineClient;
        String rewrittenClient;
        private Codec[] cachedCodecs;
        private ByteBuf[] cachedFrames;
        private int cached;

        Delivery(Frame.Data header, ByteBuf frame, Codec codec, boolean asSent) {
            this.header = header;
            this.frame = frame;
            this.codec = codec;
            this.asSent = asSent;
        }

        void collect(Session from, Session onlyTo) {
            this.only = onlyTo;
            if (onlyTo != null) {
                if (onlyTo.closed()) {
                    offlineClient = onlyTo.name();
                } else {
                    recipients.add(onlyTo);
                }
                return;
            }
            if (header.channel() != null) {
                subscribers = hub.router().subscribers(header.channel());
                for (Session s : subscribers) {
                    if (s != from && !s.closed()) {
                        recipients.add(s);
                    }
                }
            }
            String client = header.client();
            if (client != null) {
                Session named = hub.sessionNamed(client);
                if (named == null) {
                    named = hub.sessionAt(client);
                    if (named != null) {
                        // Addressed by host:port: recipients see the client's name, as if named.
                        rewrittenClient = named.name();
                        asSent = false;
                    }
                }
                if (named == null || named.closed()) {
                    offlineClient = client;
                } else if (named == from || Router.indexOf(subscribers, named) < 0) {
                    recipients.add(named);
                }
            }
        }

        String clientField() {
            return rewrittenClient != null ? rewrittenClient : header.client();
        }

        String nobody() {
            if (only != null) {
                return "client '" + only.name() + "' is not connected";
            }
            String channelPart = header.channel() == null ? null : "no other client subscribes to channel '"
                    + header.channel() + "'";
            String clientPart = header.client() == null ? null : "no client '" + header.client() + "' is connected";
            return channelPart == null ? clientPart : clientPart == null ? channelPart : channelPart + " and " + clientPart;
        }

        /** Whether a recipient gets the frame as received: same codec, header unchanged. */
        boolean asReceived(Session r) {
            return asSent && r.codec() == codec;
        }

        /** A frame for one recipient, one reference for it; null when it cannot be encoded for it. */
        ByteBuf frameFor(Session r) {
            if (asReceived(r)) {
                return frame.retainedSlice();
            }
            for (int i = 0; i < cached; i++) {
                if (cachedCodecs[i] == r.codec()) {
                    return cachedFrames[i].retainedDuplicate();
                }
            }
            ByteBuf encoded;
            try {
                Frame.Data h = rewrittenClient == null ? header : new Frame.Data(header.id(), header.sender(),
                        rewrittenClient, header.channel(), header.name(), header.persistent(), header.expiresAt(),
                        header.contentType(), header.flags());
                ByteBuf payload = frame.retainedSlice(Frames.payloadIndex(frame), Frames.payloadLength(frame));
                encoded = Frames.encodeData(r.ctx().alloc(), r.codec(), h, payload);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "cannot encode the header of message " + header.id() + " with codec "
                        + r.codec().name() + " for " + r + ": " + e, e);
                return null;
            }
            if (cachedCodecs == null) {
                cachedCodecs = new Codec[2];
                cachedFrames = new ByteBuf[2];
            } else if (cached == cachedCodecs.length) {
                cachedCodecs = java.util.Arrays.copyOf(cachedCodecs, cached * 2);
                cachedFrames = java.util.Arrays.copyOf(cachedFrames, cached * 2);
            }
            cachedCodecs[cached] = r.codec();
            cachedFrames[cached++] = encoded;
            return encoded.retainedDuplicate();
        }

        void release() {
            for (int i = 0; i < cached; i++) {
                cachedFrames[i].release();
            }
            cached = 0;
        }
    }
}
