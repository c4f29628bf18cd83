package broadcast.transport.tcp;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenHashTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String stdin, String... args) throws Exception {
        return TokenHash.run(args, null, new BufferedReader(new StringReader(stdin)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aHashMatchesItsSecret() {
        String hash = TokenHash.hash("s3cret", TokenHash.MIN_ITERATIONS);
        assertTrue(hash.startsWith("pbkdf2-sha256:10000:"), hash);
        assertTrue(TokenHash.matches("s3cret", hash));
        assertFalse(TokenHash.matches("secret", hash));
        assertEquals("secret must not be empty",
                assertThrows(IllegalArgumentException.class, () -> TokenHash.hash("")).getMessage());
    }

    @Test
    void theCommandPrintsAUsersFileLine() throws Exception {
        assertEquals(0, run("s3cret\n", "alice", "10000"));
        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.startsWith("alice pbkdf2-sha256:10000:"), line);
        assertTrue(TokenHash.matches("s3cret", line.substring("alice ".length())));
    }

    @Test
    void theCommandRefusesBadInput() throws Exception {
        assertEquals(2, run("", "a:b"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: TokenHash <user> [iterations]"));
        assertEquals(1, run("", "alice"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no secret given on standard input"));
        assertEquals(2, run("s3cret\n", "alice", "10"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the iterations of a token hash must be within "
                + "10000..10000000, was 10"), err.toString(StandardCharsets.UTF_8));
    }
}
