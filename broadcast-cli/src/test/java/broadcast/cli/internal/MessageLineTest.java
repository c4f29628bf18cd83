package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Providers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The line {@code sub} prints for each message: a contract with the scripts that read it. */
class MessageLineTest {

    private static final Codec JSON = Providers.installed().codec("json", Map.of());
    private static final Codec KRYO = Providers.installed().codec("kryo", Map.of());

    /** A message as a client receives it: a payload, a sender, the hub's id. */
    private static BroadcastMessage received(String channel, String client, String name, boolean persistent,
                                             Object data, Codec codec) {
        Payload payload = broadcast.api.spi.Payloads.encode(data, codec);
        return BroadcastMessage.builder().id("m1").sender("client-7").channel(channel).client(client).name(name)
                .persistent(persistent).payload(payload, codec).build();
    }

    @Test
    void printsEveryKeyInOrderAbsentOnesAsNull() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("hello", 1);
        data.put("list", List.of("a", 2.5));
        assertEquals("{\"id\":\"m1\",\"sender\":\"client-7\",\"channel\":\"news\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":{\"hello\":1,\"list\":[\"a\",2.5]}}",
                MessageLine.format(received("news", null, null, true, data, JSON)));
        assertEquals("{\"id\":\"m1\",\"sender\":\"client-7\",\"channel\":null,\"client\":\"me\",\"name\":\"greeting\","
                + "\"persistent\":false,\"data\":\"hi\"}",
                MessageLine.format(received(null, "me", "greeting", false, "hi", JSON)));
    }

    @Test
    void escapesControlAndNonAsciiCharactersOfTextAndNames() {
        String line = MessageLine.format(received("caf\u00e9", null, null, true, "line 1\nline 2\t\u0001 \u00e9\u20ac \"q\"", JSON));
        assertEquals("{\"id\":\"m1\",\"sender\":\"client-7\",\"channel\":\"caf\\u00E9\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":\"line 1\\nline 2\\t\\u0001 \\u00E9\\u20AC \\\"q\\\"\"}", line);
        assertEquals(-1, line.indexOf('\n'), "one line");
    }

    @Test
    void bytesAndValuesThatAreNotJsonArePrintedAsContentTypeAndBase64() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, 'a'};
        assertEquals("{\"id\":\"m1\",\"sender\":\"client-7\",\"channel\":\"bin\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":{\"contentType\":\"application/octet-stream\",\"base64\":\"AAEC/2E=\"}}",
                MessageLine.format(received("bin", null, null, true, bytes, JSON)));
        UUID uuid = UUID.fromString("00000000-0000-0001-0000-000000000002");
        BroadcastMessage kryo = received("k", null, null, true, uuid, KRYO);
        String expected = Base64.getEncoder().encodeToString(kryo.payload().orElseThrow().bytes());
        assertEquals("{\"id\":\"m1\",\"sender\":\"client-7\",\"channel\":\"k\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":{\"contentType\":\"application/x-kryo\",\"base64\":\"" + expected + "\"}}",
                MessageLine.format(kryo));
    }

    @Test
    void aPayloadNoInstalledCodecReadsIsPrintedAsItsBytes() {
        Payload unknown = new Payload("application/x-yaml", "a: 1".getBytes(StandardCharsets.UTF_8));
        BroadcastMessage m = BroadcastMessage.builder().id("m2").sender("s").channel("c").payload(unknown, null).build();
        assertEquals("{\"id\":\"m2\",\"sender\":\"s\",\"channel\":\"c\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":{\"contentType\":\"application/x-yaml\",\"base64\":\"YTogMQ==\"}}",
                MessageLine.format(m));
        Payload broken = new Payload("application/json", "{not json".getBytes(StandardCharsets.UTF_8));
        BroadcastMessage b = BroadcastMessage.builder().id("m3").sender("s").channel("c").payload(broken, JSON).build();
        assertEquals("{\"id\":\"m3\",\"sender\":\"s\",\"channel\":\"c\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":{\"contentType\":\"application/json\",\"base64\":\"e25vdCBqc29u\"}}",
                MessageLine.format(b));
    }

    @Test
    void jsonValuesFromOtherCodecsArePrintedAsJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("n", 7);
        data.put("s", "x");
        assertEquals("{\"id\":\"m1\",\"sender\":\"client-7\",\"channel\":\"k\",\"client\":null,\"name\":null,"
                + "\"persistent\":true,\"data\":{\"n\":7,\"s\":\"x\"}}",
                MessageLine.format(received("k", null, null, true, data, KRYO)));
    }
}
