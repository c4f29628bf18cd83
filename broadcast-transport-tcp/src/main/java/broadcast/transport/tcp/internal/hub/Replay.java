package broadcast.transport.tcp.internal.hub;

import broadcast.api.spi.Frame;
import broadcast.api.spi.QueueKey;
import broadcast.api.spi.QueuedMessage;
import broadcast.api.spi.StoredMessage;
import broadcast.transport.tcp.internal.wire.Frames;
import io.netty.buffer.ByteBuf;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes one session's queued messages from the store: its client queue when it connects, and the
 * backlog of a channel it is handed. Queues are read in pages off the event loop (a durable store
 * may block); the pages of all sources are merged by store sequence, so messages from one sender
 * arrive in the order sent. The next page is read only once the connection is writable, so a long
 * queue never fills the hub's memory. When every source is read to its end the session goes live.
 *
 * <p>Not thread-safe: used on the session's event loop only.
 */
final class Replay {

    private static final System.Logger LOG = System.getLogger(Replay.class.getName());
    /** Messages per store read. */
    static final int PAGE = 256;
    private static final long RETRY_MS = 1_000;

    private final Hub hub;
    private final Session session;
    private final List<Source> sources = new ArrayList<>();
    private boolean running;
    private boolean reading;
    private boolean waitingWritable;

    /** One queue being read. */
    private static final class Source {
        final QueueKey key;
        final String channel;
        final long version;
        final ArrayDeque<QueuedMessage> page = new ArrayDeque<>();
        long cursor;
        boolean lastPage;
        boolean skippedOwn;

        Source(QueueKey key, String channel, long version, long cursor) {
            this.key = key;
            this.channel = channel;
            this.version = version;
            this.cursor = cursor;
        }

        boolean done() {
            return lastPage && page.isEmpty();
        }
    }

    Replay(Hub hub, Session session) {
        this.hub = hub;
        this.session = session;
    }

    /** Starts with the client queue, and any backlog added before. */
    void start() {
        sources.add(0, new Source(session.queue(), null, 0, 0));
        running = true;
        pump();
    }

    /** Hands the session a channel's backlog. */
    void addBacklog(String channel, long version) {
        if (session.closed()) {
            hub.handBacklogOver(channel, session);
            return;
        }
        for (Source s : sources) {
            if (channel.equals(s.channel)) {
                return;
            }
        }
        sources.add(new Source(QueueKey.channel(channel), channel, version, 0));
        session.startReplaying();
        if (running) {
            pump();
        }
    }

    /**
     * Stops handing over a channel's backlog (the session unsubscribed).
     *
     * @return whether the handover had not reached the end
     */
    boolean dropBacklog(String channel) {
        for (Iterator<Source> it = sources.iterator(); it.hasNext(); ) {
            Source s = it.next();
            if (channel.equals(s.channel)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** The session closed. @return the channels whose backlog handover had not reached the end */
    List<String> cancel() {
        List<String> unfinished = new ArrayList<>();
        for (Source s : sources) {
            if (s.channel != null) {
                unfinished.add(s.channel);
            }
        }
        sources.clear();
        return unfinished;
    }

    /** The connection became writable again. */
    void resume() {
        if (waitingWritable) {
            waitingWritable = false;
            pump();
            Outbound.current().flush();
        }
    }

    /**
     * The session fell behind live delivery and can take writes again: read its queue again from
     * where it fell behind. A replay under way does that when it ends ({@link #finish()}).
     */
    void catchUp() {
        if (sources.isEmpty() && !reading) {
            finish();
            Outbound.current().flush();
        }
    }

    private void pump() {
        while (!session.closed() && !reading && !waitingWritable) {
            Source empty = firstNeedingPage();
            if (empty != null) {
                read(empty);
                return;
            }
            Source next = oldestHead();
            if (next == null) {
                finish();
                return;
            }
            write(next, next.page.poll());
            if (!session.ctx().channel().isWritable()) {
                waitingWritable = true;
                return;
            }
        }
    }

    private Source firstNeedingPage() {
        for (Source s : sources) {
            if (s.page.isEmpty() && !s.lastPage) {
                return s;
            }
        }
        return null;
    }

    private Source oldestHead() {
        Source oldest = null;
        for (Source s : sources) {
            QueuedMessage head = s.page.peek();
            if (head != null && (oldest == null || head.sequence() < oldest.page.peek().sequence())) {
                oldest = s;
            }
        }
        return oldest;
    }

    private void read(Source source) {
        reading = true;
        QueueKey key = source.key;
        long after = source.cursor;
        hub.storeExecutor().execute(() -> {
            List<QueuedMessage> page;
            try {
                page = hub.store().read(key, after, PAGE);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> session + " - reading " + key + " from the store failed; retrying in "
                        + RETRY_MS + " ms: " + e, e);
                session.loop().schedule(() -> {
                    reading = false;
                    pump();
                    Outbound.current().flush();
                }, RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            session.loop().execute(() -> {
                reading = false;
                if (sources.contains(source)) {
                    source.page.addAll(page);
                    source.lastPage = page.size() < PAGE;
                }
                pump();
                Outbound.current().flush();
            });
        });
    }

    private void write(Source source, QueuedMessage queued) {
        source.cursor = queued.sequence();
        StoredMessage m = queued.message();
        if (source.channel != null && session.name().equals(m.sender())) {
            source.skippedOwn = true;
            return;
        }
        if (session.inflight(m.id())) {
            return;
        }
        boolean redelivered = queued.sequence() < hub.firstSequence()
                || source.channel == null && session.record().sentBefore(m.id());
        Frame.Data header = new Frame.Data(m.id(), m.sender(), m.client(), m.channel(), m.name(), true, m.expiresAt(),
                m.contentType(), redelivered ? Frame.Data.REDELIVERED : 0);
        ByteBuf frame;
        try {
            frame = Frames.encodeData(session.ctx().alloc(), session.codec(), header, m.payload());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> session + " - cannot encode queued message " + m.id() + " with codec "
                    + session.codec().name() + "; removed from " + source.key + ": " + e, e);
            hub.removeFromStore(source.key, List.of(m.id()));
            return;
        }
        session.writeQueued(frame, m.id(), source.key);
    }

    private void finish() {
        long rereadFrom = session.takeHeldOverflow();
        if (rereadFrom >= 0) {
            sources.add(new Source(session.queue(), null, 0, rereadFrom));
            pump();
            return;
        }
        for (Source s : sources) {
            if (s.channel != null) {
                hub.dispatch(hub.router().backlogDone(s.channel, session, s.version, s.skippedOwn), s.channel);
            }
        }
        sources.clear();
        session.goLive();
    }
}
