package broadcast.api;

import broadcast.api.spi.CodecException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BroadcastMessageTest {

    // ---- factories: the original's names, argument order and defaults -----------------------

    @Test
    void createChannelMessageIsPersistentAndUnnamedByDefault() {
        BroadcastMessage m = BroadcastMessage.createChannelMessage("room_1", "Hello world");

        assertEquals(Optional.of("room_1"), m.channel());
        assertEquals(Optional.empty(), m.client());
        assertEquals(Optional.empty(), m.name());
        assertEquals("Hello world", m.data());
        assertTrue(m.persistent());
        assertEquals(Optional.empty(), m.expiresAt());
        assertEquals(Optional.empty(), m.payload());
        assertEquals(Optional.empty(), m.sender());
        assertFalse(m.redelivered());
    }

    @Test
    void createChannelMessageTakesNameThenPersistent() {
        BroadcastMessage named = BroadcastMessage.createChannelMessage("room_1", 42, "greeting");
        BroadcastMessage transientOne = BroadcastMessage.createChannelMessage("room_1", 42, "greeting", false);

        assertEquals(Optional.of("greeting"), named.name());
        assertTrue(named.persistent());
        assertEquals(Optional.of("greeting"), transientOne.name());
        assertFalse(transientOne.persistent());
        assertEquals(42, transientOne.data());
    }

    @Test
    void createClientMessageTargetsOneClient() {
        Map<String, Integer> data = Map.of("hello", 1);
        BroadcastMessage m = BroadcastMessage.createClientMessage("user1", data);
        BroadcastMessage named = BroadcastMessage.createClientMessage("user1", data, "n");
        BroadcastMessage transientOne = BroadcastMessage.createClientMessage("user1", data, null, false);

        assertEquals(Optional.of("user1"), m.client());
        assertEquals(Optional.empty(), m.channel());
        assertSame(data, m.data());
        assertTrue(m.persistent());
        assertEquals(Optional.of("n"), named.name());
        assertTrue(named.persistent());
        assertEquals(Optional.empty(), transientOne.name());
        assertFalse(transientOne.persistent());
    }

    @Test
    void createMultiChannelMessageMakesOneMessagePerChannelInOrder() {
        List<BroadcastMessage> ms = BroadcastMessage.createMultiChannelMessage(List.of("room_1", "room_2", "room_3"), "hi");

        assertEquals(List.of("room_1", "room_2", "room_3"), ms.stream().map(m -> m.channel().orElseThrow()).toList());
        assertEquals(3, new HashSet<>(ms.stream().map(BroadcastMessage::id).toList()).size(), "each has its own id");
        assertTrue(ms.stream().allMatch(m -> m.persistent() && "hi".equals(m.data()) && m.client().isEmpty()));
        assertThrows(UnsupportedOperationException.class, () -> ms.add(ms.get(0)));
    }

    @Test
    void createMultiChannelMessageTakesNameThenPersistent() {
        List<BroadcastMessage> named = BroadcastMessage.createMultiChannelMessage(List.of("a", "b"), "hi", "n");
        List<BroadcastMessage> transientOnes = BroadcastMessage.createMultiChannelMessage(List.of("a", "b"), "hi", "n", false);

        assertTrue(named.stream().allMatch(m -> m.name().equals(Optional.of("n")) && m.persistent()));
        assertTrue(transientOnes.stream().allMatch(m -> m.name().equals(Optional.of("n")) && !m.persistent()));
    }

    @Test
    void createGroupMessageMakesOneMessagePerClientInOrder() {
        List<BroadcastMessage> ms = BroadcastMessage.createGroupMessage(List.of("user1", "user2"), "hi");
        List<BroadcastMessage> transientOnes = BroadcastMessage.createGroupMessage(List.of("user1", "user2"), "hi", "n", false);

        assertEquals(List.of("user1", "user2"), ms.stream().map(m -> m.client().orElseThrow()).toList());
        assertNotEquals(ms.get(0).id(), ms.get(1).id());
        assertTrue(ms.stream().allMatch(m -> m.persistent() && m.channel().isEmpty() && m.name().isEmpty()));
        assertTrue(transientOnes.stream().allMatch(m -> m.name().equals(Optional.of("n")) && !m.persistent()));
        assertTrue(BroadcastMessage.createGroupMessage(List.of("u"), 1, "n").get(0).persistent());
    }

    @Test
    void createTargetsAClientAndAChannelWithOneId() {
        BroadcastMessage both = BroadcastMessage.create("user1", "room_1", "Hello world");
        BroadcastMessage named = BroadcastMessage.create("user1", "room_1", "x", "n");
        BroadcastMessage transientOne = BroadcastMessage.create("user1", "room_1", "x", "n", false);

        assertEquals(Optional.of("user1"), both.client());
        assertEquals(Optional.of("room_1"), both.channel());
        assertTrue(both.persistent());
        assertEquals(Optional.of("n"), named.name());
        assertTrue(named.persistent());
        assertFalse(transientOne.persistent());
    }

    @Test
    void createTakesEitherTargetAlone() {
        BroadcastMessage toClient = BroadcastMessage.create("user1", null, "x");
        BroadcastMessage toChannel = BroadcastMessage.create(null, "room_1", "x");

        assertEquals(Optional.of("user1"), toClient.client());
        assertEquals(Optional.empty(), toClient.channel());
        assertEquals(Optional.empty(), toChannel.client());
        assertEquals(Optional.of("room_1"), toChannel.channel());
    }

    @Test
    void dataMayBeNull() {
        BroadcastMessage m = BroadcastMessage.createChannelMessage("room", null);

        assertNull(m.data());
        assertNull(m.data(String.class));
    }

    @Test
    void aNameOfTheLongestLengthIsAccepted() {
        String longest = "c".repeat(BroadcastMessage.MAX_NAME_LENGTH);

        assertEquals(Optional.of(longest), BroadcastMessage.createChannelMessage(longest, 1).channel());
    }

    @Test
    void namesMayHoldUnicodeAndSpaces() {
        BroadcastMessage m = BroadcastMessage.create("ünïcødé user", "room ✓ 1", 1, "名前");

        assertEquals(Optional.of("ünïcødé user"), m.client());
        assertEquals(Optional.of("room ✓ 1"), m.channel());
        assertEquals(Optional.of("名前"), m.name());
    }

    // ---- bad input, refused at once with a message that names it -----------------------------

    @Test
    void aMessageWithoutATargetIsRefused() {
        String expected = "a message needs a target: a client, a channel or both; both were null";

        assertMessage(expected, () -> BroadcastMessage.create(null, null, "x"));
        assertMessage(expected, () -> BroadcastMessage.builder().data("x").build());
        assertMessage(expected, () -> BroadcastMessage.create("u", "c", "x").toBuilder().client(null).channel(null).build());
    }

    @Test
    void aNullNameIsRefusedNamingTheArgument() {
        assertMessage("channel must not be null", () -> BroadcastMessage.createChannelMessage(null, "x"));
        assertMessage("client must not be null", () -> BroadcastMessage.createClientMessage(null, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \t"})
    void aBlankNameIsRefused(String blank) {
        String quoted = "\"" + blank + "\"";
        assertMessage("channel must not be blank, was " + quoted, () -> BroadcastMessage.createChannelMessage(blank, 1));
        assertMessage("client must not be blank, was " + quoted, () -> BroadcastMessage.createClientMessage(blank, 1));
        assertMessage("name must not be blank, was " + quoted, () -> BroadcastMessage.createChannelMessage("c", 1, blank));
        assertMessage("channel must not be blank, was " + quoted, () -> BroadcastMessage.create("u", blank, 1));
        assertMessage("client must not be blank, was " + quoted, () -> BroadcastMessage.create(blank, "c", 1));
    }

    @Test
    void anOverLongNameIsRefusedWithItsLength() {
        String tooLong = "a".repeat(BroadcastMessage.MAX_NAME_LENGTH + 1);
        String expected = " must be at most 256 characters, was 257 (\"" + "a".repeat(32) + "...\")";

        assertMessage("channel" + expected, () -> BroadcastMessage.createChannelMessage(tooLong, 1));
        assertMessage("client" + expected, () -> BroadcastMessage.createClientMessage(tooLong, 1));
        assertMessage("name" + expected, () -> BroadcastMessage.create("u", null, 1, tooLong));
        assertMessage("sender" + expected, () -> BroadcastMessage.builder().sender(tooLong));
    }

    @Test
    void aNameWithAControlCharacterIsRefusedWithWhereItIs() {
        assertMessage("channel must not contain control characters, found U+000A at index 4 in \"room?1\"",
                () -> BroadcastMessage.createChannelMessage("room\n1", 1));
        assertMessage("client must not contain control characters, found U+0000 at index 0 in \"?x\"",
                () -> BroadcastMessage.createClientMessage("\u0000x", 1));
        assertMessage("name must not contain control characters, found U+007F at index 1 in \"a?\"",
                () -> BroadcastMessage.createChannelMessage("c", 1, "a\u007f"));
        assertMessage("channel must not contain control characters, found U+0085 at index 1 in \"a?\"",
                () -> BroadcastMessage.builder().channel("a\u0085"));
    }

    @Test
    void aNullOrEmptyListIsRefused() {
        assertMessage("channels must hold at least one name, was null",
                () -> BroadcastMessage.createMultiChannelMessage(null, 1));
        assertMessage("channels must hold at least one name, was empty",
                () -> BroadcastMessage.createMultiChannelMessage(List.of(), 1));
        assertMessage("clients must hold at least one name, was null", () -> BroadcastMessage.createGroupMessage(null, 1));
        assertMessage("clients must hold at least one name, was empty",
                () -> BroadcastMessage.createGroupMessage(List.of(), 1, "n", false));
    }

    @Test
    void aBadNameInsideAListIsRefusedWithItsIndex() {
        assertMessage("channels[1] must not be null",
                () -> BroadcastMessage.createMultiChannelMessage(Arrays.asList("room_1", null, "room_3"), 1));
        assertMessage("clients[2] must not be null",
                () -> BroadcastMessage.createGroupMessage(Arrays.asList("a", "b", null), 1));
        assertMessage("channels[0] must not be blank, was \"\"",
                () -> BroadcastMessage.createMultiChannelMessage(List.of("", "b"), 1));
        assertMessage("clients[1] must not contain control characters, found U+0009 at index 1 in \"b?\"",
                () -> BroadcastMessage.createGroupMessage(List.of("a", "b\t"), 1));
    }

    @Test
    void anInvalidCustomIdIsRefused() {
        assertMessage("id must be 1 to 64 characters, was null", () -> BroadcastMessage.builder().id(null));
        assertMessage("id must be 1 to 64 characters, was 0 characters", () -> BroadcastMessage.builder().id(""));
        assertMessage("id must be 1 to 64 characters, was 65 characters",
                () -> BroadcastMessage.builder().id("a".repeat(65)));
        assertMessage("id must hold only A-Z a-z 0-9 _ -, found U+0020 at index 3 in \"has space\"",
                () -> BroadcastMessage.builder().id("has space"));
        assertMessage("id must hold only A-Z a-z 0-9 _ -, found U+00E9 at index 2 in \"ca\u00e9\"",
                () -> BroadcastMessage.builder().id("ca\u00e9"));
        assertMessage("id must hold only A-Z a-z 0-9 _ -, found U+000A at index 1 in \"a?\"",
                () -> BroadcastMessage.builder().id("a\n"));
    }

    @Test
    void aTtlMustBePositive() {
        assertMessage("ttl must be positive, was PT0S", () -> BroadcastMessage.builder().ttl(Duration.ZERO));
        assertMessage("ttl must be positive, was PT-1S", () -> BroadcastMessage.builder().ttl(Duration.ofSeconds(-1)));
        NullPointerException e = assertThrows(NullPointerException.class, () -> BroadcastMessage.builder().ttl(null));
        assertEquals("ttl", e.getMessage());
    }

    // ---- builder ------------------------------------------------------------------------------

    @Test
    void theBuilderTakesACustomId() {
        String id = "order-42_A";
        BroadcastMessage m = BroadcastMessage.builder().id(id).channel("c").build();

        assertEquals(id, m.id());
        assertEquals(m, BroadcastMessage.builder().id(id).client("other").build(), "equal by id");
        assertEquals(m.hashCode(), id.hashCode());
    }

    @Test
    void ttlSetsTheExpiryFromNow() {
        long before = System.currentTimeMillis();
        BroadcastMessage m = BroadcastMessage.builder().channel("c").ttl(Duration.ofMinutes(5)).build();
        long after = System.currentTimeMillis();

        long expiry = m.expiresAtMillis();
        assertTrue(expiry >= before + 300_000 && expiry <= after + 300_000, "expiry " + expiry);
        assertEquals(Optional.of(Instant.ofEpochMilli(expiry)), m.expiresAt());
        assertFalse(m.expiredAt(after));
        assertTrue(m.expiredAt(expiry));
    }

    @Test
    void aHugeTtlDoesNotOverflow() {
        BroadcastMessage m = BroadcastMessage.builder().channel("c").ttl(Duration.ofSeconds(Long.MAX_VALUE)).build();

        assertEquals(Long.MAX_VALUE, m.expiresAtMillis());
        assertFalse(m.expiredAt(System.currentTimeMillis()));
    }

    @Test
    void expiresAtSetsAndClearsTheExpiry() {
        Instant at = Instant.parse("2030-01-02T03:04:05.678Z");
        BroadcastMessage m = BroadcastMessage.builder().channel("c").expiresAt(at).build();

        assertEquals(Optional.of(at), m.expiresAt());
        assertEquals(at.toEpochMilli(), m.expiresAtMillis());
        assertEquals(Optional.empty(), m.toBuilder().expiresAt(null).build().expiresAt());
        assertEquals(0, m.toBuilder().expiresAt(null).build().expiresAtMillis());
    }

    @Test
    void anExpiryAtOrBeforeTheEpochIsAlreadyExpiredNotNever() {
        for (Instant past : List.of(Instant.EPOCH, Instant.ofEpochSecond(-10), Instant.MIN)) {
            BroadcastMessage m = BroadcastMessage.builder().channel("c").expiresAt(past).build();
            assertTrue(m.expiredAt(System.currentTimeMillis()), past.toString());
        }
        assertEquals(Long.MAX_VALUE, BroadcastMessage.builder().channel("c").expiresAt(Instant.MAX).build().expiresAtMillis());
    }

    @Test
    void toBuilderKeepsEveryValueIdIncluded() {
        BroadcastMessage m = BroadcastMessage.builder().id("abc").client("u").channel("c").name("n").data(List.of(1))
                .persistent(false).expiresAt(Instant.ofEpochMilli(5_000)).sender("s").redelivered(true).build();

        BroadcastMessage copy = m.toBuilder().build();
        BroadcastMessage changed = m.toBuilder().channel("other").build();

        for (BroadcastMessage c : List.of(copy, changed)) {
            assertEquals("abc", c.id());
            assertEquals(Optional.of("u"), c.client());
            assertEquals(Optional.of("n"), c.name());
            assertEquals(List.of(1), c.data());
            assertFalse(c.persistent());
            assertEquals(5_000, c.expiresAtMillis());
            assertEquals(Optional.of("s"), c.sender());
            assertTrue(c.redelivered());
        }
        assertEquals(Optional.of("c"), copy.channel());
        assertEquals(Optional.of("other"), changed.channel());
        assertEquals(Optional.of("c"), m.channel(), "the original is unchanged");
    }

    @Test
    void dataAndPayloadReplaceEachOther() {
        Payload payload = new Payload(Payload.TEXT, "from the wire".getBytes(StandardCharsets.UTF_8));
        BroadcastMessage received = BroadcastMessage.builder().channel("c").data("local").payload(payload, null).build();
        BroadcastMessage local = received.toBuilder().data("local again").build();

        assertEquals("from the wire", received.data());
        assertEquals(Optional.of(payload), received.payload());
        assertEquals("local again", local.data());
        assertEquals(Optional.empty(), local.payload());
    }

    @Test
    void typedDataOfALocalMessageIsACast() {
        BroadcastMessage m = BroadcastMessage.createChannelMessage("c", 7);

        assertEquals(7, m.data(Integer.class));
        assertThrows(ClassCastException.class, () -> m.data(String.class));
    }

    // ---- received payloads --------------------------------------------------------------------

    @Test
    void aReceivedTextOrBytesPayloadDecodesWithoutACodec() {
        byte[] raw = {1, 2, 3};
        BroadcastMessage text = received(new Payload(Payload.TEXT, "grüße".getBytes(StandardCharsets.UTF_8)));
        BroadcastMessage bytes = received(new Payload(Payload.OCTET_STREAM, raw));

        assertEquals("grüße", text.data());
        assertEquals("grüße", text.data(String.class));
        assertSame(raw, bytes.data());
        assertArrayEquals(raw, bytes.data(byte[].class));
    }

    @Test
    void aPayloadWithoutAnInstalledCodecNamesTheModuleToAddAndKeepsTheBytes() {
        byte[] raw = {8, 1, 18, 2, 104, 105};
        BroadcastMessage m = received(new Payload("application/x-protobuf", raw));

        CodecException e = assertThrows(CodecException.class, m::data);
        assertEquals("no codec for payload content type application/x-protobuf is installed; add module "
                + "broadcast.codec.protobuf to the module path (the raw bytes are in message.payload())", e.getMessage());
        assertThrows(CodecException.class, () -> m.data(Map.class));
        assertSame(raw, m.payload().orElseThrow().bytes());
        assertEquals("application/x-protobuf", m.payload().orElseThrow().contentType());
    }

    @Test
    void aPayloadIsDecodedOnceWithTheCodecGiven() {
        TestCodec codec = new TestCodec();
        BroadcastMessage m = BroadcastMessage.builder().channel("c")
                .payload(new Payload(TestCodec.CONTENT_TYPE, "hello".getBytes(StandardCharsets.UTF_8)), codec).build();

        assertEquals("decoded:hello", m.data());
        assertEquals("decoded:hello", m.data());
        assertEquals(1, codec.decodes.get(), "decoded once, then cached");
        assertEquals("decoded:hello", m.data(String.class));
    }

    @Test
    void toStringShowsTheRoutingFields() {
        BroadcastMessage m = BroadcastMessage.builder().id("abc").client("u").channel("c").name("n").persistent(false).build();

        assertEquals("BroadcastMessage[id=abc, client=u, channel=c, name=n, persistent=false]", m.toString());
    }

    private static BroadcastMessage received(Payload payload) {
        return BroadcastMessage.builder().channel("c").payload(payload, null).build();
    }

    private static void assertMessage(String expected, Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable::run);
        assertEquals(expected, e.getMessage());
    }

    /** A Runnable-like lambda target whose body may be an expression of any type. */
    @FunctionalInterface
    private interface Executable {
        Object run();
    }
}
