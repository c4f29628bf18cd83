package broadcast.codec.json.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static broadcast.codec.json.internal.HeaderFields.CHANNEL;
import static broadcast.codec.json.internal.HeaderFields.CHANNELS;
import static broadcast.codec.json.internal.HeaderFields.CLIENT;
import static broadcast.codec.json.internal.HeaderFields.CODE;
import static broadcast.codec.json.internal.HeaderFields.CONTENT_TYPE;
import static broadcast.codec.json.internal.HeaderFields.DETAIL;
import static broadcast.codec.json.internal.HeaderFields.EXPIRES_AT;
import static broadcast.codec.json.internal.HeaderFields.FLAGS;
import static broadcast.codec.json.internal.HeaderFields.ID;
import static broadcast.codec.json.internal.HeaderFields.IDS;
import static broadcast.codec.json.internal.HeaderFields.MESSAGE;
import static broadcast.codec.json.internal.HeaderFields.NAME;
import static broadcast.codec.json.internal.HeaderFields.OUTCOMES;
import static broadcast.codec.json.internal.HeaderFields.PERSISTENT;
import static broadcast.codec.json.internal.HeaderFields.REASON;
import static broadcast.codec.json.internal.HeaderFields.REFUSED;
import static broadcast.codec.json.internal.HeaderFields.REQUEST_ID;
import static broadcast.codec.json.internal.HeaderFields.SENDER;
import static broadcast.codec.json.internal.HeaderFields.STATUS;
import static broadcast.codec.json.internal.HeaderValues.bool;
import static broadcast.codec.json.internal.HeaderValues.enumValue;
import static broadcast.codec.json.internal.HeaderValues.intValue;
import static broadcast.codec.json.internal.HeaderValues.longValue;
import static broadcast.codec.json.internal.HeaderValues.nextObject;
import static broadcast.codec.json.internal.HeaderValues.optionalString;
import static broadcast.codec.json.internal.HeaderValues.require;
import static broadcast.codec.json.internal.HeaderValues.seen;
import static broadcast.codec.json.internal.HeaderValues.skip;
import static broadcast.codec.json.internal.HeaderValues.startArray;
import static broadcast.codec.json.internal.HeaderValues.string;
import static broadcast.codec.json.internal.HeaderValues.strings;

/**
 * Reads frame headers with Jackson's streaming parser, straight from the buffer's array when it
 * has one. Every header is one JSON object; unknown fields are skipped, known ones are checked for
 * their JSON type, duplicates and presence. Any failure becomes a {@link CodecException} that
 * names the frame kind and the field or the position. Thread-safe.
 */
final class HeaderReader {

    private final JsonFactory factory;

    HeaderReader(JsonFactory factory) {
        this.factory = factory;
    }

    Frame read(FrameKind kind, ByteBuffer header) {
        if (kind == FrameKind.PING || kind == FrameKind.PONG) {
            return emptyHeader(kind, header);
        }
        try (JsonParser p = open(header)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonProblem("must be a JSON object, was " + HeaderValues.describe(p));
            }
            Frame frame = readObject(kind, p);
            if (p.nextToken() != null) {
                throw new JsonProblem("unexpected data after the object at byte " + offset(p));
            }
            return frame;
        } catch (JsonProblem e) {
            throw new CodecException("invalid " + kind + " header: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new CodecException("invalid " + kind + " header: " + JsonErrors.describe(e), e);
        } catch (IOException | RuntimeException e) {
            // defensive: a parser bug or a symbol-table guard must not escape as another type
            throw new CodecException("invalid " + kind + " header: " + e, e);
        }
    }

    private static Frame emptyHeader(FrameKind kind, ByteBuffer header) {
        if (header.hasRemaining()) {
            throw new CodecException("invalid " + kind + " header: a " + kind + " frame has no header, got "
                    + header.remaining() + " bytes");
        }
        return kind == FrameKind.PING ? Frame.Ping.INSTANCE : Frame.Pong.INSTANCE;
    }

    private JsonParser open(ByteBuffer header) throws IOException {
        if (header.hasArray()) {
            byte[] bytes = header.array();
            int start = header.arrayOffset() + header.position();
            JsonErrors.requireUtf8(bytes, start, header.remaining());
            return factory.createParser(bytes, start, header.remaining());
        }
        // a direct or read-only buffer: copy the bytes that are there (headers are small)
        byte[] copy = new byte[header.remaining()];
        header.get(copy);
        JsonErrors.requireUtf8(copy, 0, copy.length);
        return factory.createParser(copy);
    }

    private static long offset(JsonParser p) {
        return p.currentTokenLocation().getByteOffset();
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

    private static Frame.Data readData(JsonParser p) throws IOException {
        String id = null;
        String sender = null;
        String client = null;
        String channel = null;
        String name = null;
        boolean persistent = false;
        long expiresAt = 0;
        String contentType = null;
        int flags = 0;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case ID -> { seen = seen(seen, 1, field); id = string(p, field); }
                case SENDER -> { seen = seen(seen, 2, field); sender = optionalString(p, field); }
                case CLIENT -> { seen = seen(seen, 4, field); client = optionalString(p, field); }
                case CHANNEL -> { seen = seen(seen, 8, field); channel = optionalString(p, field); }
                case NAME -> { seen = seen(seen, 16, field); name = optionalString(p, field); }
                case PERSISTENT -> { seen = seen(seen, 32, field); persistent = bool(p, field); }
                case EXPIRES_AT -> { seen = seen(seen, 64, field); expiresAt = longValue(p, field); }
                case CONTENT_TYPE -> { seen = seen(seen, 128, field); contentType = string(p, field); }
                case FLAGS -> { seen = seen(seen, 256, field); flags = intValue(p, field); }
                default -> skip(p);
            }
        }
        require(seen, 1, ID);
        require(seen, 32, PERSISTENT);
        require(seen, 128, CONTENT_TYPE);
        return new Frame.Data(id, sender, client, channel, name, persistent, expiresAt, contentType, flags);
    }

    private static Frame readSubscription(FrameKind kind, JsonParser p) throws IOException {
        long requestId = 0;
        List<String> channels = null;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case REQUEST_ID -> { seen = seen(seen, 1, field); requestId = longValue(p, field); }
                case CHANNELS -> { seen = seen(seen, 2, field); channels = strings(p, field); }
                default -> skip(p);
            }
        }
        require(seen, 1, REQUEST_ID);
        require(seen, 2, CHANNELS);
        return kind == FrameKind.SUBSCRIBE ? new Frame.Subscribe(requestId, channels)
                : new Frame.Unsubscribe(requestId, channels);
    }

    private static Frame.SubAck readSubAck(JsonParser p) throws IOException {
        long requestId = 0;
        List<Frame.Refusal> refused = List.of();
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case REQUEST_ID -> { seen = seen(seen, 1, field); requestId = longValue(p, field); }
                case REFUSED -> { seen = seen(seen, 2, field); refused = readRefusals(p); }
                default -> skip(p);
            }
        }
        require(seen, 1, REQUEST_ID);
        return new Frame.SubAck(requestId, refused);
    }

    private static List<Frame.Refusal> readRefusals(JsonParser p) throws IOException {
        startArray(p, REFUSED);
        List<Frame.Refusal> refused = new ArrayList<>();
        while (nextObject(p, REFUSED, refused.size())) {
            refused.add(readRefusal(p));
        }
        return refused;
    }

    private static Frame.Refusal readRefusal(JsonParser p) throws IOException {
        String channel = null;
        ErrorCode code = null;
        String message = null;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case CHANNEL -> { seen = seen(seen, 1, field); channel = string(p, field); }
                case CODE -> { seen = seen(seen, 2, field); code = enumValue(p, field, ErrorCode.class); }
                case MESSAGE -> { seen = seen(seen, 4, field); message = optionalString(p, field); }
                default -> skip(p);
            }
        }
        require(seen, 1, REFUSED + "[]." + CHANNEL);
        require(seen, 2, REFUSED + "[]." + CODE);
        return new Frame.Refusal(channel, code, message);
    }

    private static Frame.Ack readAck(JsonParser p) throws IOException {
        List<String> ids = null;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            if (field.equals(IDS)) {
                seen = seen(seen, 1, field);
                ids = strings(p, field);
            } else {
                skip(p);
            }
        }
        require(seen, 1, IDS);
        return new Frame.Ack(ids);
    }

    private static Frame.Outcomes readOutcomes(JsonParser p) throws IOException {
        List<Outcome> outcomes = null;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            if (field.equals(OUTCOMES)) {
                seen = seen(seen, 1, field);
                outcomes = readOutcomeList(p);
            } else {
                skip(p);
            }
        }
        require(seen, 1, OUTCOMES);
        return new Frame.Outcomes(outcomes);
    }

    private static List<Outcome> readOutcomeList(JsonParser p) throws IOException {
        startArray(p, OUTCOMES);
        List<Outcome> outcomes = new ArrayList<>();
        while (nextObject(p, OUTCOMES, outcomes.size())) {
            outcomes.add(readOutcome(p, outcomes.size()));
        }
        return outcomes;
    }

    private static Outcome readOutcome(JsonParser p, int index) throws IOException {
        String id = null;
        Outcome.Status status = null;
        Outcome.Reason reason = null;
        String detail = null;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case ID -> { seen = seen(seen, 1, field); id = string(p, field); }
                case STATUS -> { seen = seen(seen, 2, field); status = enumValue(p, field, Outcome.Status.class); }
                case REASON -> { seen = seen(seen, 4, field); reason = reason(p, field); }
                case DETAIL -> { seen = seen(seen, 8, field); detail = optionalString(p, field); }
                default -> skip(p);
            }
        }
        String where = OUTCOMES + "[" + index + "].";
        require(seen, 1, where + ID);
        require(seen, 2, where + STATUS);
        if ((status == Outcome.Status.NOT_DELIVERED) != (reason != null)) {
            throw new JsonProblem("field \"" + where + REASON + "\" must be present exactly when the status is "
                    + Outcome.Status.NOT_DELIVERED + ", status was " + status);
        }
        return new Outcome(id, status, reason, detail);
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

    private static Frame.Error readError(JsonParser p) throws IOException {
        ErrorCode code = null;
        String message = null;
        int seen = 0;
        String field;
        while ((field = p.nextFieldName()) != null) {
            switch (field) {
                case CODE -> { seen = seen(seen, 1, field); code = enumValue(p, field, ErrorCode.class); }
                case MESSAGE -> { seen = seen(seen, 2, field); message = optionalString(p, field); }
                default -> skip(p);
            }
        }
        require(seen, 1, CODE);
        return new Frame.Error(code, message);
    }
}
