package broadcast.cli.internal;

/**
 * A failure the command reports as one line on stderr, ending it with a status. Its message
 * starts lower-case and names the option, value or address at fault.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** A failure with status {@link Status#ERROR}. */
    public CliException(String message) {
        this(message, Status.ERROR, null);
    }

    /** A failure with status {@link Status#ERROR} and its cause. */
    public CliException(String message, Throwable cause) {
        this(message, Status.ERROR, cause);
    }

    /** A failure with a status. */
    public CliException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The exit status. */
    public int status() {
        return status;
    }
}
