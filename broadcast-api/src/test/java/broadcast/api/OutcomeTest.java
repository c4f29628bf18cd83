package broadcast.api;

import broadcast.api.Outcome.Reason;
import broadcast.api.Outcome.Status;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutcomeTest {

    @Test
    void factoriesSetStatusAndReason() {
        Outcome delivered = Outcome.delivered("id1");
        Outcome queued = Outcome.queued("id2");
        Outcome refused = Outcome.notDelivered("id3", Reason.QUEUE_FULL, "queue channel:room holds 100 messages");

        assertEquals(Status.DELIVERED, delivered.status());
        assertNull(delivered.reason());
        assertEquals(Optional.empty(), delivered.reasonIfAny());
        assertEquals("", delivered.detail());
        assertEquals(Status.QUEUED, queued.status());
        assertEquals(Status.NOT_DELIVERED, refused.status());
        assertEquals(Reason.QUEUE_FULL, refused.reason());
        assertEquals(Optional.of(Reason.QUEUE_FULL), refused.reasonIfAny());
        assertEquals("queue channel:room holds 100 messages", refused.detail());
    }

    @Test
    void deliveredAndQueuedAreAcceptedNotDeliveredIsNot() {
        assertTrue(Outcome.delivered("a").accepted());
        assertTrue(Outcome.queued("a").accepted());
        assertFalse(Outcome.notDelivered("a", Reason.NO_RECIPIENT, null).accepted());
    }

    @Test
    void toStringIsWhatTheCommandLinePrints() {
        assertEquals("AbC-12_x DELIVERED", Outcome.delivered("AbC-12_x").toString());
        assertEquals("AbC-12_x QUEUED", Outcome.queued("AbC-12_x").toString());
        assertEquals("AbC-12_x NOT_DELIVERED NO_RECIPIENT",
                Outcome.notDelivered("AbC-12_x", Reason.NO_RECIPIENT, "nobody subscribes to room").toString());
    }

    @Test
    void aReasonGoesWithNotDeliveredAndOnlyWithIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Outcome("a", Status.DELIVERED, Reason.QUEUE_FULL, ""));
        assertEquals("a reason goes with NOT_DELIVERED and only with it; status=DELIVERED, reason=QUEUE_FULL", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> new Outcome("a", Status.NOT_DELIVERED, null, "x"));
        assertEquals("a reason goes with NOT_DELIVERED and only with it; status=NOT_DELIVERED, reason=null", e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> new Outcome("a", Status.QUEUED, Reason.OTHER, ""));
    }

    @Test
    void nullsAreRefusedByName() {
        assertEquals("messageId", assertThrows(NullPointerException.class, () -> Outcome.delivered(null)).getMessage());
        assertEquals("status", assertThrows(NullPointerException.class, () -> new Outcome("a", null, null, "")).getMessage());
        assertEquals("reason",
                assertThrows(NullPointerException.class, () -> Outcome.notDelivered("a", null, "")).getMessage());
    }

    @Test
    void aMissingDetailIsEmpty() {
        assertEquals("", new Outcome("a", Status.QUEUED, null, null).detail());
    }
}
