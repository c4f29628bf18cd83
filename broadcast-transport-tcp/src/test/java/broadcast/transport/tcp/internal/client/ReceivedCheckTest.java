package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.api.spi.Frame;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A received header made into a message: the builder's checks, each distinct name once. */
class ReceivedCheckTest {

    private static final Payload PAYLOAD = new Payload(Payload.OCTET_STREAM, new byte[] {1, 2});

    private static Frame.Data header(String id, String sender, String client, String channel, long expiresAt, int flags) {
        return new Frame.Data(id, sender, client, channel, null, true, expiresAt, Payload.OCTET_STREAM, flags);
    }

    @Test
    void makesTheMessageTheBuilderWould() {
        ReceivedCheck check = new ReceivedCheck();
        BroadcastMessage m = check.message(header("id-1", "alice", "bob", "room", 1234, Frame.Data.REDELIVERED), PAYLOAD,
                null);
        BroadcastMessage built = BroadcastMessage.builder().id("id-1").sender("alice").client("bob").channel("room")
                .persistent(true).expiresAt(Instant.ofEpochMilli(1234)).redelivered(true).payload(PAYLOAD, null).build();

        assertEquals(built.toString(), m.toString());
        assertEquals(Optional.of("alice"), m.sender());
        assertTrue(m.redelivered());
        assertEquals(PAYLOAD, m.payload().orElseThrow());
    }

    @Test
    void expiryAtOrBeforeTheEpochMeansExpiredNotNever() {
        ReceivedCheck check = new ReceivedCheck();
        assertEquals(0, check.message(header("a", "s", null, "c", 0, 0), PAYLOAD, null).expiresAtMillis());
        assertEquals(1, check.message(header("b", "s", null, "c", -5, 0), PAYLOAD, null).expiresAtMillis());
        assertFalse(check.message(header("c", "s", null, "c", 0, 0), PAYLOAD, null).redelivered());
    }

    @Test
    void anInvalidNameIsRefusedEvenAfterAValidOne() {
        ReceivedCheck check = new ReceivedCheck();
        check.message(header("a", "s", null, "room", 0, 0), PAYLOAD, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> check.message(header("b", "s", null, "ro\u0001om", 0, 0), PAYLOAD, null));
        assertTrue(e.getMessage().startsWith("channel must not contain control characters"), e.getMessage());
        // the same text in another String instance is checked as well
        assertThrows(IllegalArgumentException.class,
                () -> check.message(header("c", new String("b\u0007d"), null, "room", 0, 0), PAYLOAD, null));
    }

    @Test
    void anInvalidIdOrNoTargetIsRefused() {
        ReceivedCheck check = new ReceivedCheck();
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> check.message(header("not an id", "s", null, "room", 0, 0), PAYLOAD, null));
        assertTrue(id.getMessage().startsWith("id must hold only"), id.getMessage());
        IllegalArgumentException target = assertThrows(IllegalArgumentException.class,
                () -> check.message(header("x", "s", null, null, 0, 0), PAYLOAD, null));
        assertTrue(target.getMessage().startsWith("a message needs a target"), target.getMessage());
    }
}
