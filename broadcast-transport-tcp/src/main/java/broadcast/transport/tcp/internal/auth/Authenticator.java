package broadcast.transport.tcp.internal.auth;

import broadcast.api.BroadcastConfig;
import broadcast.api.ErrorCode;
import broadcast.api.internal.Names;
import broadcast.transport.tcp.internal.wire.ProtocolException;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the token of a HELLO and says who the connection is. A hub without a token or users file
 * admits anyone; with a shared {@linkplain BroadcastConfig#token() token}, anyone who sends it;
 * with a {@linkplain BroadcastConfig#usersFile() users file}, a user whose token {@code user:secret}
 * matches the user's hash. Refusals are {@code UNAUTHORIZED}. Implementations are thread-safe.
 */
public abstract sealed class Authenticator {

    private static final System.Logger LOG = System.getLogger(Authenticator.class.getName());

    /**
     * The authenticator a hub's settings ask for.
     *
     * @throws IllegalArgumentException if the users file cannot be read or is invalid, or comes with a shared token
     */
    public static Authenticator forHub(BroadcastConfig config) {
        if (config.usersFile().isPresent()) {
            if (config.token().isPresent()) {
                throw new IllegalArgumentException("a hub takes a shared token or a usersFile, not both; usersFile is "
                        + config.usersFile().get() + " and a token is set");
            }
            return new Users(UsersFile.read(config.usersFile().get(), config.limits().maxNameLength()));
        }
        return config.token().<Authenticator>map(Shared::new).orElseGet(Open::new);
    }

    /** Whether {@link #authenticate} may take long (a slow hash): call it off the event loop then. */
    public abstract boolean slow(String token);

    /**
     * Who presents this token.
     *
     * @param address the remote address, for the log
     * @throws ProtocolException {@code UNAUTHORIZED} when the token is missing or wrong
     */
    public abstract Identity authenticate(String token, String address);

    /** Whether {@link #authenticate} ever needs a thread of its own. */
    public abstract boolean usesSlowHash();

    /** No authentication. */
    static final class Open extends Authenticator {
        @Override
        public boolean slow(String token) {
            return false;
        }

        @Override
        public Identity authenticate(String token, String address) {
            return Identity.ANYONE;
        }

        @Override
        public boolean usesSlowHash() {
            return false;
        }
    }

    /** One token for everyone, compared in constant time. */
    static final class Shared extends Authenticator {
        private final byte[] required;

        Shared(String required) {
            this.required = required.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public boolean slow(String token) {
            return false;
        }

        @Override
        public Identity authenticate(String token, String address) {
            if (token.isEmpty()) {
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "this hub requires a token; the HELLO had none");
            }
            if (!MessageDigest.isEqual(required, token.getBytes(StandardCharsets.UTF_8))) {
                LOG.log(Level.INFO, () -> "refused a connection from " + address + ": wrong token");
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "the token is wrong");
            }
            return Identity.ANYONE;
        }

        @Override
        public boolean usesSlowHash() {
            return false;
        }
    }

    /**
     * The users of a users file. A secret that matched once is remembered as its SHA-256 digest, so
     * a reconnection does not pay the slow hash again; any other token pays it, an unknown user's
     * too (against a decoy), so that timing does not tell which users exist.
     */
    static final class Users extends Authenticator {
        private final Map<String, User> users;
        private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
        private final HashedToken decoy;

        Users(Map<String, User> users) {
            this.users = users;
            this.decoy = HashedToken.decoy(users.values().stream().mapToInt(u -> u.token().iterations()).max()
                    .orElse(HashedToken.DEFAULT_ITERATIONS));
        }

        @Override
        public boolean slow(String token) {
            int colon = token.indexOf(':');
            if (colon <= 0) {
                return false;
            }
            byte[] known = verified.get(token.substring(0, colon));
            return known == null || !MessageDigest.isEqual(known, sha256(token.substring(colon + 1)));
        }

        @Override
        public Identity authenticate(String token, String address) {
            if (token.isEmpty()) {
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "this hub requires a token (user:secret); the HELLO had none");
            }
            int colon = token.indexOf(':');
            if (colon <= 0) {
                LOG.log(Level.INFO, () -> "refused a connection from " + address + ": a token without a user name");
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "this hub has users: the token must be user:secret");
            }
            String name = token.substring(0, colon);
            String secret = token.substring(colon + 1);
            User user = users.get(name);
            byte[] digest = sha256(secret);
            byte[] known = verified.get(name);
            if (user != null && known != null && MessageDigest.isEqual(known, digest)) {
                return new Identity(user);
            }
            boolean matches = (user != null ? user.token() : decoy).matches(secret);
            if (user == null || !matches) {
                LOG.log(Level.INFO, () -> "refused a connection from " + address + ": "
                        + (user == null ? "unknown user '" + Names.printable(name) + "'" : "wrong secret for user '" + name + "'"));
                throw new ProtocolException(ErrorCode.UNAUTHORIZED, "the token is not valid: unknown user or wrong secret");
            }
            verified.put(name, digest);
            return new Identity(user);
        }

        @Override
        public boolean usesSlowHash() {
            return true;
        }

        private static byte[] sha256(String secret) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
