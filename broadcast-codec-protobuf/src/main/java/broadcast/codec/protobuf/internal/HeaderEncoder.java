package broadcast.codec.protobuf.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.codec.protobuf.internal.proto.AckHeader;
import broadcast.codec.protobuf.internal.proto.ErrorHeader;
import broadcast.codec.protobuf.internal.proto.OutcomeHeader;
import broadcast.codec.protobuf.internal.proto.Refusal;
import broadcast.codec.protobuf.internal.proto.SubAckHeader;
import broadcast.codec.protobuf.internal.proto.SubscribeHeader;
import broadcast.codec.protobuf.internal.proto.UnsubscribeHeader;
import com.google.protobuf.Message;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Turns a {@link Frame} into the bytes of its {@code broadcast.proto} header message: the message
 * is built, sized once, and written into an array of exactly that size; a DATA header is written
 * by {@link DataHeaders}, without building a message. Stateless; thread-safe.
 */
final class HeaderEncoder {

    private static final byte[] NO_HEADER = new byte[0];

    private HeaderEncoder() {
    }

    /** Writes the header bytes of a frame, in one call; none for PING and PONG. */
    static void write(Frame frame, OutputStream out) throws IOException {
        if (frame instanceof Frame.Data data) {
            DataHeaders.write(data, out);
            return;
        }
        byte[] header = encode(frame);
        if (header.length > 0) {
            out.write(header);
        }
    }

    /** The header bytes of a frame other than DATA; none for PING and PONG. */
    private static byte[] encode(Frame frame) {
        switch (frame.kind()) {
            case SUBSCRIBE:
                Frame.Subscribe subscribe = (Frame.Subscribe) frame;
                return SubscribeHeader.newBuilder().setRequestId(subscribe.requestId())
                        .addAllChannels(subscribe.channels()).build().toByteArray();
            case UNSUBSCRIBE:
                Frame.Unsubscribe unsubscribe = (Frame.Unsubscribe) frame;
                return UnsubscribeHeader.newBuilder().setRequestId(unsubscribe.requestId())
                        .addAllChannels(unsubscribe.channels()).build().toByteArray();
            case SUBACK:
                return subAck((Frame.SubAck) frame).toByteArray();
            case ACK:
                return AckHeader.newBuilder().addAllIds(((Frame.Ack) frame).ids()).build().toByteArray();
            case OUTCOME:
                return outcomes((Frame.Outcomes) frame).toByteArray();
            case ERROR:
                Frame.Error error = (Frame.Error) frame;
                return ErrorHeader.newBuilder().setCodeValue(EnumNumbers.ERROR_CODES.number(error.code()))
                        .setMessage(error.message()).build().toByteArray();
            case PING:
            case PONG:
                return NO_HEADER;
            default:
                throw new IllegalArgumentException("unknown frame kind " + frame.kind());
        }
    }

    private static Message subAck(Frame.SubAck subAck) {
        SubAckHeader.Builder header = SubAckHeader.newBuilder().setRequestId(subAck.requestId());
        for (Frame.Refusal refusal : subAck.refused()) {
            header.addRefused(Refusal.newBuilder()
                    .setChannel(refusal.channel())
                    .setCodeValue(EnumNumbers.ERROR_CODES.number(refusal.code()))
                    .setMessage(refusal.message()));
        }
        return header.build();
    }

    private static Message outcomes(Frame.Outcomes outcomes) {
        OutcomeHeader.Builder header = OutcomeHeader.newBuilder();
        for (Outcome outcome : outcomes.outcomes()) {
            broadcast.codec.protobuf.internal.proto.Outcome.Builder wire =
                    broadcast.codec.protobuf.internal.proto.Outcome.newBuilder()
                            .setMessageId(outcome.messageId())
                            .setStatusValue(EnumNumbers.STATUSES.number(outcome.status()))
                            .setDetail(outcome.detail());
            if (outcome.reason() != null) {
                wire.setReasonValue(EnumNumbers.REASONS.number(outcome.reason()));
            }
            header.addOutcomes(wire);
        }
        return header.build();
    }
}
