package broadcast.codec.json.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
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

/**
 * Writes frame headers with Jackson's streaming generator: one compact JSON object per frame,
 * fields in a fixed order, null fields and default values left out (see {@code docs/protocol.md}).
 * The header is generated into a per-thread buffer and written to the stream in one call, so a
 * failure leaves the stream untouched. Thread-safe.
 */
final class HeaderWriter {

    private static final ThreadLocal<HeaderBuffer> BUFFERS = ThreadLocal.withInitial(HeaderBuffer::new);

    private final JsonFactory factory;

    HeaderWriter(JsonFactory factory) {
        this.factory = factory;
    }

    void write(Frame frame, OutputStream out) throws IOException {
        FrameKind kind = frame.kind();
        if (kind == FrameKind.PING || kind == FrameKind.PONG) {
            return; // no header bytes
        }
        HeaderBuffer buffer = BUFFERS.get();
        buffer.reset();
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            writeFields(frame, g);
            g.writeEndObject();
        } catch (JsonProblem e) {
            throw new CodecException("cannot encode " + kind + " header: " + e.getMessage());
        }
        buffer.writeTo(out);
        if (buffer.oversized()) {
            BUFFERS.remove();
        }
    }

    private static void writeFields(Frame frame, JsonGenerator g) throws IOException {
        switch (frame.kind()) {
            case DATA -> writeData((Frame.Data) frame, g);
            case SUBSCRIBE -> {
                Frame.Subscribe s = (Frame.Subscribe) frame;
                writeSubscription(s.requestId(), s.channels(), g);
            }
            case UNSUBSCRIBE -> {
                Frame.Unsubscribe u = (Frame.Unsubscribe) frame;
                writeSubscription(u.requestId(), u.channels(), g);
            }
            case SUBACK -> writeSubAck((Frame.SubAck) frame, g);
            case ACK -> writeStrings(IDS, ((Frame.Ack) frame).ids(), g);
            case OUTCOME -> writeOutcomes((Frame.Outcomes) frame, g);
            case ERROR -> writeError((Frame.Error) frame, g);
            default -> throw new JsonProblem("frame kind " + frame.kind() + " has no JSON header");
        }
    }

    private static void writeData(Frame.Data d, JsonGenerator g) throws IOException {
        writeString(ID, d.id(), g);
        writeOptional(SENDER, d.sender(), g);
        writeOptional(CLIENT, d.client(), g);
        writeOptional(CHANNEL, d.channel(), g);
        writeOptional(NAME, d.name(), g);
        g.writeBooleanField(PERSISTENT, d.persistent());
        if (d.expiresAt() != 0) {
            g.writeNumberField(EXPIRES_AT, d.expiresAt());
        }
        writeString(CONTENT_TYPE, d.contentType(), g);
        if (d.flags() != 0) {
            g.writeNumberField(FLAGS, d.flags());
        }
    }

    private static void writeSubscription(long requestId, List<String> channels, JsonGenerator g) throws IOException {
        g.writeNumberField(REQUEST_ID, requestId);
        writeStrings(CHANNELS, channels, g);
    }

    private static void writeSubAck(Frame.SubAck s, JsonGenerator g) throws IOException {
        g.writeNumberField(REQUEST_ID, s.requestId());
        if (s.refused().isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(REFUSED);
        for (Frame.Refusal r : s.refused()) {
            g.writeStartObject();
            writeString(CHANNEL, r.channel(), g);
            g.writeStringField(CODE, r.code().name());
            writeUnlessEmpty(MESSAGE, r.message(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeOutcomes(Frame.Outcomes o, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart(OUTCOMES);
        for (Outcome outcome : o.outcomes()) {
            g.writeStartObject();
            writeString(ID, outcome.messageId(), g);
            g.writeStringField(STATUS, outcome.status().name());
            if (outcome.reason() != null) {
                g.writeStringField(REASON, outcome.reason().name());
            }
            writeUnlessEmpty(DETAIL, outcome.detail(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeError(Frame.Error e, JsonGenerator g) throws IOException {
        g.writeStringField(CODE, e.code().name());
        writeUnlessEmpty(MESSAGE, e.message(), g);
    }

    private static void writeStrings(String field, List<String> values, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(Texts.wellFormed(field, value));
        }
        g.writeEndArray();
    }

    private static void writeString(String field, String value, JsonGenerator g) throws IOException {
        g.writeStringField(field, Texts.wellFormed(field, value));
    }

    private static void writeOptional(String field, String value, JsonGenerator g) throws IOException {
        if (value != null) {
            writeString(field, value, g);
        }
    }

    private static void writeUnlessEmpty(String field, String value, JsonGenerator g) throws IOException {
        if (!value.isEmpty()) {
            writeString(field, value, g);
        }
    }
}
