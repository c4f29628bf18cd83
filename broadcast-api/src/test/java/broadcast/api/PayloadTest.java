package broadcast.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PayloadTest {

    @Test
    void equalityIsByContentTypeAndBytes() {
        Payload a = new Payload("application/json", new byte[] {1, 2, 3});
        Payload b = new Payload("application/json", new byte[] {1, 2, 3});

        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Payload("application/json", new byte[] {1, 2}));
        assertNotEquals(a, new Payload(Payload.OCTET_STREAM, new byte[] {1, 2, 3}));
    }

    @Test
    void sizeAndToString() {
        Payload p = new Payload("application/json", new byte[5]);

        assertEquals(5, p.size());
        assertEquals("application/json (5 bytes)", p.toString());
    }

    @Test
    void theBuiltInContentTypes() {
        assertEquals("application/octet-stream", Payload.OCTET_STREAM);
        assertEquals("text/plain;charset=utf-8", Payload.TEXT);
    }

    @Test
    void nullsAreRefusedByName() {
        assertEquals("contentType", assertThrows(NullPointerException.class, () -> new Payload(null, new byte[0])).getMessage());
        assertEquals("bytes", assertThrows(NullPointerException.class, () -> new Payload("x", null)).getMessage());
    }
}
