package broadcast.codec.json.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.codec.json.internal.HeaderFields.AckFields;
import broadcast.codec.json.internal.HeaderFields.DataFields;
import broadcast.codec.json.internal.HeaderFields.ErrorFields;
import broadcast.codec.json.internal.HeaderFields.OutcomeFields;
import broadcast.codec.json.internal.HeaderFields.OutcomesFields;
import broadcast.codec.json.internal.HeaderFields.RefusalFields;
import broadcast.codec.json.internal.HeaderFields.SubAckFields;
import broadcast.codec.json.internal.HeaderFields.SubscriptionFields;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static broadcast.codec.json.internal.HeaderValues.bool;
import static broadcast.codec.json.internal.HeaderValues.enumValue;
import static broadcast.codec.json.internal.HeaderValues.longValue;
import static broadcast.codec.json.internal.HeaderValues.nextObject;
import static broadcast.codec.json.internal.HeaderValues.optionalInt;
import static broadcast.codec.json.internal.HeaderValues.optionalLong;
import static broadcast.codec.json.internal.HeaderValues.optionalString;
import static broadcast.codec.json.internal.HeaderValues.startArray;
import static broadcast.codec.json.internal.HeaderValues.startOptionalArray;
import static broadcast.codec.json.internal.HeaderValues.string;
import static broadcast.codec.json.internal.HeaderValues.strings;

/**
 * Reads frame headers: DATA, ACK and OUTCOME headers in their plain form with
 * {@link DataHeaderScanner} and {@link ListHeaderScanner}, everything else with Jackson's streaming
 * parser, straight from the buffer's array when it has one. Every
 * header is one JSON object; unknown fields are skipped, known ones are checked for their JSON
 * type, duplicates and presence. Any failure becomes a {@link CodecException} that
 * names the frame kind and the field or the position. Thread-safe.
 */
final class HeaderReader {

    private static final String TOP = "";

    private final JsonFactory factory;

    HeaderReader(JsonFactory factory) {
        this.factory = factory;
    }

    Frame read(FrameKind kind, ByteBuffer header) {
        if (kind == FrameKind.PING || kind == FrameKind.PONG) {
            return emptyHeader(kind, header);
        }
        int length = header.remaining();
        boolean list = kind == FrameKind.ACK || kind == FrameKind.OUTCOME;
        if (header.hasArray()) {
            byte[] bytes = header.array();
            int start = header.arrayOffset() + header.position();
            Frame plain = kind == FrameKind.DATA ? DataHeaderScanner.scan(bytes, start, start + length)
                    : list ? ListHeaderScanner.scan(kind, bytes, start, start + length) : null;
            return plain != null ? plain : readWithJackson(kind, bytes, start, length);
        }
        // a direct or read-only buffer: Jackson reads an own copy (its exceptions keep the parser and so the bytes)
        Frame plain = kind == FrameKind.DATA ? DataHeaderScanner.scan(header)
                : list ? ListHeaderScanner.scan(kind, header) : null;
        if (plain != null) {
            return plain;
        }
        byte[] bytes = new byte[length];
        header.get(bytes);
        return readWithJackson(kind, bytes, 0, length);
    }

    /** Reads a header with Jackson: every form and every error; see {@link DataHeaderScanner} for the fast path. */
    Frame readWithJackson(FrameKind kind, byte[] bytes, int start, int length) {
        JsonParser p = null;
        boolean release = false;
        try {
            JsonErrors.requireUtf8(bytes, start, length);
            p = factory.createParser(bytes, start, length);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonProblem("must be a JSON object, was " + HeaderValues.describe(p));
            }
            Frame frame = readObject(kind, p);
            requireWhitespace(bytes, start, start + (int) p.currentLocation().getByteOffset(), start + length);
            release = !FieldNames.sawUnknown(p);
            return frame;
        } catch (JsonProblem e) {
            throw new CodecException("invalid " + kind + " header: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new CodecException("invalid " + kind + " header: " + JsonErrors.describe(e), e);
        } catch (IOException | RuntimeException e) {
            // defensive: nothing but a CodecException may leave a decoder, whatever the input
            throw new CodecException("invalid " + kind + " header: " + e, e);
        } finally {
            if (release) {
                close(p);
            }
        }
    }

    private static Frame emptyHeader(FrameKind kind, ByteBuffer header) {
        if (header.hasRemaining()) {
            throw new CodecException("invalid " + kind + " header: a " + kind + " frame has no header, got "
                    + header.remaining() + " bytes");
        }
        return kind == FrameKind.PING ? Frame.Ping.INSTANCE : Frame.Pong.INSTANCE;
    }

    /**
     * Checks that only JSON whitespace follows the object. Asking the parser for a next token
     * instead would make it close itself at the end of the input, which {@link #close} must decide.
     */
    private static void requireWhitespace(byte[] bytes, int start, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                throw new JsonProblem("unexpected data after the object at byte " + (i - start));
            }
        }
    }

    /**
     * Closes a parser that read only known field names. Closing merges the names a parser met into
     * the symbol table its factory shares, and a parser that met a new name copies that whole
     * table first; so a parser that met unknown names, or failed, is left to the garbage collector
     * unclosed (it holds no resource but a buffer), and junk names from one peer never grow the
     * table or slow other connections.
     */
    private static void close(JsonParser p) {
        try {
            p.close();
        } catch (IOException e) {
            throw new CodecException("cannot close a JSON parser over bytes: " + e, e);
        }
    }

    private static Frame readObject(FrameKind kind, JsonParser p) throws IOException {
        switch (kind) {
            case DATA:
                return readData(p);
            case SUBSCRIBE:
            case UNSUBSCRIBE:
                return readSubscription(kind, p);
            case SUBACK:
                return readSubAck(p);
            case ACK:
                return readAck(p);
            case OUTCOME:
                return readOutcomes(p);
            case ERROR:
                return readError(p);
            default:
                throw new JsonProblem("frame kind " + kind + " has no JSON header");
        }
    }

    // One small holder per kind of object collects its fields as they come, in any order.

    /** A DATA header's fields. */
    private static final class DataValues implements FieldNames.FieldReader {
        String id;
        String sender;
        String client;
        String channel;
        String name;
        boolean persistent;
        long expiresAt;
        String contentType;
        int flags;

        @Override
        public void read(JsonParser p, int field, String fieldName) throws IOException {
            switch (field) {
                case DataFields.ID -> id = string(p, fieldName);
                case DataFields.SENDER -> sender = optionalString(p, fieldName);
                case DataFields.CLIENT -> client = optionalString(p, fieldName);
                case DataFields.CHANNEL -> channel = optionalString(p, fieldName);
                case DataFields.NAME -> name = optionalString(p, fieldName);
                case DataFields.PERSISTENT -> persistent = bool(p, fieldName);
                case DataFields.EXPIRES_AT -> expiresAt = optionalLong(p, fieldName);
                case DataFields.CONTENT_TYPE -> contentType = string(p, fieldName);
                default -> flags = optionalInt(p, fieldName);
            }
        }
    }

    private static Frame.Data readData(JsonParser p) throws IOException {
        DataValues v = new DataValues();
        int seen = DataFields.NAMES.read(p, v);
        DataFields.NAMES.require(seen, DataFields.ID, TOP);
        DataFields.NAMES.require(seen, DataFields.PERSISTENT, TOP);
        DataFields.NAMES.require(seen, DataFields.CONTENT_TYPE, TOP);
        return new Frame.Data(v.id, v.sender, v.client, v.channel, v.name, v.persistent, v.expiresAt, v.contentType,
                v.flags);
    }

    /** A SUBSCRIBE or UNSUBSCRIBE header's fields. */
    private static final class SubscriptionValues implements FieldNames.FieldReader {
        long requestId;
        List<String> channels;

        @Override
        public void read(JsonParser p, int field, String fieldName) throws IOException {
            if (field == SubscriptionFields.REQUEST_ID) {
                requestId = longValue(p, fieldName);
            } else {
                channels = strings(p, fieldName);
            }
        }
    }

    private static Frame readSubscription(FrameKind kind, JsonParser p) throws IOException {
        SubscriptionValues v = new SubscriptionValues();
        int seen = SubscriptionFields.NAMES.read(p, v);
        SubscriptionFields.NAMES.require(seen, SubscriptionFields.REQUEST_ID, TOP);
        SubscriptionFields.NAMES.require(seen, SubscriptionFields.CHANNELS, TOP);
        return kind == FrameKind.SUBSCRIBE ? new Frame.Subscribe(v.requestId, v.channels)
                : new Frame.Unsubscribe(v.requestId, v.channels);
    }

    /** A SUBACK header's fields. */
    private static final class SubAckValues implements FieldNames.FieldReader {
        long requestId;
        final List<Frame.Refusal> refused = new ArrayList<>();

        @Override
        public void read(JsonParser p, int field, String fieldName) throws IOException {
            if (field == SubAckFields.REQUEST_ID) {
                requestId = longValue(p, fieldName);
            } else if (startOptionalArray(p, fieldName)) {
                while (nextObject(p, fieldName, refused.size())) {
                    refused.add(readRefusal(p, fieldName + "[" + refused.size() + "]."));
                }
            }
        }
    }

    private static Frame.SubAck readSubAck(JsonParser p) throws IOException {
        SubAckValues v = new SubAckValues();
        int seen = SubAckFields.NAMES.read(p, v);
        SubAckFields.NAMES.require(seen, SubAckFields.REQUEST_ID, TOP);
        return new Frame.SubAck(v.requestId, v.refused);
    }

    /** A refused channel's fields. */
    private static final class RefusalValues implements FieldNames.FieldReader {
        String channel;
        ErrorCode code;
        String message;

        @Override
        public void read(JsonParser p, int field, String fieldName) throws IOException {
            switch (field) {
                case RefusalFields.CHANNEL -> channel = string(p, fieldName);
                case RefusalFields.CODE -> code = enumValue(p, fieldName, ErrorCode.class);
                default -> message = optionalString(p, fieldName);
            }
        }
    }

    private static Frame.Refusal readRefusal(JsonParser p, String where) throws IOException {
        RefusalValues v = new RefusalValues();
        int seen = RefusalFields.NAMES.read(p, v);
        RefusalFields.NAMES.require(seen, RefusalFields.CHANNEL, where);
        RefusalFields.NAMES.require(seen, RefusalFields.CODE, where);
        return new Frame.Refusal(v.channel, v.code, v.message);
    }

    private static Frame.Ack readAck(JsonParser p) throws IOException {
        List<String> ids = new ArrayList<>();
        int seen = AckFields.NAMES.read(p, (parser, field, name) -> ids.addAll(strings(parser, name)));
        AckFields.NAMES.require(seen, AckFields.IDS, TOP);
        return new Frame.Ack(ids);
    }

    private static Frame.Outcomes readOutcomes(JsonParser p) throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        int seen = OutcomesFields.NAMES.read(p, (parser, field, name) -> {
            startArray(parser, name);
            while (nextObject(parser, name, outcomes.size())) {
                outcomes.add(readOutcome(parser, name + "[" + outcomes.size() + "]."));
            }
        });
        OutcomesFields.NAMES.require(seen, OutcomesFields.OUTCOMES, TOP);
        return new Frame.Outcomes(outcomes);
    }

    /** One outcome's fields. */
    private static final class OutcomeValues implements FieldNames.FieldReader {
        String id;
        Outcome.Status status;
        Outcome.Reason reason;
        String detail;

        @Override
        public void read(JsonParser p, int field, String fieldName) throws IOException {
            switch (field) {
                case OutcomeFields.ID -> id = string(p, fieldName);
                case OutcomeFields.STATUS -> status = enumValue(p, fieldName, Outcome.Status.class);
                case OutcomeFields.REASON -> reason = reason(p, fieldName);
                default -> detail = optionalString(p, fieldName);
            }
        }
    }

    private static Outcome readOutcome(JsonParser p, String where) throws IOException {
        OutcomeValues v = new OutcomeValues();
        int seen = OutcomeFields.NAMES.read(p, v);
        OutcomeFields.NAMES.require(seen, OutcomeFields.ID, where);
        OutcomeFields.NAMES.require(seen, OutcomeFields.STATUS, where);
        if ((v.status == Outcome.Status.NOT_DELIVERED) != (v.reason != null)) {
            throw new JsonProblem("field \"" + where + OutcomeFields.NAMES.name(OutcomeFields.REASON)
                    + "\" must be present exactly when the status is " + Outcome.Status.NOT_DELIVERED
                    + ", status was " + v.status);
        }
        return new Outcome(v.id, v.status, v.reason, v.detail);
    }

    /** A reason, or null for {@code null}; a reason this version does not know becomes {@code OTHER}. */
    private static Outcome.Reason reason(JsonParser p, String field) throws IOException {
        String name = optionalString(p, field);
        if (name == null) {
            return null;
        }
        try {
            return Outcome.Reason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return Outcome.Reason.OTHER;
        }
    }

    /** An ERROR header's fields. */
    private static final class ErrorValues implements FieldNames.FieldReader {
        ErrorCode code;
        String message;

        @Override
        public void read(JsonParser p, int field, String fieldName) throws IOException {
            if (field == ErrorFields.CODE) {
                code = enumValue(p, fieldName, ErrorCode.class);
            } else {
                message = optionalString(p, fieldName);
            }
        }
    }

    private static Frame.Error readError(JsonParser p) throws IOException {
        ErrorValues v = new ErrorValues();
        int seen = ErrorFields.NAMES.read(p, v);
        ErrorFields.NAMES.require(seen, ErrorFields.CODE, TOP);
        return new Frame.Error(v.code, v.message);
    }
}
