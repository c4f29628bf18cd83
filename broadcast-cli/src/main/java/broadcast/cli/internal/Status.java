package broadcast.cli.internal;

/** The exit statuses of the command, a contract with the scripts that run it. */
public final class Status {

    /** Done: every message delivered or queued, or {@code --count} messages received. */
    public static final int OK = 0;
    /** A usage, configuration or connection error; a one-line message says which. */
    public static final int ERROR = 1;
    /** {@code pub}: a message was not delivered. {@code bench}: a check failed (a loss, a duplicate). */
    public static final int NOT_DELIVERED = 2;
    /** {@code sub}: the {@code --timeout} ran out before {@code --count} messages came. */
    public static final int TIMEOUT = 3;

    private Status() {
    }
}
