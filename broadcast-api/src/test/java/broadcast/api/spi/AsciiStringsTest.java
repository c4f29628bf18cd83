package broadcast.api.spi;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The cache of repeating strings: the same bytes give the same instance; Kryo's end mark is removed. */
class AsciiStringsTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldKeepTwoNamesOfTheSameSlot() {
        // these two share a pair of slots (a sender and the content type of the header benchmark)
        byte[] sender = ascii("orders-service-3");
        byte[] contentType = ascii("application/json");
        AsciiStrings strings = new AsciiStrings();
        String first = strings.get(sender, 0, sender.length);
        String type = strings.get(contentType, 0, contentType.length);
        assertSame(first, strings.get(sender, 0, sender.length));
        assertSame(type, strings.get(contentType, 0, contentType.length));
        assertEquals("orders-service-3", first);
        assertEquals("application/json", type);
    }

    @Test
    void shouldReadFromTheMiddleOfAnArray() {
        byte[] bytes = ascii("xxnewsyy");
        AsciiStrings strings = new AsciiStrings();
        assertEquals("news", strings.get(bytes, 2, 4));
        assertSame(strings.get(bytes, 2, 4), strings.get(ascii("news"), 0, 4));
        assertEquals("", strings.get(bytes, 0, 0));
    }

    @Test
    void shouldRemoveKryosEndMarkAndKeepTheMarkedFormApart() {
        byte[] marked = ascii("symbol");
        marked[marked.length - 1] |= (byte) 0x80;
        AsciiStrings strings = new AsciiStrings();
        String value = strings.get(marked, 0, marked.length, true);
        assertEquals("symbol", value);
        assertSame(value, strings.get(marked, 0, marked.length, true));
        assertEquals((byte) ('l' | 0x80), marked[marked.length - 1], "the input is left as it was");
        assertEquals("symbol", strings.get(ascii("symbol"), 0, 6));
    }

    @Test
    void shouldMakeButNotKeepLongStrings() {
        byte[] bytes = ascii("c".repeat(AsciiStrings.MAX_LENGTH + 1));
        AsciiStrings strings = new AsciiStrings();
        String first = strings.get(bytes, 0, bytes.length);
        assertEquals("c".repeat(AsciiStrings.MAX_LENGTH + 1), first);
        assertNotSame(first, strings.get(bytes, 0, bytes.length));
        byte[] marked = bytes.clone();
        marked[marked.length - 1] |= (byte) 0x80;
        assertEquals(first, strings.get(marked, 0, marked.length, true));
    }
}
