package broadcast.transport.tcp.internal.hub;

import broadcast.api.ErrorCode;
import broadcast.api.spi.Frame;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decides who may connect under which name, and where a connection may subscribe and publish.
 * The hub asks it at the HELLO, at each subscription and at each message. The built-in one checks
 * the configured token and allows the rest; authentication and per-channel permissions plug in
 * here. Implementations are thread-safe and quick: they run on event loops.
 */
public interface Authorizer {

    /**
     * Whether a connection may use this name.
     *
     * @return {@code null} to admit it, or the refusal to send (code and message)
     */
    Frame.Error admit(String clientName, String token, String address);

    /** Whether the client may subscribe to the channel (else refused {@code FORBIDDEN}). */
    default boolean maySubscribe(String clientName, String channel) {
        return true;
    }

    /** Whether the client may send this message (else {@code NOT_DELIVERED FORBIDDEN}). */
    default boolean mayPublish(String clientName, Frame.Data header) {
        return true;
    }

    /** Admits a connection when the hub requires no token, or when its token is the one required. */
    static Authorizer token(String required) {
        return (clientName, token, address) -> {
            if (required == null) {
                return null;
            }
            if (token.isEmpty()) {
                return new Frame.Error(ErrorCode.UNAUTHORIZED, "this hub requires a token; the HELLO had none");
            }
            boolean same = MessageDigest.isEqual(required.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
            return same ? null : new Frame.Error(ErrorCode.UNAUTHORIZED, "the token is wrong");
        };
    }
}
