package broadcast.codec.json.internal;

import broadcast.api.spi.CodecException;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;

import java.io.IOException;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes payload data with one Jackson {@link ObjectMapper}: any value Jackson can
 * serialize goes out, and comes back as the natural JSON value or as a requested type. Plain maps
 * and lists take a shorter way through the streaming API ({@link PlainData}), with the same result. Nesting is
 * bounded both ways by the {@code max-nesting-depth} setting. Every failure becomes a
 * {@link CodecException} naming the type and the problem. Thread-safe.
 */
final class DataMapper {

    private static final String ACCESS_HINT = "; Jackson reads and writes a type through its public constructor and "
            + "accessors, so the type must be public and its package exported (for a public record), or opened "
            + "(for other classes), to module com.fasterxml.jackson.databind";

    private final ObjectMapper mapper;

    DataMapper(JsonSettings settings) {
        // strings in data are bounded by the frame size the transport enforces, not by Jackson's 20 M chars
        JsonFactory factory = JsonFactories.create(settings.maxNestingDepth(), Integer.MAX_VALUE);
        this.mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    byte[] encode(Object data) {
        if (PlainData.candidate(data)) {
            byte[] plain = encodePlain(data);
            if (plain != null) {
                return plain;
            }
        }
        return encodeWithDatabind(data);
    }

    /** The data encoded by databind alone: every type, every error. */
    byte[] encodeWithDatabind(Object data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + typeOf(data) + " as JSON: " + JsonErrors.describe(e)
                    + hint(e), e);
        } catch (RuntimeException e) {
            throw new CodecException("cannot encode " + typeOf(data) + " as JSON: " + e + hint(e), e);
        }
    }

    /** The data written by {@link PlainData}, or {@code null} to leave it to databind. */
    private byte[] encodePlain(Object data) {
        JsonFactory factory = mapper.getFactory();
        ByteArrayBuilder bytes = new ByteArrayBuilder(factory._getBufferRecycler());
        try {
            try (JsonGenerator out = mapper.createGenerator(bytes, JsonEncoding.UTF8)) {
                if (!PlainData.write(out, data)) {
                    return null;
                }
            }
            return bytes.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null; // databind fails the same way, with its message
        } finally {
            bytes.release();
        }
    }

    /** The natural value of the data, read by {@link PlainData}, or {@link PlainData#NOT_PLAIN}. */
    private Object decodePlain(ByteBuffer payload) {
        if (!payload.hasArray()) {
            return PlainData.NOT_PLAIN;
        }
        try (JsonParser p = open(payload)) {
            return PlainData.read(p);
        } catch (IOException | RuntimeException e) {
            return PlainData.NOT_PLAIN; // databind fails the same way, with its message
        }
    }

    <T> T decode(ByteBuffer payload, Class<T> type) {
        if (type == Object.class) {
            Object plain = decodePlain(payload);
            if (plain != PlainData.NOT_PLAIN) {
                return type.cast(plain);
            }
        }
        return decodeWithDatabind(payload, type);
    }

    /** The data decoded by databind alone: every form, every error. */
    <T> T decodeWithDatabind(ByteBuffer payload, Class<T> type) {
        try (JsonParser p = new ExactNumbers(open(payload))) {
            return mapper.readValue(p, type);
        } catch (JsonProblem e) {
            throw new CodecException("cannot decode JSON data as " + type.getName() + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot decode JSON data as " + type.getName() + ": " + JsonErrors.describe(e)
                    + hint(e), e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode JSON data as " + type.getName() + ": " + e + hint(e), e);
        }
    }

    private JsonParser open(ByteBuffer payload) throws IOException {
        int start = payload.position();
        int length = payload.remaining();
        if (payload.hasArray()) {
            byte[] bytes = payload.array();
            JsonErrors.requireUtf8(bytes, payload.arrayOffset() + start, length);
            return mapper.createParser(bytes, payload.arrayOffset() + start, length);
        }
        byte[] head = new byte[Math.min(4, length)];
        payload.get(start, head);
        JsonErrors.requireUtf8(head, 0, head.length);
        // read-only or direct: stream it rather than copy a payload of up to the frame size
        return mapper.createParser(new ByteBufferBackedInputStream(payload));
    }

    private static String typeOf(Object data) {
        return data == null ? "null" : data.getClass().getName();
    }

    /** A hint on what to change, when the failure is one a user can fix. */
    private static String hint(Throwable e) {
        // a cause chain is short and ends; the depth bound guards against a cycle anyway
        Throwable t = e;
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof StreamConstraintsException && message.contains("nesting depth")) {
                return "; the codec setting " + JsonSettings.MAX_NESTING_DEPTH + " sets the limit";
            }
            if (t instanceof IllegalAccessException || t instanceof InaccessibleObjectException
                    || message.contains(InaccessibleObjectException.class.getSimpleName())
                    || message.contains("does not \"exports") || message.contains("does not \"opens")) {
                return ACCESS_HINT;
            }
        }
        return "";
    }
}
