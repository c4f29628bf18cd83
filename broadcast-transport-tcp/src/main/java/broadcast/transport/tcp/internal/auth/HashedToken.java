package broadcast.transport.tcp.internal.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A token secret stored as a salted, slow hash: {@code pbkdf2-sha256:<iterations>:<salt>:<hash>},
 * PBKDF2 with HMAC-SHA256 from the JDK, salt and hash in base64 without padding. Checking a secret
 * costs as much as making the hash (about a second per million iterations on one core); the
 * comparison takes the same time wherever the bytes differ. Immutable and thread-safe.
 */
public final class HashedToken {

    /** The scheme, the first field of the stored form. */
    public static final String SCHEME = "pbkdf2-sha256";
    /** Iterations of a new hash, as OWASP advises for PBKDF2-HMAC-SHA256 (2023). */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Fewest iterations a stored hash may have. */
    public static final int MIN_ITERATIONS = 10_000;
    /** Most iterations a stored hash may have (a check must not take minutes). */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private HashedToken(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a secret with a new random salt. */
    public static HashedToken of(String secret, int iterations) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new HashedToken(iterations, salt, pbkdf2(secret, salt, iterations));
    }

    /** A hash nobody's secret matches, costing as much to check as a real one (for unknown users). */
    public static HashedToken decoy(int iterations) {
        checkIterations(iterations);
        byte[] salt = new byte[SALT_BYTES];
        byte[] hash = new byte[HASH_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new HashedToken(iterations, salt, hash);
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException if it is not {@code pbkdf2-sha256:<iterations>:<salt>:<hash>}
     *     with iterations in range, a salt of at least 8 bytes and a hash of 32 bytes
     */
    public static HashedToken parse(String stored) {
        String[] parts = stored.split(":", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            // Never quoted: it might be a secret written where its hash belongs.
            throw new IllegalArgumentException("a token hash must look like " + SCHEME
                    + ":<iterations>:<salt>:<hash> (made by broadcast.transport.tcp.TokenHash); this one "
                    + (parts[0].equals(SCHEME) ? "has " + parts.length + " fields, not 4" : "does not start with " + SCHEME + ":"));
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations of a token hash must be a whole number, was \""
                    + parts[1] + "\"");
        }
        checkIterations(iterations);
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the salt and hash of a token hash must be base64: " + e.getMessage());
        }
        if (salt.length < 8 || hash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a token hash needs a salt of at least 8 bytes and a hash of "
                    + HASH_BYTES + " bytes, had " + salt.length + " and " + hash.length);
        }
        return new HashedToken(iterations, salt, hash);
    }

    /** Whether the secret is the one hashed; slow on purpose, and in constant time for a given length. */
    public boolean matches(String secret) {
        return MessageDigest.isEqual(hash, pbkdf2(secret, salt, iterations));
    }

    /** The iterations of this hash. */
    public int iterations() {
        return iterations;
    }

    /** The stored form. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute PBKDF2WithHmacSHA256: " + e, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the iterations of a token hash must be within " + MIN_ITERATIONS + ".."
                    + MAX_ITERATIONS + ", was " + iterations);
        }
    }
}
