package broadcast.codec.json.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.regex.Pattern;

/** Turns Jackson's failures into short messages, and guards the input encoding. Stateless. */
final class JsonErrors {

    /** Jackson's source excerpt in a nested location, e.g. the start marker of an unclosed object. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]");

    private JsonErrors() {
    }

    /**
     * Jackson's message without its source excerpt, with the JSON path (for data) and the byte
     * offset where the problem was found.
     */
    static String describe(JsonProcessingException e) {
        String message = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("line $1, column $2");
        StringBuilder text = new StringBuilder(message);
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(" at ").append(path(mapping));
        }
        JsonLocation location = e.getLocation();
        if (location != null && location.getByteOffset() >= 0) {
            text.append(" (byte ").append(location.getByteOffset()).append(')');
        }
        return text.toString();
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * Refuses input that Jackson would read as UTF-16 or UTF-32: it guesses the encoding from a
     * byte-order mark or zero bytes among the first four, and JSON on this wire is UTF-8 only.
     * Neither a zero byte nor {@code 0xFE}/{@code 0xFF} occurs in UTF-8 JSON.
     */
    static void requireUtf8(byte[] bytes, int start, int length) {
        for (int i = start, end = start + Math.min(4, length); i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (b == 0x00 || b == 0xFE || b == 0xFF) {
                throw new JsonProblem("not UTF-8 JSON: byte " + (i - start) + " is 0x" + Integer.toHexString(b));
            }
        }
    }
}
