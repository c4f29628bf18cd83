package broadcast.transport.tcp.internal.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatternsTest {

    @Test
    void exactNamesAndTrailingWildcards() {
        Patterns p = Patterns.of(List.of("prices", "orders.*"), 256);
        assertTrue(p.matches("prices"));
        assertFalse(p.matches("prices.eu"));
        assertFalse(p.matches("price"));
        assertTrue(p.matches("orders.eu"));
        assertTrue(p.matches("orders."));
        assertFalse(p.matches("orders"));
        assertFalse(p.matches("ordersX"));
        assertFalse(p.matchesAll());
        assertEquals("prices,orders.*", p.toString());
    }

    @Test
    void aLoneStarMatchesEverythingAndNoPatternNothing() {
        assertTrue(Patterns.of(List.of("*"), 256).matches("anything at all"));
        assertTrue(Patterns.of(List.of("*"), 256).matchesAll());
        assertFalse(Patterns.NONE.matches("x"));
        assertFalse(Patterns.of(List.of(), 256).matches("x"));
    }

    @Test
    void badPatternsAreNamed() {
        assertMessage("pattern \"a*b\" has a * before its end; only a trailing * (a prefix) is allowed", "a*b");
        assertMessage("pattern \"**\" has a * before its end; only a trailing * (a prefix) is allowed", "**");
        assertMessage("a pattern must not be empty", "");
        assertMessage("pattern \"a?*\": a name must not contain control characters, found U+0001 at index 1 in "
                + "\"a?\"", "a\u0001*");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Patterns.of(List.of("abcdefghi"), 8));
        assertTrue(e.getMessage().startsWith("pattern \"abcdefghi\": a name must be at most 8 characters"), e.getMessage());
    }

    static void assertMessage(String expected, String pattern) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Patterns.of(List.of(pattern), 256));
        assertEquals(expected, e.getMessage());
    }
}
