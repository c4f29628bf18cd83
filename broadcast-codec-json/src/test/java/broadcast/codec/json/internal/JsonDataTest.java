package broadcast.codec.json.internal;

import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Payloads;
import broadcast.api.spi.ProviderConfig;
import broadcast.codec.json.events.PriceTick;
import broadcast.codec.json.hidden.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Payload data: natural values, typed values, numbers, module access, limits. */
class JsonDataTest {

    private static final PriceTick TICK = new PriceTick("ACME", new BigDecimal("101.2500"), 1_000_000_000_000L, -0.5,
            List.of("XNAS", "XLON"), Map.of("bid", 3), PriceTick.Side.SELL, new PriceTick.Nested("ünï 📈", null));

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());

    @BeforeAll
    static void exportEventsToJackson() {
        // what a user's module-info does with: exports broadcast.codec.json.events to com.fasterxml.jackson.databind
        JsonDataTest.class.getModule().addExports(PriceTick.class.getPackageName(), ObjectMapper.class.getModule());
    }

    @Test
    void aRecordInAnExportedPackageDecodesToItsTypeAndNaturallyToAMap() {
        byte[] bytes = codec.encodeData(TICK);
        assertEquals(TICK, codec.decodeData(ByteBuffer.wrap(bytes), PriceTick.class));
        Object natural = codec.decodeData(ByteBuffer.wrap(bytes));
        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, natural);
        assertEquals(List.of("symbol", "price", "volume", "change", "venues", "depth", "side", "nested"),
                new ArrayList<>(map.keySet()));
        assertEquals(101.25, map.get("price"));
        assertEquals(1_000_000_000_000L, map.get("volume"));
        assertEquals("SELL", map.get("side"));
    }

    @Test
    void aRecordInAPackageNotExportedToJacksonFailsWithTheRule() {
        CodecException encode = assertThrows(CodecException.class, () -> codec.encodeData(new Secret("s")));
        assertTrue(encode.getMessage().startsWith("cannot encode broadcast.codec.json.hidden.Secret as JSON: "),
                encode.getMessage());
        assertTrue(encode.getMessage().contains("exported (for a public record)"), encode.getMessage());
        assertTrue(encode.getMessage().contains("com.fasterxml.jackson.databind"), encode.getMessage());

        ByteBuffer json = utf8("{\"value\":\"s\"}");
        CodecException decode = assertThrows(CodecException.class, () -> codec.decodeData(json, Secret.class));
        assertTrue(decode.getMessage().startsWith("cannot decode JSON data as broadcast.codec.json.hidden.Secret: "),
                decode.getMessage());
        assertTrue(decode.getMessage().contains("opened (for other classes)"), decode.getMessage());
    }

    @Test
    void fieldsTheTypeDoesNotHaveAreIgnored() {
        ByteBuffer json = utf8("{\"note\":\"n\",\"addedLater\":{\"x\":[1,2]},\"flag\":true}");
        assertEquals(new PriceTick.Nested("n", true), codec.decodeData(json, PriceTick.Nested.class));
    }

    @Test
    void aWrongTypeNamesThePathAndTheTargetType() {
        ByteBuffer json = utf8("{\"note\":\"n\",\"flag\":[1]}");
        CodecException e = assertThrows(CodecException.class, () -> codec.decodeData(json, PriceTick.Nested.class));
        assertTrue(e.getMessage().startsWith("cannot decode JSON data as " + PriceTick.Nested.class.getName()),
                e.getMessage());
        assertTrue(e.getMessage().contains("$.flag"), e.getMessage());
    }

    @Test
    void wholeNumbersTakeTheSmallestTypeThatHoldsThem() {
        assertEquals(7, decode("7"));
        assertEquals(-2147483648, decode("-2147483648"));
        assertEquals(2147483648L, decode("2147483648"));
        assertEquals(Long.MIN_VALUE, decode("-9223372036854775808"));
        assertEquals(new BigInteger("9223372036854775808"), decode("9223372036854775808"));
    }

    @Test
    void otherNumbersAreDoublesUnlessBeyondTheirRange() {
        assertEquals(1.5, decode("1.5"));
        assertEquals(100.0, decode("1e2"));
        assertEquals(-0.0, decode("-0.0"));
        assertEquals(new BigDecimal("1e400"), decode("1e400"));
        assertEquals(new BigDecimal("-2.5E+999"), decode("-2.5E+999"));
        assertEquals(List.of(new BigDecimal("1e400"), 1.0), decode("[1e400, 1.0]"));
        assertEquals(Double.POSITIVE_INFINITY, codec.decodeData(utf8("1e400"), double.class));
        assertEquals(new BigDecimal("1e400"), codec.decodeData(utf8("1e400"), BigDecimal.class));
    }

    @Test
    void nanAndInfinityTravelAsStrings() {
        assertEquals("[\"NaN\",\"Infinity\",\"-Infinity\"]", new String(codec.encodeData(
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}), StandardCharsets.UTF_8));
        assertEquals(List.of("NaN"), decode("[\"NaN\"]"));
        assertTrue(Double.isNaN(codec.decodeData(utf8("\"NaN\""), double.class)));
    }

    @Test
    void naturalAndCollectionTypesCanBeRequested() {
        assertInstanceOf(LinkedHashMap.class, codec.decodeData(utf8("{\"a\":1}"), Map.class));
        assertEquals(List.of(1, "x"), codec.decodeData(utf8("[1,\"x\"]"), List.class));
        assertEquals("text", codec.decodeData(utf8("\"text\""), String.class));
        assertEquals(42L, codec.decodeData(utf8("42"), Long.class));
        assertEquals(Boolean.TRUE, codec.decodeData(utf8("true"), Boolean.class));
        assertEquals(Map.of("a", 1), codec.decodeData(utf8("{\"a\":1}"), Object.class));
    }

    @Test
    void payloadsRouteStringsAndBytesAroundTheCodecAndTheRestThroughIt() {
        Payload map = Payloads.encode(Map.of("k", List.of(1, 2)), codec);
        assertEquals("application/json", map.contentType());
        assertEquals("{\"k\":[1,2]}", new String(map.bytes(), StandardCharsets.UTF_8));
        assertEquals(Map.of("k", List.of(1, 2)), Payloads.decode(map, codec));
        assertEquals(TICK, Payloads.decode(Payloads.encode(TICK, codec), codec, PriceTick.class));
        Payload nothing = Payloads.encode(null, codec);
        assertEquals("null", new String(nothing.bytes(), StandardCharsets.UTF_8));
        assertEquals(null, Payloads.decode(nothing, codec));
    }

    @Test
    void dataDeeperThanTheLimitIsRefusedBothWays() {
        Codec shallow = new JsonCodecProvider().create(ProviderConfig.of("codec \"json\"",
                Map.of("max-nesting-depth", "10")));
        assertNotNull(shallow.decodeData(utf8("[".repeat(10) + "]".repeat(10))));
        CodecException read = assertThrows(CodecException.class,
                () -> shallow.decodeData(utf8("[".repeat(11) + "]".repeat(11))));
        assertTrue(read.getMessage().contains("nesting depth (11) exceeds the maximum allowed (10"), read.getMessage());

        Object deep = List.of();
        for (int i = 0; i < 11; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        CodecException write = assertThrows(CodecException.class, () -> shallow.encodeData(tooDeep));
        assertTrue(write.getMessage().startsWith("cannot encode java.util."), write.getMessage());
        assertTrue(write.getMessage().contains("nesting depth"), write.getMessage());
    }

    @Test
    void aMapContainingItselfIsRefusedNotAStackOverflow() {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("self", loop);
        CodecException e = assertThrows(CodecException.class, () -> codec.encodeData(loop));
        assertTrue(e.getMessage().startsWith("cannot encode java.util.LinkedHashMap as JSON"), e.getMessage());
    }

    @Test
    void aTypeJacksonCannotWriteIsRefusedNamingIt() {
        CodecException e = assertThrows(CodecException.class, () -> codec.encodeData(new Object()));
        assertTrue(e.getMessage().startsWith("cannot encode java.lang.Object as JSON: "), e.getMessage());
        CodecException time = assertThrows(CodecException.class, () -> codec.encodeData(java.time.Instant.EPOCH));
        assertTrue(time.getMessage().startsWith("cannot encode java.time.Instant as JSON: "), time.getMessage());
        CodecException optional = assertThrows(CodecException.class, () -> codec.encodeData(Optional.of(1)));
        assertTrue(optional.getMessage().startsWith("cannot encode java.util.Optional as JSON: "), optional.getMessage());
    }

    private Object decode(String json) {
        return codec.decodeData(utf8(json));
    }

    static ByteBuffer utf8(String json) {
        return ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    }
}
