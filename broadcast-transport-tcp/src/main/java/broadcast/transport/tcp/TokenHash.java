package broadcast.transport.tcp;

import broadcast.transport.tcp.internal.auth.HashedToken;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes the token hash of a hub's users file: {@code pbkdf2-sha256:<iterations>:<salt>:<hash>},
 * PBKDF2 with HMAC-SHA256, a random 16-byte salt, {@value #DEFAULT_ITERATIONS} iterations by
 * default. A user connects with the token {@code user:secret}; the file keeps only the hash of
 * {@code secret}.
 *
 * <pre>{@code
 * String line = "alice " + TokenHash.hash("s3cret") + " publish=orders.* subscribe=prices";
 * }</pre>
 *
 * <p>From the command line, {@code java -p <module path> -m broadcast.transport.tcp/broadcast.transport.tcp.TokenHash alice}
 * asks for the secret (twice, without echo, on a terminal; one line from standard input otherwise)
 * and prints a line for the users file. Stateless and thread-safe.
 */
public final class TokenHash {

    /** Iterations of a new hash: {@value}, as OWASP advises for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = HashedToken.DEFAULT_ITERATIONS;
    /** Fewest iterations a hash may have: {@value}. */
    public static final int MIN_ITERATIONS = HashedToken.MIN_ITERATIONS;

    private TokenHash() {
    }

    /**
     * The hash of a secret with {@value #DEFAULT_ITERATIONS} iterations (about half a second).
     *
     * @throws IllegalArgumentException if the secret is empty
     */
    public static String hash(String secret) {
        return hash(secret, DEFAULT_ITERATIONS);
    }

    /**
     * The hash of a secret with the given iterations; fewer are faster to check and to guess.
     *
     * @throws IllegalArgumentException if the secret is empty, or the iterations are below
     *     {@value #MIN_ITERATIONS} or above ten million
     */
    public static String hash(String secret, int iterations) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return HashedToken.of(secret, iterations).toString();
    }

    /**
     * Whether a secret matches a hash made by {@link #hash}; as slow as making it.
     *
     * @throws IllegalArgumentException if the hash is not in the form {@link #hash} makes
     */
    public static boolean matches(String secret, String hash) {
        return HashedToken.parse(hash).matches(secret);
    }

    /**
     * Prints a users-file line for a user: {@code TokenHash <user> [iterations]}; the secret is read
     * from the terminal (asked twice, not echoed) or, without one, from the first line of standard
     * input. Exits with status 2 on bad arguments, 1 if the secrets differ or none is given.
     */
    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.console(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System.out, System.err));
    }

    static int run(String[] args, Console console, BufferedReader in, PrintStream out, PrintStream err) throws IOException {
        if (args.length < 1 || args.length > 2 || args[0].isBlank() || args[0].contains(":") || args[0].contains(" ")) {
            err.println("usage: TokenHash <user> [iterations]   (a user name without ':' or spaces; then type the secret)");
            return 2;
        }
        int iterations = DEFAULT_ITERATIONS;
        if (args.length == 2) {
            try {
                iterations = Integer.parseInt(args[1]);
            } catch (NumberFormatException e) {
                err.println("iterations must be a whole number, was \"" + args[1] + "\"");
                return 2;
            }
        }
        String secret = readSecret(console, in, err);
        if (secret == null) {
            return 1;
        }
        try {
            out.println(args[0] + " " + hash(secret, iterations));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        return 0;
    }

    /** The secret, or null after saying why there is none. */
    private static String readSecret(Console console, BufferedReader in, PrintStream err) throws IOException {
        if (console == null) {
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                err.println("no secret given on standard input");
                return null;
            }
            return line;
        }
        char[] first = console.readPassword("secret: ");
        char[] again = console.readPassword("secret again: ");
        if (first == null || again == null || first.length == 0) {
            err.println("no secret given");
            return null;
        }
        try {
            if (!Arrays.equals(first, again)) {
                err.println("the secrets differ");
                return null;
            }
            return new String(first);
        } finally {
            Arrays.fill(first, ' ');
            Arrays.fill(again, ' ');
        }
    }
}
