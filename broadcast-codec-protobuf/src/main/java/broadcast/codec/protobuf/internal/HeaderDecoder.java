package broadcast.codec.protobuf.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.codec.protobuf.internal.proto.AckHeader;
import broadcast.codec.protobuf.internal.proto.DataHeader;
import broadcast.codec.protobuf.internal.proto.ErrorHeader;
import broadcast.codec.protobuf.internal.proto.OutcomeHeader;
import broadcast.codec.protobuf.internal.proto.Refusal;
import broadcast.codec.protobuf.internal.proto.SubAckHeader;
import broadcast.codec.protobuf.internal.proto.SubscribeHeader;
import broadcast.codec.protobuf.internal.proto.UnsubscribeHeader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link Frame} from the bytes of its {@code broadcast.proto} header message, refusing a
 * missing required field, a known field with the wrong wire type, and enum numbers out of place.
 * Stateless; thread-safe.
 */
final class HeaderDecoder {

    /**
     * Headers nest two messages deep; the limit leaves room for unknown fields of a later version
     * and stops a deep chain of unknown groups.
     */
    static final int RECURSION_LIMIT = 16;

    private static final String[] WHAT = new String[FrameKind.values().length];

    static {
        for (FrameKind kind : FrameKind.values()) {
            WHAT[kind.ordinal()] = kind + " header";
        }
    }

    private HeaderDecoder() {
    }

    /** The frame of that kind in the header bytes. */
    static Frame decode(FrameKind kind, ByteBuffer header) {
        String what = WHAT[kind.ordinal()];
        switch (kind) {
            case DATA:
                return data(Wire.parse(DataHeader.parser(), header, RECURSION_LIMIT, what), what);
            case SUBSCRIBE:
                SubscribeHeader subscribe = Wire.parse(SubscribeHeader.parser(), header, RECURSION_LIMIT, what);
                Wire.requireWellTyped(subscribe, what);
                return new Frame.Subscribe(subscribe.getRequestId(), subscribe.getChannelsList());
            case UNSUBSCRIBE:
                UnsubscribeHeader unsubscribe = Wire.parse(UnsubscribeHeader.parser(), header, RECURSION_LIMIT, what);
                Wire.requireWellTyped(unsubscribe, what);
                return new Frame.Unsubscribe(unsubscribe.getRequestId(), unsubscribe.getChannelsList());
            case SUBACK:
                return subAck(Wire.parse(SubAckHeader.parser(), header, RECURSION_LIMIT, what), what);
            case ACK:
                AckHeader ack = Wire.parse(AckHeader.parser(), header, RECURSION_LIMIT, what);
                Wire.requireWellTyped(ack, what);
                return new Frame.Ack(ack.getIdsList());
            case OUTCOME:
                return outcomes(Wire.parse(OutcomeHeader.parser(), header, RECURSION_LIMIT, what), what);
            case ERROR:
                return error(Wire.parse(ErrorHeader.parser(), header, RECURSION_LIMIT, what), what);
            case PING:
                return noHeader(Frame.Ping.INSTANCE, header);
            case PONG:
                return noHeader(Frame.Pong.INSTANCE, header);
            default:
                throw new CodecException("unknown frame kind " + kind);
        }
    }

    private static Frame.Data data(DataHeader header, String what) {
        Wire.requireWellTyped(header, what);
        if (!header.hasId()) {
            throw missing(what, "1 (id)");
        }
        if (!header.hasContentType()) {
            throw missing(what, "8 (content_type)");
        }
        return new Frame.Data(header.getId(),
                header.hasSender() ? header.getSender() : null,
                header.hasClient() ? header.getClient() : null,
                header.hasChannel() ? header.getChannel() : null,
                header.hasName() ? header.getName() : null,
                header.getPersistent(), header.getExpiresAt(), header.getContentType(), header.getFlags());
    }

    private static Frame.SubAck subAck(SubAckHeader header, String what) {
        Wire.requireWellTyped(header, what);
        List<Frame.Refusal> refused = new ArrayList<>(header.getRefusedCount());
        for (int i = 0; i < header.getRefusedCount(); i++) {
            Refusal refusal = header.getRefused(i);
            Wire.requireWellTyped(refusal, what, "refused", i);
            if (!refusal.hasChannel()) {
                throw missing(Wire.element(what, "refused", i), "1 (channel)");
            }
            ErrorCode code = EnumNumbers.ERROR_CODES.constant(refusal.getCodeValue());
            if (code == null) {
                throw badErrorCode(refusal.getCodeValue(), Wire.element(what, "refused", i));
            }
            refused.add(new Frame.Refusal(refusal.getChannel(), code, refusal.getMessage()));
        }
        return new Frame.SubAck(header.getRequestId(), refused);
    }

    private static Frame.Outcomes outcomes(OutcomeHeader header, String what) {
        Wire.requireWellTyped(header, what);
        List<Outcome> outcomes = new ArrayList<>(header.getOutcomesCount());
        for (int i = 0; i < header.getOutcomesCount(); i++) {
            outcomes.add(outcome(header.getOutcomes(i), what, i));
        }
        return new Frame.Outcomes(outcomes);
    }

    private static Outcome outcome(broadcast.codec.protobuf.internal.proto.Outcome wire, String header, int index) {
        Wire.requireWellTyped(wire, header, "outcomes", index);
        if (!wire.hasMessageId()) {
            throw missing(Wire.element(header, "outcomes", index), "1 (message_id)");
        }
        Outcome.Status status = EnumNumbers.STATUSES.constant(wire.getStatusValue());
        if (status == null) {
            throw new CodecException("protobuf " + Wire.element(header, "outcomes", index) + " has "
                    + (wire.getStatusValue() == 0 ? "no status (field 2)" : "unknown status " + wire.getStatusValue()));
        }
        int reasonNumber = wire.getReasonValue();
        if ((status == Outcome.Status.NOT_DELIVERED) != (reasonNumber != 0)) {
            throw new CodecException("protobuf " + Wire.element(header, "outcomes", index) + " has status " + status
                    + " and reason " + reasonNumber + "; a reason (field 3) goes with NOT_DELIVERED and only with it");
        }
        Outcome.Reason reason = null;
        if (reasonNumber != 0) {
            // A reason added by a later version reads as OTHER, as Outcome.Reason documents.
            Outcome.Reason known = EnumNumbers.REASONS.constant(reasonNumber);
            reason = known != null ? known : Outcome.Reason.OTHER;
        }
        return new Outcome(wire.getMessageId(), status, reason, wire.getDetail());
    }

    private static Frame.Error error(ErrorHeader header, String what) {
        Wire.requireWellTyped(header, what);
        ErrorCode code = EnumNumbers.ERROR_CODES.constant(header.getCodeValue());
        if (code == null) {
            throw badErrorCode(header.getCodeValue(), what);
        }
        return new Frame.Error(code, header.getMessage());
    }

    private static CodecException badErrorCode(int number, String what) {
        return new CodecException("protobuf " + what + " has " + (number == 0
                ? "no error code" : "unknown error code " + number));
    }

    private static Frame noHeader(Frame frame, ByteBuffer header) {
        if (header.hasRemaining()) {
            throw new CodecException("a " + frame.kind() + " frame has no header, but " + header.remaining()
                    + " header bytes came");
        }
        return frame;
    }

    private static CodecException missing(String what, String field) {
        return new CodecException("protobuf " + what + " has no field " + field + ", which is required");
    }
}
