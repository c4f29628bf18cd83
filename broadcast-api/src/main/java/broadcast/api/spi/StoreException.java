package broadcast.api.spi;

import broadcast.api.BroadcastException;

/** A store failed: it is closed, its file is locked or damaged, or a write failed. The message says which and where. */
public class StoreException extends BroadcastException {

    private static final long serialVersionUID = 1L;

    /** A store failure. */
    public StoreException(String message) {
        super(message);
    }

    /** A store failure with its cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
