package broadcast.transport.tcp.internal.auth;

/**
 * Who a connection is: a user of the users file, or {@link #ANYONE} on a hub without one (no
 * token, or a shared token). Immutable and thread-safe.
 */
public final class Identity {

    /** Anyone: every name, every permission. */
    public static final Identity ANYONE = new Identity(null);

    private final User user;

    Identity(User user) {
        this.user = user;
    }

    /** The user's name, or {@code null} for {@link #ANYONE}. */
    public String user() {
        return user == null ? null : user.name();
    }

    /** Whether the users file lets this identity take the client name. */
    public boolean mayUseName(String name) {
        return user == null || user.names().matches(name);
    }

    /** The permissions of a new connection. */
    public Grant grant() {
        return user == null ? Grant.ALL : new Grant(user);
    }

    @Override
    public String toString() {
        return user == null ? "anyone" : "user '" + user.name() + "'";
    }
}
