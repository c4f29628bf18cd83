package broadcast.codec.json.internal;

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
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes frame headers with Jackson's streaming generator: one compact JSON object per frame,
 * fields in the order of {@link HeaderFields}, null fields and default values left out (see
 * {@code docs/protocol.md}); DATA, ACK and OUTCOME headers with plain ASCII strings are written the
 * same way by {@link PlainDataHeaderWriter} and {@link PlainListHeaderWriter}, without Jackson. The header is generated into a per-thread buffer
 * and written to the stream in one call, so a failure leaves the stream untouched. Thread-safe.
 */
final class HeaderWriter {

    private static final ThreadLocal<HeaderBuffer> BUFFERS = ThreadLocal.withInitial(HeaderBuffer::new);

    private final JsonFactory factory;

    HeaderWriter(JsonFactory factory) {
        this.factory = factory;
    }

    void write(Frame frame, OutputStream out) throws IOException {
        write(frame, out, true);
    }

    /** Writes a header with Jackson only, as {@link #write} does when the plain writer cannot. */
    void writeWithJackson(Frame frame, OutputStream out) throws IOException {
        write(frame, out, false);
    }

    private void write(Frame frame, OutputStream out, boolean plainFirst) throws IOException {
        FrameKind kind = frame.kind();
        if (kind == FrameKind.PING || kind == FrameKind.PONG) {
            return; // no header bytes
        }
        HeaderBuffer buffer = BUFFERS.get();
        buffer.reset();
        if (!plainFirst || !writePlain(frame, buffer)) {
            buffer.reset();
            generate(frame, buffer);
        }
        buffer.writeTo(out);
        if (buffer.oversized()) {
            BUFFERS.remove();
        }
    }

    /** Writes the header without Jackson if it is a DATA, ACK or OUTCOME header with plain strings only. */
    private static boolean writePlain(Frame frame, HeaderBuffer buffer) {
        if (frame instanceof Frame.Data data) {
            return PlainDataHeaderWriter.write(data, buffer);
        }
        if (frame instanceof Frame.Ack ack) {
            return PlainListHeaderWriter.write(ack, buffer);
        }
        return frame instanceof Frame.Outcomes outcomes && PlainListHeaderWriter.write(outcomes, buffer);
    }

    private void generate(Frame frame, HeaderBuffer buffer) throws IOException {
        try (JsonGenerator g = factory.createGenerator(buffer)) {
            g.writeStartObject();
            writeFields(frame, g);
            g.writeEndObject();
        } catch (JsonProblem e) {
            throw new CodecException("cannot encode " + frame.kind() + " header: " + e.getMessage());
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
            case ACK -> writeStrings(AckFields.NAMES, AckFields.IDS, ((Frame.Ack) frame).ids(), g);
            case OUTCOME -> writeOutcomes((Frame.Outcomes) frame, g);
            case ERROR -> writeError((Frame.Error) frame, g);
            default -> throw new JsonProblem("frame kind " + frame.kind() + " has no JSON header");
        }
    }

    private static void writeData(Frame.Data d, JsonGenerator g) throws IOException {
        FieldNames names = DataFields.NAMES;
        writeString(names, DataFields.ID, d.id(), g);
        writeOptional(names, DataFields.SENDER, d.sender(), g);
        writeOptional(names, DataFields.CLIENT, d.client(), g);
        writeOptional(names, DataFields.CHANNEL, d.channel(), g);
        writeOptional(names, DataFields.NAME, d.name(), g);
        g.writeFieldName(names.serialized(DataFields.PERSISTENT));
        g.writeBoolean(d.persistent());
        if (d.expiresAt() != 0) {
            g.writeFieldName(names.serialized(DataFields.EXPIRES_AT));
            g.writeNumber(d.expiresAt());
        }
        writeString(names, DataFields.CONTENT_TYPE, d.contentType(), g);
        if (d.flags() != 0) {
            g.writeFieldName(names.serialized(DataFields.FLAGS));
            g.writeNumber(d.flags());
        }
    }

    private static void writeSubscription(long requestId, List<String> channels, JsonGenerator g) throws IOException {
        g.writeFieldName(SubscriptionFields.NAMES.serialized(SubscriptionFields.REQUEST_ID));
        g.writeNumber(requestId);
        writeStrings(SubscriptionFields.NAMES, SubscriptionFields.CHANNELS, channels, g);
    }

    private static void writeSubAck(Frame.SubAck s, JsonGenerator g) throws IOException {
        g.writeFieldName(SubAckFields.NAMES.serialized(SubAckFields.REQUEST_ID));
        g.writeNumber(s.requestId());
        if (s.refused().isEmpty()) {
            return;
        }
        g.writeFieldName(SubAckFields.NAMES.serialized(SubAckFields.REFUSED));
        g.writeStartArray();
        for (Frame.Refusal r : s.refused()) {
            g.writeStartObject();
            writeString(RefusalFields.NAMES, RefusalFields.CHANNEL, r.channel(), g);
            writeString(RefusalFields.NAMES, RefusalFields.CODE, r.code().name(), g);
            writeUnlessEmpty(RefusalFields.NAMES, RefusalFields.MESSAGE, r.message(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeOutcomes(Frame.Outcomes o, JsonGenerator g) throws IOException {
        g.writeFieldName(OutcomesFields.NAMES.serialized(OutcomesFields.OUTCOMES));
        g.writeStartArray();
        FieldNames names = OutcomeFields.NAMES;
        for (Outcome outcome : o.outcomes()) {
            g.writeStartObject();
            writeString(names, OutcomeFields.ID, outcome.messageId(), g);
            writeString(names, OutcomeFields.STATUS, outcome.status().name(), g);
            if (outcome.reason() != null) {
                writeString(names, OutcomeFields.REASON, outcome.reason().name(), g);
            }
            writeUnlessEmpty(names, OutcomeFields.DETAIL, outcome.detail(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeError(Frame.Error e, JsonGenerator g) throws IOException {
        writeString(ErrorFields.NAMES, ErrorFields.CODE, e.code().name(), g);
        writeUnlessEmpty(ErrorFields.NAMES, ErrorFields.MESSAGE, e.message(), g);
    }

    private static void writeStrings(FieldNames names, int field, List<String> values, JsonGenerator g)
            throws IOException {
        g.writeFieldName(names.serialized(field));
        g.writeStartArray();
        for (String value : values) {
            g.writeString(Texts.wellFormed(names.name(field), value));
        }
        g.writeEndArray();
    }

    private static void writeString(FieldNames names, int field, String value, JsonGenerator g) throws IOException {
        g.writeFieldName(names.serialized(field));
        g.writeString(Texts.wellFormed(names.name(field), value));
    }

    private static void writeOptional(FieldNames names, int field, String value, JsonGenerator g) throws IOException {
        if (value != null) {
            writeString(names, field, value, g);
        }
    }

    private static void writeUnlessEmpty(FieldNames names, int field, String value, JsonGenerator g)
            throws IOException {
        if (!value.isEmpty()) {
            writeString(names, field, value, g);
        }
    }
}
