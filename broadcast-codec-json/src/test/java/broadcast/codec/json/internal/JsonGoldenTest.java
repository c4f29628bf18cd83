package broadcast.codec.json.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;
import broadcast.codec.json.events.PriceTick;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The wire form is a contract: {@code golden/json-frames.txt} holds the exact bytes of a fixed set
 * of headers and payloads. Each must decode to the value named here, and each value must encode to
 * exactly those bytes. Lines of the form {@code accepts:KIND} are read-only: other writers may send
 * them, this codec never writes them.
 */
class JsonGoldenTest {

    static final String GOLDEN = "/golden/json-frames.txt";

    static final Map<String, Frame> FRAMES = new LinkedHashMap<>();
    static final Map<String, Object> PAYLOADS = new LinkedHashMap<>();

    static {
        FRAMES.put("data-minimal", new Frame.Data("0PxQ3kZ7a1B2c3D4e5F6g7", null, null, null, null, false, 0,
                "application/json", 0));
        FRAMES.put("data-full", new Frame.Data("0PxQ3kZ7a1B2c3D4e5F6g8", "orders-service", "billing", "orders.eu",
                "order-created", true, 1_767_225_600_000L, "application/json",
                Frame.Data.OUTCOME_REQUESTED | Frame.Data.REDELIVERED));
        FRAMES.put("data-unicode", new Frame.Data("id-ünï", "клиент", null, "📈 prices", "שלום \"q\" \\ /\n\t\u0001\u2028",
                false, 0, "text/plain;charset=utf-8", 0));
        FRAMES.put("data-record", new Frame.Data("0PxQ3kZ7a1B2c3D4e5F6g9", "ticker", null, "prices", "tick", false, 0,
                "application/json", 0));
        FRAMES.put("subscribe", new Frame.Subscribe(1, List.of("prices", "orders.eu", "📈")));
        FRAMES.put("subscribe-none", new Frame.Subscribe(2, List.of()));
        FRAMES.put("unsubscribe", new Frame.Unsubscribe(Long.MAX_VALUE, List.of("prices")));
        FRAMES.put("suback", new Frame.SubAck(1, List.of()));
        FRAMES.put("suback-refused", new Frame.SubAck(3, List.of(
                new Frame.Refusal("admin", ErrorCode.FORBIDDEN, "not allowed"),
                new Frame.Refusal("x", ErrorCode.LIMIT_EXCEEDED, null))));
        FRAMES.put("ack", new Frame.Ack(List.of("0PxQ3kZ7a1B2c3D4e5F6g7", "0PxQ3kZ7a1B2c3D4e5F6g8")));
        FRAMES.put("outcome", new Frame.Outcomes(List.of(Outcome.delivered("a"), Outcome.queued("b"),
                Outcome.notDelivered("c", Outcome.Reason.QUEUE_FULL, "queue 'orders' holds 100000 messages"),
                Outcome.notDelivered("d", Outcome.Reason.NO_RECIPIENT, ""))));
        FRAMES.put("error", new Frame.Error(ErrorCode.CODEC_ERROR, "invalid DATA header: field \"id\" is missing"));
        FRAMES.put("error-bare", new Frame.Error(ErrorCode.SHUTTING_DOWN, null));
        FRAMES.put("accept-unknown-fields", new Frame.Data("m", null, null, "c", null, true, 0, "application/json", 0));
        FRAMES.put("accept-nulls-spaces-order", new Frame.Data("m", null, null, null, null, true, 5, "application/json", 0));
        FRAMES.put("accept-null-optionals", new Frame.Data("m", null, null, null, null, false, 0, "application/json", 0));
        FRAMES.put("accept-null-refused", new Frame.SubAck(4, List.of()));
        FRAMES.put("accept-escapes", new Frame.Data("m", null, null, "📈 /", null, false, 0, "application/json", 0));
        FRAMES.put("accept-unknown-reason", new Frame.Outcomes(List.of(
                Outcome.notDelivered("m", Outcome.Reason.OTHER, "later"))));

        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", 42);
        order.put("total", 99.95);
        order.put("items", List.of("book", "pen"));
        order.put("gift", false);
        order.put("note", null);
        PAYLOADS.put("data-full", order);
        PAYLOADS.put("data-minimal", null);
        PAYLOADS.put("data-record", new PriceTick("ACME", new BigDecimal("101.2500"), 1_000_000_000_000L, -0.5,
                List.of("XNAS", "XLON"), Map.of("bid", 3), PriceTick.Side.SELL, new PriceTick.Nested("ünï 📈", null)));
        PAYLOADS.put("numbers", Arrays.asList(0, -1, 2147483648L, Long.MIN_VALUE, new BigInteger("18446744073709551616"),
                1.5, -0.0, 1.0E-300, new BigDecimal("1.5E+400"), true, null));
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("text", "日本語 📈");
        text.put("family", "👩‍👩‍👧‍👦");
        text.put("escapes", "\"\\/\n\u0000\u2028");
        text.put("empty", Map.of());
        text.put("none", List.of());
        PAYLOADS.put("text", text);
    }

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());

    @BeforeAll
    static void exportEventsToJackson() {
        JsonGoldenTest.class.getModule().addExports(PriceTick.class.getPackageName(), ObjectMapper.class.getModule());
    }

    @Test
    void everyGoldenHeaderDecodesToItsFrameAndItsFrameEncodesToExactlyThoseBytes() throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        for (Entry entry : entries()) {
            if (entry.form().equals("payload")) {
                continue;
            }
            Frame expected = FRAMES.get(entry.name());
            assertNotNull(expected, "no expected frame for golden case " + entry.name());
            seen.add(entry.name());
            boolean readOnly = entry.form().startsWith("accepts:");
            FrameKind kind = FrameKind.valueOf(readOnly ? entry.form().substring("accepts:".length()) : entry.form());
            assertEquals(expected, codec.decodeHeader(kind, ByteBuffer.wrap(entry.bytes())), entry.name());
            if (!readOnly) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                codec.encodeHeader(expected, out);
                assertBytes(entry, out.toByteArray());
            }
        }
        assertEquals(new TreeSet<>(FRAMES.keySet()), seen, "cases in the golden file");
    }

    @Test
    void everyGoldenPayloadDecodesToItsValueAndItsValueEncodesToExactlyThoseBytes() throws IOException {
        TreeSet<String> seen = new TreeSet<>();
        for (Entry entry : entries()) {
            if (!entry.form().equals("payload")) {
                continue;
            }
            assertTrue(PAYLOADS.containsKey(entry.name()), "no expected payload for golden case " + entry.name());
            Object expected = PAYLOADS.get(entry.name());
            seen.add(entry.name());
            assertBytes(entry, codec.encodeData(expected));
            Object decoded = expected instanceof Record
                    ? codec.decodeData(ByteBuffer.wrap(entry.bytes()), expected.getClass())
                    : codec.decodeData(ByteBuffer.wrap(entry.bytes()));
            assertEquals(expected, decoded, entry.name());
        }
        assertEquals(new TreeSet<>(PAYLOADS.keySet()), seen, "payload cases in the golden file");
    }

    private static void assertBytes(Entry entry, byte[] actual) {
        if (!Arrays.equals(entry.bytes(), actual)) {
            fail("case " + entry.name() + " (" + entry.form() + ") encodes differently from the golden file\n"
                    + "expected: " + new String(entry.bytes(), StandardCharsets.UTF_8) + "\n"
                    + "actual:   " + new String(actual, StandardCharsets.UTF_8));
        }
    }

    /** A line of the golden file: case name, form, and the exact JSON bytes after the second space. */
    record Entry(String name, String form, byte[] bytes) {
    }

    static List<Entry> entries() throws IOException {
        byte[] file;
        try (InputStream in = JsonGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertNotNull(in, GOLDEN);
            file = in.readAllBytes();
        }
        List<Entry> entries = new ArrayList<>();
        int start = 0;
        while (start < file.length) {
            int end = start;
            while (end < file.length && file[end] != '\n') {
                end++;
            }
            byte[] line = Arrays.copyOfRange(file, start, end);
            start = end + 1;
            if (line.length == 0 || line[0] == '#') {
                continue;
            }
            int first = indexOf(line, 0);
            int second = indexOf(line, first + 1);
            entries.add(new Entry(ascii(line, 0, first), ascii(line, first + 1, second),
                    Arrays.copyOfRange(line, second + 1, line.length)));
        }
        return entries;
    }

    private static int indexOf(byte[] line, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] == ' ') {
                return i;
            }
        }
        throw new AssertionError("golden line without three parts: " + new String(line, StandardCharsets.UTF_8));
    }

    private static String ascii(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }
}
