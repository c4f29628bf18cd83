package broadcast.api.spi;

import broadcast.api.BroadcastException;
import broadcast.api.ErrorCode;

/**
 * A frame or payload could not be encoded or decoded: malformed or truncated input, a wrong field
 * type, nesting too deep, a length beyond the input, an unregistered class, or no codec for a
 * payload's content type. Codecs throw only this when given bad input.
 */
public class CodecException extends BroadcastException {

    private static final long serialVersionUID = 1L;

    /** A codec failure. */
    public CodecException(String message) {
        super(message, ErrorCode.CODEC_ERROR, null);
    }

    /** A codec failure with its cause. */
    public CodecException(String message, Throwable cause) {
        super(message, ErrorCode.CODEC_ERROR, cause);
    }
}
