package broadcast.transport.tcp.internal.wire;

import broadcast.api.BroadcastException;
import broadcast.api.ErrorCode;

/** A peer broke the protocol; the code and message go into the ERROR or REFUSED frame sent back. */
public final class ProtocolException extends BroadcastException {

    private static final long serialVersionUID = 1L;

    /** A protocol failure with its code. */
    public ProtocolException(ErrorCode code, String message) {
        super(message, code, null);
    }

    /** The code; never absent. */
    public ErrorCode errorCode() {
        return code().orElseThrow();
    }
}
