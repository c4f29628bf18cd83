package broadcast.transport.tcp.internal.client;

import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import io.netty.buffer.ByteBuf;

import java.util.concurrent.CompletableFuture;

/** Something waiting in the client's outbox: a message, or a control frame. Immutable apart from a message's state. */
sealed interface Outgoing permits Outgoing.Message, Outgoing.Control {

    /**
     * A message, encoded once. The frame is kept until the hub's outcome when one is expected, and
     * written again after a reconnect until then.
     */
    final class Message implements Outgoing {
        final String id;
        final ByteBuf frame;
        final boolean needsOutcome;
        final CompletableFuture<Outcome> future = new CompletableFuture<>();

        Message(String id, ByteBuf frame, boolean needsOutcome) {
            this.id = id;
            this.frame = frame;
            this.needsOutcome = needsOutcome;
        }
    }

    /** A SUBSCRIBE, UNSUBSCRIBE or ACK; sent once connected, in order with the messages. */
    record Control(Frame frame) implements Outgoing {
    }
}
