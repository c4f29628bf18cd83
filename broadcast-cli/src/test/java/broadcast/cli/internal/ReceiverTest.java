package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Payload;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code sub} prints, and what it leaves to the hub. */
class ReceiverTest {

    private static BroadcastMessage message(String id, boolean persistent) {
        return BroadcastMessage.builder().id(id).sender("s").channel("c").client("me").persistent(persistent)
                .payload(new Payload(Payload.TEXT, id.getBytes(StandardCharsets.UTF_8)), null).build();
    }

    private static List<String> ids(StringWriter out) {
        return out.toString().lines().map(l -> l.substring(7, l.indexOf('"', 7))).toList();
    }

    @Test
    void aMessageToTheChannelAndToThisClientIsPrintedOnce() {
        StringWriter out = new StringWriter();
        Receiver r = new Receiver(new PrintWriter(out), Long.MAX_VALUE, () -> ConnectionState.CONNECTED);
        BroadcastMessage m = message("a", true);
        r.onMessage(m);
        r.onMessage(m);
        r.onMessage(message("b", true));
        assertEquals(List.of("a", "b"), ids(out));
        assertFalse(r.reached().isDone());
    }

    @Test
    void printsCountMessagesThenHoldsAPersistentOneUntilTheClientIsClosed() {
        StringWriter out = new StringWriter();
        AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.CONNECTED);
        Receiver r = new Receiver(new PrintWriter(out), 2, state::get);
        r.onMessage(message("a", true));
        r.onMessage(message("b", true));
        assertTrue(r.reached().isDone());
        r.onMessage(message("t", false));
        assertFalse(r.holding().isDone(), "a transient message is just left");
        Thread closer = new Thread(() -> {
            r.holding().join();
            state.set(ConnectionState.CLOSED);
        });
        closer.start();
        r.onMessage(message("c", true));
        assertTrue(r.holding().isDone(), "the handler held the message until the client was closed");
        assertEquals(List.of("a", "b"), ids(out));
        assertFalse(r.stop(), "stopped by the count already");
    }

    @Test
    void stopEndsPrintingAndSaysWhetherTheCountWasReached() {
        StringWriter out = new StringWriter();
        Receiver r = new Receiver(new PrintWriter(out), 5, () -> ConnectionState.CLOSED);
        r.onMessage(message("a", true));
        assertTrue(r.stop(), "stopped before the count: the time ran out");
        r.onMessage(message("b", true));
        assertEquals(List.of("a"), ids(out));
        assertFalse(r.reached().isDone());
    }
}
