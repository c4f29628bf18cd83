package broadcast.transport.tcp.internal.client;

import broadcast.api.Outcome;
import broadcast.api.spi.Frame;

/** Something waiting in the client's outbox: a message, or a control frame. Immutable apart from a message's stage. */
sealed interface Outgoing permits Outgoing.Message, Outgoing.Control {

    /**
     * A message, encoded once: the frame's fixed part and header ({@code head}) and the payload,
     * which is the message's own array, never copied until it is written. Kept until the hub's
     * outcome when one is expected, and written again after a reconnect until then.
     */
    final class Message implements Outgoing {
        final String id;
        final byte[] head;
        final byte[] payload;
        final boolean needsOutcome;
        final Stage<Outcome> stage = new Stage<>();
        /** Set on the client's event loop when the hub's outcome came (see {@link Unanswered}). */
        boolean answered;

        Message(String id, byte[] head, byte[] payload, boolean needsOutcome) {
            this.id = id;
            this.head = head;
            this.payload = payload;
            this.needsOutcome = needsOutcome;
        }

        /** The frame's bytes, length prefix included; 0 for a message refused before it was encoded. */
        int frameBytes() {
            return head == null ? 0 : head.length + payload.length;
        }
    }

    /** A SUBSCRIBE, UNSUBSCRIBE or ACK; sent once connected, in order with the messages. */
    record Control(Frame frame) implements Outgoing {
    }
}
