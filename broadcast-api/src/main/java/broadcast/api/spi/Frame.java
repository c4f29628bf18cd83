package broadcast.api.spi;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;

import java.util.List;
import java.util.Objects;

/**
 * The header of a protocol frame after the handshake, as a {@link Codec} encodes and decodes it.
 * A DATA frame's payload is not part of the header: it follows it on the wire as raw bytes, so a
 * hub can route a message by its header alone and forward the payload untouched. Nullable fields
 * are absent on the wire. See {@code docs/protocol.md}.
 */
public sealed interface Frame
        permits Frame.Data, Frame.Subscribe, Frame.Unsubscribe, Frame.SubAck, Frame.Ack, Frame.Outcomes,
        Frame.Ping, Frame.Pong, Frame.Error {

    /** The kind of frame. */
    FrameKind kind();

    /**
     * The header of a message.
     *
     * @param id the message id; required
     * @param sender the sending client's name, set by the sender and checked by the hub; may be null from a client
     * @param client the target client, or null
     * @param channel the target channel, or null
     * @param name the message name, or null
     * @param persistent whether the message is persistent
     * @param expiresAt expiry in epoch milliseconds, 0 for none
     * @param contentType the payload's content type; required
     * @param flags {@link #OUTCOME_REQUESTED}, {@link #REDELIVERED}
     */
    record Data(String id, String sender, String client, String channel, String name, boolean persistent,
                long expiresAt, String contentType, int flags) implements Frame {

        /** Sender to hub: report the outcome even though the message is transient. */
        public static final int OUTCOME_REQUESTED = 1;
        /** Hub to recipient: this message was sent before without an acknowledgement. */
        public static final int REDELIVERED = 2;

        /** @throws NullPointerException if the id or the content type is null */
        public Data {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(contentType, "contentType");
        }

        @Override
        public FrameKind kind() {
            return FrameKind.DATA;
        }

        /** Whether a flag is set. */
        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        /** The same header with another sender. */
        public Data withSender(String newSender) {
            return new Data(id, newSender, client, channel, name, persistent, expiresAt, contentType, flags);
        }

        /** The same header with other flags. */
        public Data withFlags(int newFlags) {
            return new Data(id, sender, client, channel, name, persistent, expiresAt, contentType, newFlags);
        }
    }

    /** Client to hub: subscribe to channels; answered by a {@link SubAck} with the same request id. */
    record Subscribe(long requestId, List<String> channels) implements Frame {
        public Subscribe {
            channels = List.copyOf(channels);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.SUBSCRIBE;
        }
    }

    /** Client to hub: unsubscribe from channels; answered by a {@link SubAck} with the same request id. */
    record Unsubscribe(long requestId, List<String> channels) implements Frame {
        public Unsubscribe {
            channels = List.copyOf(channels);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.UNSUBSCRIBE;
        }
    }

    /** Hub to client: the request was applied, except for the refused channels. */
    record SubAck(long requestId, List<Refusal> refused) implements Frame {
        public SubAck {
            refused = List.copyOf(refused);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.SUBACK;
        }
    }

    /** One refused channel of a {@link SubAck}. */
    record Refusal(String channel, ErrorCode code, String message) {
        public Refusal {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(code, "code");
            message = message == null ? "" : message;
        }
    }

    /** Recipient to hub: these persistent messages were handled and may be forgotten. */
    record Ack(List<String> ids) implements Frame {
        public Ack {
            ids = List.copyOf(ids);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ACK;
        }
    }

    /** Hub to sender: what became of these messages. */
    record Outcomes(List<Outcome> outcomes) implements Frame {
        public Outcomes {
            outcomes = List.copyOf(outcomes);
        }

        @Override
        public FrameKind kind() {
            return FrameKind.OUTCOME;
        }
    }

    /** Are you there? Has no header bytes. */
    record Ping() implements Frame {
        /** The one instance. */
        public static final Ping INSTANCE = new Ping();

        @Override
        public FrameKind kind() {
            return FrameKind.PING;
        }
    }

    /** The answer to a PING. Has no header bytes. */
    record Pong() implements Frame {
        /** The one instance. */
        public static final Pong INSTANCE = new Pong();

        @Override
        public FrameKind kind() {
            return FrameKind.PONG;
        }
    }

    /** A failure report; when fatal the sender closes the connection after it. */
    record Error(ErrorCode code, String message) implements Frame {
        public Error {
            Objects.requireNonNull(code, "code");
            message = message == null ? "" : message;
        }

        @Override
        public FrameKind kind() {
            return FrameKind.ERROR;
        }
    }
}
