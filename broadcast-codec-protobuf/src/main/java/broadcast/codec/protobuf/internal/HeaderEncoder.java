package broadcast.codec.protobuf.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.codec.protobuf.internal.proto.AckHeader;
import broadcast.codec.protobuf.internal.proto.DataHeader;
import broadcast.codec.protobuf.internal.proto.ErrorHeader;
import broadcast.codec.protobuf.internal.proto.OutcomeHeader;
import broadcast.codec.protobuf.internal.proto.Refusal;
import broadcast.codec.protobuf.internal.proto.SubAckHeader;
import broadcast.codec.protobuf.internal.proto.SubscribeHeader;
import broadcast.codec.protobuf.internal.proto.UnsubscribeHeader;
import com.google.protobuf.Message;

/**
 * Turns a {@link Frame} into the bytes of its {@code broadcast.proto} header message: the message
 * is built, sized once, and written into an array of exactly that size. Stateless; thread-safe.
 */
final class HeaderEncoder {

    private static final byte[] NO_HEADER = new byte[0];

    private HeaderEncoder() {
    }

    /** The header bytes of a frame; none for PING and PONG. */
    static byte[] encode(Frame frame) {
        switch (frame.kind()) {
            case DATA:
                return data((Frame.Data) frame).toByteArray();
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

    private static Message data(Frame.Data data) {
        DataHeader.Builder header = DataHeader.newBuilder()
                .setId(data.id())
                .setPersistent(data.persistent())
                .setExpiresAt(data.expiresAt())
                .setContentType(data.contentType())
                .setFlags(data.flags());
        if (data.sender() != null) {
            header.setSender(data.sender());
        }
        if (data.client() != null) {
            header.setClient(data.client());
        }
        if (data.channel() != null) {
            header.setChannel(data.channel());
        }
        if (data.name() != null) {
            header.setName(data.name());
        }
        return header.build();
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
