package broadcast.api.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueueKeyTest {

    @Test
    void printsAndParsesBothKinds() {
        assertEquals("channel:room 1", QueueKey.channel("room 1").toString());
        assertEquals("client:alice", QueueKey.client("alice").toString());
        assertEquals(QueueKey.channel("a:b"), QueueKey.parse("channel:a:b"));
        assertEquals(QueueKey.client("alice"), QueueKey.parse("client:alice"));
        assertNotEquals(QueueKey.channel("x"), QueueKey.client("x"));
    }

    @Test
    void badKeysAreRefusedByName() {
        assertEquals("a queue key is channel:NAME or client:NAME, was \"topic:x\"",
                assertThrows(IllegalArgumentException.class, () -> QueueKey.parse("topic:x")).getMessage());
        assertEquals("queue name must not be blank, was \"\"",
                assertThrows(IllegalArgumentException.class, () -> QueueKey.parse("client:")).getMessage());
        assertEquals("queue name must not be null",
                assertThrows(IllegalArgumentException.class, () -> QueueKey.channel(null)).getMessage());
        assertEquals("kind", assertThrows(NullPointerException.class, () -> new QueueKey(null, "x")).getMessage());
    }

    @Test
    void frameKindsRoundTripTheirCodes() {
        for (FrameKind kind : FrameKind.values()) {
            assertEquals(kind, FrameKind.ofCode(kind.code()));
        }
        assertEquals(null, FrameKind.ofCode(0));
        assertEquals(null, FrameKind.ofCode(-1));
        assertEquals(null, FrameKind.ofCode(255));
    }
}
