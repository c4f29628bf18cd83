package broadcast.transport.tcp.internal.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsersFileTest {

    @TempDir
    Path dir;

    static final String HASH = HashedToken.of("s3cret", HashedToken.MIN_ITERATIONS).toString();

    Map<String, User> read(String text) throws Exception {
        return UsersFile.read(Files.writeString(dir.resolve("users"), text), 256);
    }

    @Test
    void unsetFieldsDenyAllButTheUsersOwnName() throws Exception {
        User u = read("  # comment\n\n\tcarol\t" + HASH + "  \n").get("carol");
        assertTrue(u.names().matches("carol"));
        assertFalse(u.names().matches("carol-2"));
        assertFalse(u.publish().matches("x"));
        assertFalse(u.subscribe().matches("x"));
        assertFalse(u.direct());
        assertTrue(u.token().matches("s3cret"));
    }

    @Test
    void everyFieldIsRead() throws Exception {
        Map<String, User> users = read("a " + HASH + " names=a,a-* publish=p.*,q subscribe=* direct=true\n"
                + "b " + HASH + " names= publish= direct=false\n");
        User a = users.get("a");
        assertTrue(a.names().matches("a-7"));
        assertTrue(a.publish().matches("p.x") && a.publish().matches("q") && !a.publish().matches("r"));
        assertTrue(a.subscribe().matchesAll());
        assertTrue(a.direct());
        User b = users.get("b");
        assertFalse(b.names().matches("b"), "names= empty: only names the hub assigns");
        assertFalse(b.publish().matches("p"));
        assertEquals(Set.of("a", "b"), users.keySet());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
        Path file = Files.write(dir.resolve("latin1"), ("a " + HASH + " names=caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file, 256));
        assertEquals("usersFile " + file + " is not UTF-8 text", e.getMessage());
    }

    @Test
    void aHashWithTooFewIterationsIsRefused() throws Exception {
        String weak = HASH.replace(":" + HashedToken.MIN_ITERATIONS + ":", ":1000:");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("a " + weak + "\n"));
        assertTrue(e.getMessage().endsWith("line 1: user 'a': the iterations of a token hash must be within "
                + "10000..10000000, was 1000"), e.getMessage());
    }
}
