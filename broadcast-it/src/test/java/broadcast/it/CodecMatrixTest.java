package broadcast.it;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Payloads;
import broadcast.api.spi.Providers;
import broadcast.transport.tcp.BroadcastTcpClient;
import broadcast.transport.tcp.BroadcastTcpServer;

import com.google.protobuf.Timestamp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hub on loopback serving clients of every codec: a sender of each codec to a receiver of each
 * codec (3 × 3), on a channel and as a direct message, with the payload types each codec documents.
 * Every receiver sees the sender's id, name, target and data; the payload bytes and content type
 * are exactly what the sender's codec made (the hub only re-encodes the header); and {@code data()}
 * gives what the sender's codec documents, whatever the receiver's codec. The receivers read Kryo
 * payloads of a registered record because their config registers it for the {@code kryo} codec by
 * name; the hub itself is given no codec setting, since it never decodes a payload.
 */
class CodecMatrixTest {

    static final List<String> CODECS = List.of("json", "protobuf", "kryo");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Tick TICK = new Tick("ACME", 12.5, 100);
    private static final String KRYO_CLASSES = "100:" + Tick.class.getName();

    private static BroadcastTcpServer hub;
    private static final Map<String, BroadcastTcpClient> senders = new HashMap<>();
    private static final Map<String, BroadcastTcpClient> receivers = new HashMap<>();
    private static final Map<String, Inbox> inboxes = new HashMap<>();
    private static final Map<String, Codec> senderCodecs = new HashMap<>();
    private static BroadcastTcpClient bare;
    private static final Inbox bareInbox = new Inbox();

    /** What a sender sends, what {@code data()} gives on the other side, and its class there. */
    record Case(String label, Object sent, Object expected, Class<?> type) {
    }

    @BeforeAll
    static void startHubAndClients() {
        hub = new BroadcastTcpServer(BroadcastConfig.builder().port(0).build());
        hub.start();
        BroadcastConfig base = BroadcastConfig.builder().port(hub.port()).codecSetting("kryo", "classes", KRYO_CLASSES)
                .build();
        for (String codec : CODECS) {
            BroadcastConfig config = base.toBuilder().codec(codec).build();
            BroadcastTcpClient receiver = new BroadcastTcpClient(config, "rx-" + codec);
            Inbox inbox = new Inbox();
            receiver.onMessage("to-" + codec, inbox);
            receiver.onDirectMessage(inbox);
            receiver.connect(WAIT);
            receivers.put(codec, receiver);
            inboxes.put(codec, inbox);
            BroadcastTcpClient sender = new BroadcastTcpClient(config, "tx-" + codec);
            sender.connect(WAIT);
            senders.put(codec, sender);
            senderCodecs.put(codec, Providers.installed().codec(codec, config.codecSettings(codec)));
        }
        bare = new BroadcastTcpClient(BroadcastConfig.builder().port(hub.port()).codec("json").build(), "rx-bare");
        bare.onMessage("bare", bareInbox);
        bare.connect(WAIT);
    }

    @AfterAll
    static void closeAll() {
        Stream.concat(senders.values().stream(), receivers.values().stream()).forEach(BroadcastTcpClient::close);
        if (bare != null) {
            bare.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    static Stream<Arguments> cells() {
        return CODECS.stream().flatMap(from -> CODECS.stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} sender to {1} receiver")
    @MethodSource("cells")
    void everyPayloadArrivesAsTheSendersCodecDocumentsIt(String from, String to) throws Exception {
        List<BroadcastMessage> sent = new ArrayList<>();
        Map<String, Case> caseOf = new HashMap<>();
        for (Case c : cases(from)) {
            String name = from + "." + c.label();
            for (BroadcastMessage m : List.of(BroadcastMessage.createChannelMessage("to-" + to, c.sent(), name),
                    BroadcastMessage.createClientMessage("rx-" + to, c.sent(), name))) {
                sent.add(m);
                caseOf.put(m.id(), c);
            }
        }
        Inbox inbox = inboxes.get(to);
        for (BroadcastMessage m : sent) {
            Outcome outcome = senders.get(from).sendMessage(m).toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(Outcome.Status.DELIVERED, outcome.status(), outcome.toString());
        }
        Await.until(() -> inbox.ids().containsAll(caseOf.keySet()), WAIT,
                () -> "all " + caseOf.size() + " messages at rx-" + to);
        Map<String, BroadcastMessage> received = new HashMap<>();
        for (BroadcastMessage m : inbox.messages()) {
            received.put(m.id(), m);
        }
        for (BroadcastMessage m : sent) {
            BroadcastMessage r = received.get(m.id());
            Case c = caseOf.get(m.id());
            String where = from + " → " + to + ", " + c.label() + (m.channel().isPresent() ? " on a channel" : " direct");
            assertEquals(m.name(), r.name(), where);
            assertEquals(m.channel(), r.channel(), where);
            assertEquals(m.client(), r.client(), where);
            assertEquals("tx-" + from, r.sender().orElseThrow(), where);
            assertTrue(r.persistent(), where);
            Payload expectedPayload = Payloads.encode(c.sent(), senderCodecs.get(from));
            Payload payload = r.payload().orElseThrow();
            assertEquals(expectedPayload.contentType(), payload.contentType(), where);
            assertArrayEquals(expectedPayload.bytes(), payload.bytes(), where + ": the payload bytes as the sender made them");
            assertData(c, r.data(), where);
        }
    }

    @Test
    void typedDataTurnsPayloadsBackIntoTheirTypesAcrossCodecs() throws Exception {
        for (String to : CODECS) {
            BroadcastMessage json = send("json", to, TICK);
            BroadcastMessage kryo = send("kryo", to, TICK);
            Timestamp ts = Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5).build();
            BroadcastMessage protobuf = send("protobuf", to, ts);

            assertEquals(TICK, json.data(Tick.class), "json → " + to + ": a JSON object read as the record");
            assertEquals(TICK, kryo.data(Tick.class), "kryo → " + to);
            assertEquals(ts, protobuf.data(Timestamp.class), "protobuf → " + to);
            assertEquals(3, send("protobuf", to, 3.0).data(Integer.class), "protobuf → " + to + ": an exact number converts");
        }
    }

    @Test
    void aTypeTheSendersCodecCannotEncodeIsRefusedWhenSending() {
        BroadcastMessage m = BroadcastMessage.createClientMessage("rx-json", new BigDecimal("1.50"));

        CodecException e = assertThrows(CodecException.class, () -> senders.get("protobuf").sendMessage(m));
        assertTrue(e.getMessage().startsWith("the protobuf codec cannot encode a java.math.BigDecimal"), e.getMessage());
    }

    @Test
    void withoutTheKryoSettingAReceiverCannotReadARegisteredClassButReadsThePlainValues() throws Exception {
        BroadcastMessage record = sendTo(senders.get("kryo"), "bare", TICK);
        BroadcastMessage map = sendTo(senders.get("kryo"), "bare", new LinkedHashMap<>(Map.of("a", 1)));

        CodecException e = assertThrows(CodecException.class, record::data);
        assertTrue(e.getMessage().startsWith("kryo payload names class id 100, which is not registered here"), e.getMessage());
        assertArrayEquals(Payloads.encode(TICK, senderCodecs.get("kryo")).bytes(), record.payload().orElseThrow().bytes(),
                "the raw bytes are there");
        assertEquals(Map.of("a", 1), map.data());
    }

    @Test
    void aCodecSettingTheCodecRefusesFailsWhenTheClientIsMade() {
        BroadcastConfig config = BroadcastConfig.builder().port(hub.port()).codecSetting("kryo", "colour", "blue").build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BroadcastTcpClient(config));
        assertTrue(e.getMessage().startsWith("codec \"kryo\" has no setting colour; supported settings: ["), e.getMessage());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Sends data from a codec's sender to a codec's receiver, directly; the received message. */
    private static BroadcastMessage send(String from, String to, Object data) throws Exception {
        return sendTo(senders.get(from), to, data);
    }

    private static BroadcastMessage sendTo(BroadcastTcpClient sender, String to, Object data) throws Exception {
        Inbox inbox = to.equals("bare") ? bareInbox : inboxes.get(to);
        BroadcastMessage m = to.equals("bare") ? BroadcastMessage.createChannelMessage("bare", data)
                : BroadcastMessage.createClientMessage("rx-" + to, data);
        assertTrue(sender.sendMessage(m).toCompletableFuture().get(20, TimeUnit.SECONDS).accepted());
        Await.until(() -> inbox.ids().contains(m.id()), WAIT, () -> "message " + m.id() + " at " + to);
        return inbox.messages().stream().filter(r -> r.id().equals(m.id())).findFirst().orElseThrow();
    }

    private static void assertData(Case c, Object data, String where) {
        if (c.expected() == null) {
            assertEquals(null, data, where);
            return;
        }
        assertInstanceOf(c.type(), data, where);
        if (c.expected() instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) data, where);
        } else if (c.expected() instanceof int[] ints) {
            assertArrayEquals(ints, (int[]) data, where);
        } else if (c.expected() instanceof Object[] array) {
            assertTrue(Arrays.deepEquals(array, (Object[]) data), where + ": " + Arrays.deepToString((Object[]) data));
        } else {
            assertEquals(c.expected(), data, where);
        }
    }

    /** The payload types a codec documents, and what each becomes on the receiving side (README, codec docs). */
    static List<Case> cases(String codec) {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("text", "price ✓ 📈", "price ✓ 📈", String.class),
                new Case("bytes", new byte[] {0, 1, 2, (byte) 0xff}, new byte[] {0, 1, 2, (byte) 0xff}, byte[].class)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("symbol", "ACME");
        map.put("qty", 100);
        map.put("legs", List.of("x", 2.5));
        List<Object> list = List.of(1, "two", Map.of("k", false));
        switch (codec) {
            case "json" -> cases.addAll(List.of(
                    new Case("int", 42, 42, Integer.class),
                    new Case("short", (short) 7, 7, Integer.class),
                    new Case("long", 1L << 40, 1L << 40, Long.class),
                    new Case("small-long", 5L, 5, Integer.class),
                    new Case("big", BigInteger.TEN.pow(30), BigInteger.TEN.pow(30), BigInteger.class),
                    new Case("float", 2.5f, 2.5, Double.class),
                    new Case("double", 2.5, 2.5, Double.class),
                    new Case("decimal", new BigDecimal("1.50"), 1.5, Double.class),
                    new Case("uuid", new UUID(1, 2), new UUID(1, 2).toString(), String.class),
                    new Case("set", Set.of(1), List.of(1), ArrayList.class),
                    new Case("boolean", true, true, Boolean.class),
                    new Case("null", null, null, Object.class),
                    new Case("map", map, map, LinkedHashMap.class),
                    new Case("list", list, list, ArrayList.class),
                    new Case("record", TICK, Map.of("symbol", "ACME", "price", 12.5, "qty", 100), LinkedHashMap.class)));
            case "protobuf" -> cases.addAll(List.of(
                    new Case("int", 42, 42, Integer.class),
                    new Case("short", (short) 7, 7, Integer.class),
                    new Case("byte", (byte) 3, 3, Integer.class),
                    new Case("long", 1L << 40, 1L << 40, Long.class),
                    new Case("float", 2.5f, 2.5f, Float.class),
                    new Case("double", 2.5, 2.5, Double.class),
                    new Case("boolean", true, true, Boolean.class),
                    new Case("null", null, null, Object.class),
                    new Case("set", Set.of(1), List.of(1.0), List.class),
                    new Case("map", map, Map.of("symbol", "ACME", "qty", 100.0, "legs", List.of("x", 2.5)), Map.class),
                    new Case("list", list, List.of(1.0, "two", Map.of("k", false)), List.class),
                    new Case("message", Timestamp.newBuilder().setSeconds(1_700_000_000L).build(),
                            Timestamp.newBuilder().setSeconds(1_700_000_000L).build(), Timestamp.class)));
            case "kryo" -> cases.addAll(List.of(
                    new Case("int", 42, 42, Integer.class),
                    new Case("short", (short) 7, (short) 7, Short.class),
                    new Case("byte", (byte) 3, (byte) 3, Byte.class),
                    new Case("char", 'x', 'x', Character.class),
                    new Case("long", 1L << 40, 1L << 40, Long.class),
                    new Case("big", BigInteger.TEN.pow(30), BigInteger.TEN.pow(30), BigInteger.class),
                    new Case("float", 2.5f, 2.5f, Float.class),
                    new Case("decimal", new BigDecimal("1.50"), new BigDecimal("1.50"), BigDecimal.class),
                    new Case("boolean", true, true, Boolean.class),
                    new Case("null", null, null, Object.class),
                    new Case("uuid", new UUID(1, 2), new UUID(1, 2), UUID.class),
                    new Case("instant", Instant.ofEpochSecond(1_700_000_000L, 5), Instant.ofEpochSecond(1_700_000_000L, 5),
                            Instant.class),
                    new Case("map", map, map, LinkedHashMap.class),
                    new Case("list", list, list, ArrayList.class),
                    new Case("array", new Integer[] {1, 2}, new Object[] {1, 2}, Object[].class),
                    new Case("int-array", new int[] {1, 2}, new int[] {1, 2}, int[].class),
                    new Case("set", Set.of(1), Set.of(1), LinkedHashSet.class),
                    new Case("record", TICK, TICK, Tick.class)));
            default -> throw new IllegalArgumentException(codec);
        }
        return cases;
    }
}
