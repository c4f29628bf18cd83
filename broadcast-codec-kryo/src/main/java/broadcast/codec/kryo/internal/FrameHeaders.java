package broadcast.codec.kryo.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import com.esotericsoftware.kryo.io.Output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads frame headers field by field with Kryo's primitives (varints and length-prefixed
 * UTF-8), never through Kryo's reflective serializers, so the header layout is fixed by this
 * class and documented byte by byte in {@code docs/protocol.md} (section "Kryo codec"). Stateless.
 */
final class FrameHeaders {

    static final int SENDER = 1;
    static final int CLIENT = 1 << 1;
    static final int CHANNEL = 1 << 2;
    static final int NAME = 1 << 3;
    static final int EXPIRES_AT = 1 << 4;
    static final int PERSISTENT = 1 << 5;
    private static final int KNOWN_FIELDS = SENDER | CLIENT | CHANNEL | NAME | EXPIRES_AT | PERSISTENT;

    private FrameHeaders() {
    }

    static void write(Frame frame, Output out) {
        if (frame instanceof Frame.Data data) {
            writeData(data, out);
        } else if (frame instanceof Frame.Subscribe subscribe) {
            out.writeVarLong(subscribe.requestId(), true);
            writeStrings(subscribe.channels(), out);
        } else if (frame instanceof Frame.Unsubscribe unsubscribe) {
            out.writeVarLong(unsubscribe.requestId(), true);
            writeStrings(unsubscribe.channels(), out);
        } else if (frame instanceof Frame.SubAck subAck) {
            writeSubAck(subAck, out);
        } else if (frame instanceof Frame.Ack ack) {
            writeStrings(ack.ids(), out);
        } else if (frame instanceof Frame.Outcomes outcomes) {
            writeOutcomes(outcomes, out);
        } else if (frame instanceof Frame.Error error) {
            out.writeByte(WireCodes.ERROR_CODES.code(error.code()));
            writeString(error.message(), out);
        }
        // PING and PONG have no header bytes.
    }

    static Frame read(FrameKind kind, BoundedInput in) {
        switch (kind) {
            case DATA:
                return readData(in);
            case SUBSCRIBE:
                return new Frame.Subscribe(in.readVarLong(true), readStrings("channels", in));
            case UNSUBSCRIBE:
                return new Frame.Unsubscribe(in.readVarLong(true), readStrings("channels", in));
            case SUBACK:
                return readSubAck(in);
            case ACK:
                return new Frame.Ack(readStrings("ids", in));
            case OUTCOME:
                return readOutcomes(in);
            case PING:
                return Frame.Ping.INSTANCE;
            case PONG:
                return Frame.Pong.INSTANCE;
            case ERROR:
                return new Frame.Error(readErrorCode(in), in.readUtf8("message"));
            default:
                throw new BadInputException("has an unknown kind " + kind);
        }
    }

    private static void writeData(Frame.Data data, Output out) {
        int fields = (data.sender() != null ? SENDER : 0)
                | (data.client() != null ? CLIENT : 0)
                | (data.channel() != null ? CHANNEL : 0)
                | (data.name() != null ? NAME : 0)
                | (data.expiresAt() != 0 ? EXPIRES_AT : 0)
                | (data.persistent() ? PERSISTENT : 0);
        out.writeByte(fields);
        out.writeVarInt(data.flags(), true);
        writeString(data.id(), out);
        int contentType = WireCodes.contentTypeCode(data.contentType());
        out.writeByte(contentType);
        if (contentType == WireCodes.LITERAL_CONTENT_TYPE) {
            writeString(data.contentType(), out);
        }
        writeIfPresent(data.sender(), out);
        writeIfPresent(data.client(), out);
        writeIfPresent(data.channel(), out);
        writeIfPresent(data.name(), out);
        if (data.expiresAt() != 0) {
            out.writeVarLong(data.expiresAt(), true);
        }
    }

    private static Frame.Data readData(BoundedInput in) {
        int fields = in.readByteUnsigned();
        if ((fields & ~KNOWN_FIELDS) != 0) {
            throw new BadInputException("has unknown field bits 0x" + Integer.toHexString(fields & ~KNOWN_FIELDS));
        }
        int flags = in.readVarInt(true);
        String id = in.readUtf8("id");
        String contentType = readContentType(in);
        String sender = (fields & SENDER) != 0 ? in.readRepeatedUtf8("sender") : null;
        String client = (fields & CLIENT) != 0 ? in.readRepeatedUtf8("client") : null;
        String channel = (fields & CHANNEL) != 0 ? in.readRepeatedUtf8("channel") : null;
        String name = (fields & NAME) != 0 ? in.readRepeatedUtf8("name") : null;
        long expiresAt = (fields & EXPIRES_AT) != 0 ? in.readVarLong(true) : 0;
        return new Frame.Data(id, sender, client, channel, name, (fields & PERSISTENT) != 0, expiresAt, contentType,
                flags);
    }

    private static String readContentType(BoundedInput in) {
        int code = in.readByteUnsigned();
        if (code == WireCodes.LITERAL_CONTENT_TYPE) {
            return in.readRepeatedUtf8("contentType");
        }
        String contentType = WireCodes.contentTypeOrNull(code);
        if (contentType == null) {
            throw new BadInputException("has an unknown content type code " + code);
        }
        return contentType;
    }

    private static void writeSubAck(Frame.SubAck subAck, Output out) {
        out.writeVarLong(subAck.requestId(), true);
        out.writeVarInt(subAck.refused().size(), true);
        for (Frame.Refusal refusal : subAck.refused()) {
            writeString(refusal.channel(), out);
            out.writeByte(WireCodes.ERROR_CODES.code(refusal.code()));
            writeString(refusal.message(), out);
        }
    }

    private static Frame.SubAck readSubAck(BoundedInput in) {
        long requestId = in.readVarLong(true);
        int count = in.readVarInt(true);
        in.requireCount(count, 3, "refusals");
        List<Frame.Refusal> refused = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String channel = in.readUtf8("refused.channel");
            ErrorCode code = readErrorCode(in);
            refused.add(new Frame.Refusal(channel, code, in.readUtf8("refused.message")));
        }
        return new Frame.SubAck(requestId, refused);
    }

    private static void writeOutcomes(Frame.Outcomes outcomes, Output out) {
        out.writeVarInt(outcomes.outcomes().size(), true);
        for (Outcome outcome : outcomes.outcomes()) {
            writeString(outcome.messageId(), out);
            out.writeByte(WireCodes.STATUSES.code(outcome.status()));
            if (outcome.reason() != null) {
                out.writeByte(WireCodes.REASONS.code(outcome.reason()));
            }
            writeString(outcome.detail(), out);
        }
    }

    private static Frame.Outcomes readOutcomes(BoundedInput in) {
        int count = in.readVarInt(true);
        in.requireCount(count, 3, "outcomes");
        List<Outcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String messageId = in.readUtf8("outcomes.messageId");
            int statusCode = in.readByteUnsigned();
            Outcome.Status status = WireCodes.STATUSES.valueOrNull(statusCode);
            if (status == null) {
                throw new BadInputException("has an unknown outcome status code " + statusCode);
            }
            Outcome.Reason reason = null;
            if (status == Outcome.Status.NOT_DELIVERED) {
                // A reason newer than this version is still a refusal: OTHER says so, the detail says why.
                reason = WireCodes.REASONS.valueOrNull(in.readByteUnsigned());
                reason = reason == null ? Outcome.Reason.OTHER : reason;
            }
            outcomes.add(new Outcome(messageId, status, reason, in.readUtf8("outcomes.detail")));
        }
        return new Frame.Outcomes(outcomes);
    }

    private static ErrorCode readErrorCode(BoundedInput in) {
        int code = in.readByteUnsigned();
        ErrorCode errorCode = WireCodes.ERROR_CODES.valueOrNull(code);
        if (errorCode == null) {
            throw new BadInputException("has an unknown error code " + code);
        }
        return errorCode;
    }

    private static void writeStrings(List<String> values, Output out) {
        out.writeVarInt(values.size(), true);
        for (String value : values) {
            writeString(value, out);
        }
    }

    private static List<String> readStrings(String field, BoundedInput in) {
        int count = in.readVarInt(true);
        in.requireCount(count, 1, field);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(in.readUtf8(field));
        }
        return values;
    }

    private static void writeIfPresent(String value, Output out) {
        if (value != null) {
            writeString(value, out);
        }
    }

    /** A varint byte count, then UTF-8; ASCII (the common case) is written without a temporary array. */
    static void writeString(String value, Output out) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                out.writeVarInt(utf8.length, true);
                out.writeBytes(utf8);
                return;
            }
        }
        out.writeVarInt(length, true);
        for (int i = 0; i < length; i++) {
            out.writeByte(value.charAt(i));
        }
    }
}
