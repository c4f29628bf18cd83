package broadcast.codec.json.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The cache of repeating header strings keeps two hot names of one hash slot. */
class NamesTest {

    @Test
    void shouldKeepTwoNamesOfTheSameSlot() {
        // these two share a slot of the 64 (a sender and the content type in the header benchmark)
        byte[] sender = "orders-service-3".getBytes(StandardCharsets.US_ASCII);
        byte[] contentType = "application/json".getBytes(StandardCharsets.US_ASCII);
        PlainScanner.Names names = new PlainScanner.Names();
        String first = names.get(sender, 0, sender.length);
        String type = names.get(contentType, 0, contentType.length);
        assertSame(first, names.get(sender, 0, sender.length));
        assertSame(type, names.get(contentType, 0, contentType.length));
        assertEquals("orders-service-3", first);
        assertEquals("application/json", type);
    }
}
