package broadcast.codec.kryo.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The cache of repeating strings: the same bytes give the same instance, Kryo's end mark is removed. */
class NamesTest {

    @Test
    void shouldKeepTwoNamesOfTheSameSlotAndUnmarkKryosAscii() {
        byte[] sender = "orders-service-3".getBytes(StandardCharsets.US_ASCII);
        byte[] contentType = "application/json".getBytes(StandardCharsets.US_ASCII);
        Names names = new Names();
        String first = names.get(sender, 0, sender.length, false);
        String type = names.get(contentType, 0, contentType.length, false);
        assertSame(first, names.get(sender, 0, sender.length, false));
        assertSame(type, names.get(contentType, 0, contentType.length, false));
        assertEquals("application/json", type);

        byte[] marked = "symbol".getBytes(StandardCharsets.US_ASCII);
        marked[marked.length - 1] |= (byte) 0x80;
        assertEquals("symbol", names.get(marked, 0, marked.length, true));
        assertSame(names.get(marked, 0, marked.length, true), names.get(marked, 0, marked.length, true));
    }
}
