package broadcast.api;

import java.util.Optional;

/**
 * A failure of a Broadcast operation: a bind failure, a refused connection, a timeout, a bad
 * configuration value. The message names the setting, address or value at fault.
 */
public class BroadcastException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorCode code;

    /** A failure with a message. */
    public BroadcastException(String message) {
        this(message, null, null);
    }

    /** A failure with a message and a cause. */
    public BroadcastException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** A failure reported by the hub (or sent to a peer) with its code. */
    public BroadcastException(String message, ErrorCode code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The protocol error code, when the failure came from (or was sent to) a peer. */
    public Optional<ErrorCode> code() {
        return Optional.ofNullable(code);
    }
}
