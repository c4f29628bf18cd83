package broadcast.transport.tcp.internal.auth;

/**
 * One user of a users file.
 *
 * @param name the user's name, the part of the token before {@code :}
 * @param token the hash of the user's secret
 * @param names the client names the user may take
 * @param publish the channels the user may send to
 * @param subscribe the channels the user may subscribe to
 * @param direct whether the user may send to clients by name or address
 */
public record User(String name, HashedToken token, Patterns names, Patterns publish, Patterns subscribe,
                   boolean direct) {
}
