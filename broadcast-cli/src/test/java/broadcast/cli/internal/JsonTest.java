package broadcast.cli.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void dataIsJsonWhenItParsesAsJsonOtherwiseTheTextItself() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("hello", 1);
        expected.put("list", Arrays.asList(true, null, 2.5, "x"));
        assertEquals(expected, Json.parseOrText("{\"hello\":1,\"list\":[true,null,2.5,\"x\"]}"));
        assertEquals(42, Json.parseOrText("42"));
        assertEquals(12_345_678_901L, Json.parseOrText(" 12345678901 "));
        assertEquals(new BigInteger("123456789012345678901234567890"), Json.parseOrText("123456789012345678901234567890"));
        assertEquals("quoted text", Json.parseOrText("\"quoted text\""));
        assertEquals(null, Json.parseOrText("null"));
        assertEquals(true, Json.parseOrText("true"));
        // not JSON: the text as it is
        assertEquals("hello world", Json.parseOrText("hello world"));
        assertEquals("{\"a\":1} trailing", Json.parseOrText("{\"a\":1} trailing"));
        assertEquals("{'a':1}", Json.parseOrText("{'a':1}"));
        assertEquals("", Json.parseOrText(""));
        assertEquals("1 2", Json.parseOrText("1 2"));
        assertEquals("NaN", Json.parseOrText("NaN"));
    }

    @Test
    void jsonValuesAreMapsWithStringKeysListsTextNumbersBooleansAndNull() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", List.of(1, 2L, 3.5, new BigDecimal("1.25"), BigInteger.TEN, (short) 4, (byte) 5, 1.5f));
        nested.put("b", null);
        assertTrue(Json.isJsonValue(nested));
        assertTrue(Json.isJsonValue(null));
        assertTrue(Json.isJsonValue("text"));
        assertFalse(Json.isJsonValue(new byte[] {1, 2}));
        assertFalse(Json.isJsonValue(Map.of(1, "integer key")));
        assertFalse(Json.isJsonValue(List.of(UUID.randomUUID())));
        assertFalse(Json.isJsonValue(Set.of("a set")));
        assertFalse(Json.isJsonValue(Double.NaN));
        assertFalse(Json.isJsonValue(Float.POSITIVE_INFINITY));
        assertFalse(Json.isJsonValue(new Object()));
    }

    @Test
    void writesOneAsciiLineEscapingControlAndNonAsciiCharacters() {
        String text = "quote \" backslash \\ slash / newline \n cr \r tab \t bell \u0007 nul \u0000 del \u007f"
                + " e-acute \u00e9 euro \u20ac line-separator \u2028 emoji \uD83D\uDE00";
        String written = Json.write(text);
        assertEquals("\"quote \\\" backslash \\\\ slash / newline \\n cr \\r tab \\t bell \\u0007 nul \\u0000 del \u007f"
                + " e-acute \\u00E9 euro \\u20AC line-separator \\u2028 emoji \\uD83D\\uDE00\"", written);
        assertTrue(written.chars().allMatch(c -> c >= 0x20 && c < 0x80), written);
        assertEquals(text, Json.parseOrText(written), "reads back as the same text");
    }

    @Test
    void writesNumbersListsAndMapsInOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", new ArrayList<>(List.of(2L, 2.5, new BigDecimal("0.10"), BigInteger.TWO.pow(70))));
        m.put("n", null);
        m.put("t", true);
        assertEquals("{\"z\":1,\"a\":[2,2.5,0.10,1180591620717411303424],\"n\":null,\"t\":true}", Json.write(m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("u", UUID.randomUUID())));
        assertTrue(e.getMessage().contains("java.util.UUID"), e.getMessage());
    }
}
