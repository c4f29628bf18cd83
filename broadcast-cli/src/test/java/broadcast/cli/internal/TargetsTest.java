package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code pub} makes messages of its targets, as the original's factories do. */
class TargetsTest {

    @Test
    void oneChannelAndOneClientMakeOneMessageToBoth() {
        List<BroadcastMessage> messages = new Targets(List.of("news"), List.of("b"), "greeting", true).messages("hi");
        assertEquals(1, messages.size());
        BroadcastMessage m = messages.get(0);
        assertEquals(Optional.of("news"), m.channel());
        assertEquals(Optional.of("b"), m.client());
        assertEquals(Optional.of("greeting"), m.name());
        assertEquals("hi", m.data());
        assertEquals(true, m.persistent());
    }

    @Test
    void otherwiseEachChannelAndEachClientGetsAMessageOfItsOwn() {
        List<BroadcastMessage> messages = new Targets(List.of("a", "b"), List.of("c"), null, false).messages(1);
        assertEquals(List.of(Optional.of("a"), Optional.of("b"), Optional.empty()),
                messages.stream().map(BroadcastMessage::channel).toList());
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.of("c")),
                messages.stream().map(BroadcastMessage::client).toList());
        assertEquals(3, messages.stream().map(BroadcastMessage::id).distinct().count(), "an id each");
        messages.forEach(m -> assertEquals(false, m.persistent()));
        assertNotEquals(messages.get(0).id(), new Targets(List.of("a"), List.of(), null, false).messages(1).get(0).id());
    }

    @Test
    void badTargetsAreRefusedNamingTheOption() {
        assertEquals("give at least one --channel or --client to send to",
                assertThrows(CliException.class, () -> new Targets(List.of(), List.of(), null, true)).getMessage());
        assertEquals("--client \" \" is invalid: client must not be blank, was \" \"",
                assertThrows(CliException.class, () -> new Targets(List.of(), List.of(" "), null, true)).getMessage());
        String longName = "n".repeat(257);
        String message = assertThrows(CliException.class, () -> new Targets(List.of("a"), List.of(), longName, true))
                .getMessage();
        assertTrue(message.startsWith("--message-name \"" + longName + "\" is invalid: name must be at most 256 characters"),
                message);
    }
}
