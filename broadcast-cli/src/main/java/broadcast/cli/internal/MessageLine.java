package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;

/**
 * How {@code sub} prints a received message: one JSON object on one line with the keys
 * {@code id}, {@code sender}, {@code channel}, {@code client}, {@code name}, {@code persistent}
 * and {@code data} (absent values as {@code null}). {@code data} is the decoded data when it is
 * made of JSON values; otherwise, or when it cannot be decoded, it is
 * {@code {"contentType": ..., "base64": ...}} with the payload's bytes. Stateless.
 */
final class MessageLine {

    private MessageLine() {
    }

    static String format(BroadcastMessage message) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("id", message.id());
            field(g, "sender", message.sender());
            field(g, "channel", message.channel());
            field(g, "client", message.client());
            field(g, "name", message.name());
            g.writeBooleanField("persistent", message.persistent());
            g.writeFieldName("data");
            writeData(g, message);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void field(JsonGenerator g, String key, Optional<String> value) throws IOException {
        g.writeFieldName(key);
        if (value.isPresent()) {
            g.writeString(value.get());
        } else {
            g.writeNull();
        }
    }

    private static void writeData(JsonGenerator g, BroadcastMessage message) throws IOException {
        Object data;
        try {
            data = message.data();
        } catch (RuntimeException undecodable) {
            // no codec for its content type, or bytes the codec refuses: the bytes are still printed
            writeRaw(g, message.payload());
            return;
        }
        if (Json.isJsonValue(data)) {
            Json.writeValue(g, data);
        } else {
            writeRaw(g, message.payload());
        }
    }

    private static void writeRaw(JsonGenerator g, Optional<Payload> payload) throws IOException {
        g.writeStartObject();
        g.writeFieldName("contentType");
        if (payload.isPresent()) {
            g.writeString(payload.get().contentType());
            g.writeStringField("base64", Base64.getEncoder().encodeToString(payload.get().bytes()));
        } else {
            g.writeNull();
            g.writeNullField("base64");
        }
        g.writeEndObject();
    }
}
