package broadcast.codec.json.internal;

/**
 * A problem found in JSON input or in a header being written, before the context (the frame kind,
 * the data type) is added to its message; the reader or writer turns it into a
 * {@link broadcast.api.spi.CodecException}. No stack trace: it never leaves this module.
 */
final class JsonProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JsonProblem(String message) {
        super(message, null, false, false);
    }
}
