package broadcast.transport.tcp.internal.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HashedTokenTest {

    @Test
    void aHashMatchesItsSecretOnlyAndReadsBackTheSame() {
        HashedToken h = HashedToken.of("s3cret", HashedToken.MIN_ITERATIONS);
        String stored = h.toString();
        assertTrue(stored.matches("pbkdf2-sha256:10000:[A-Za-z0-9+/]{22}:[A-Za-z0-9+/]{43}"), stored);
        HashedToken read = HashedToken.parse(stored);
        assertEquals(stored, read.toString());
        assertTrue(read.matches("s3cret"));
        assertFalse(read.matches("s3cret "));
        assertFalse(read.matches(""));
    }

    @Test
    void theSaltMakesEveryHashDifferent() {
        assertNotEquals(HashedToken.of("same", HashedToken.MIN_ITERATIONS).toString(),
                HashedToken.of("same", HashedToken.MIN_ITERATIONS).toString());
    }

    @Test
    void aDecoyMatchesNothing() {
        assertFalse(HashedToken.decoy(HashedToken.MIN_ITERATIONS).matches(""));
        assertFalse(HashedToken.decoy(HashedToken.MIN_ITERATIONS).matches("anything"));
    }

    @Test
    void badStoredFormsAreRefusedWithoutQuotingThem() {
        assertMessage("a token hash must look like pbkdf2-sha256:<iterations>:<salt>:<hash> (made by "
                + "broadcast.transport.tcp.TokenHash); this one does not start with pbkdf2-sha256:", "my-secret");
        assertMessage("a token hash must look like pbkdf2-sha256:<iterations>:<salt>:<hash> (made by "
                + "broadcast.transport.tcp.TokenHash); this one has 3 fields, not 4", "pbkdf2-sha256:1:2");
        assertMessage("the iterations of a token hash must be a whole number, was \"x\"", "pbkdf2-sha256:x:AAAA:AAAA");
        assertMessage("the salt and hash of a token hash must be base64: Illegal base64 character 21",
                "pbkdf2-sha256:10000:!!!!:AAAA");
        assertMessage("a token hash needs a salt of at least 8 bytes and a hash of 32 bytes, had 3 and 3",
                "pbkdf2-sha256:10000:AAAA:AAAA");
    }

    static void assertMessage(String expected, String stored) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HashedToken.parse(stored));
        assertEquals(expected, e.getMessage());
    }
}
