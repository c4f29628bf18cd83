package broadcast.cli.internal.bench;

import broadcast.cli.internal.Cli;
import broadcast.cli.internal.Environment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small runs of every workload against a hub in this JVM (and, for connections, a hub process). */
class BenchRunTest {

    private static List<JsonNode> bench(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new Cli(Environment.none(), new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err, true)).run(args);
        assertEquals(0, status, out + "\n" + err);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    private static void assertChecked(JsonNode r, long messages, long deliveries) {
        assertEquals(messages, r.get("messages").asLong(), r.toString());
        assertEquals(deliveries, r.get("deliveries").asLong(), r.toString());
        for (String key : List.of("lost", "duplicates", "out_of_order", "rejected")) {
            assertEquals(0, r.get(key).asLong(), key + " in " + r);
        }
        assertTrue(r.get("ok").asBoolean(), r.toString());
    }

    @Test
    void throughputAndLatencyWorkloadsCheckWhatTheyMeasure() throws Exception {
        List<JsonNode> results = bench("bench", "fanout", "stream", "latency", "large", "durable", "--count", "300",
                "--warmup", "30", "--size", "256", "--json");
        assertEquals(List.of("fanout", "stream", "latency", "large", "durable"),
                results.stream().map(r -> r.get("workload").asText()).toList());
        assertChecked(results.get(0), 300, 330 * 4);
        assertEquals(4, results.get(0).get("subscribers").asInt());
        assertChecked(results.get(1), 300, 330);
        assertChecked(results.get(2), 300, 300);
        assertChecked(results.get(3), 300, 330);
        assertChecked(results.get(4), 300, 330);
        assertTrue(results.get(4).get("persistent").asBoolean(), "durable is persistent");
        for (JsonNode r : results) {
            assertEquals(256, r.get("size").asInt());
            assertEquals("in-process", r.get("hub").asText());
            assertEquals("memory", r.get("store").asText());
            assertTrue(r.get("msgs_per_s").asDouble() > 0, r.toString());
        }
        JsonNode latency = results.get(2);
        assertTrue(latency.get("p50_us").asDouble() > 0 && latency.get("p50_us").asDouble() <= latency.get("p99_us").asDouble()
                && latency.get("p99_us").asDouble() <= latency.get("p999_us").asDouble(), latency.toString());
        assertTrue(results.get(1).get("mb_per_s").isNumber());
        assertTrue(results.get(1).get("p50_us").isNull());
    }

    @Test
    void theMapPayloadIsEncodedAndDecodedByEachCodec() throws Exception {
        for (String codec : List.of("json", "protobuf", "kryo")) {
            JsonNode r = bench("bench", "stream", "--count", "200", "--payload", "map", "--codec", codec, "--persistent",
                    "--json").get(0);
            assertChecked(r, 200, 220);
            assertEquals("map", r.get("payload").asText());
            assertEquals(codec, r.get("codec").asText());
            assertTrue(r.get("persistent").asBoolean());
        }
    }

    @Test
    void aShortSoakChecksEveryPersistentMessageAndSamplesTheHubsMemory() throws Exception {
        JsonNode r = bench("bench", "soak", "--clients", "30", "--publishers", "5", "--duration", "1", "--json").get(0);
        assertEquals("soak", r.get("workload").asText());
        assertEquals("child process", r.get("hub").asText());
        assertTrue(r.get("ok").asBoolean(), r.toString());
        long persistent = r.get("deliveries").asLong();
        assertTrue(persistent > 0 && persistent % (5 * 4) == 0, "every checker got every persistent message: " + r);
        for (String key : List.of("lost", "duplicates", "out_of_order", "rejected")) {
            assertEquals(0, r.get(key).asLong(), key + " in " + r);
        }
    }

    @Test
    void connectionsMeasureTheMemoryOfAHubProcess() throws Exception {
        JsonNode r = bench("bench", "connections", "--clients", "20", "--json").get(0);
        assertEquals("connections", r.get("workload").asText());
        assertEquals(20, r.get("messages").asInt());
        assertEquals(20, r.get("deliveries").asInt(), "clients connected");
        assertEquals("child process", r.get("hub").asText());
        assertNotNull(r.get("rss_kib_per_client").numberValue(), r.toString());
        assertTrue(r.get("heap_kib_per_client").isNumber() || r.get("heap_kib_per_client").isNull(), r.toString());
        assertTrue(r.get("ok").asBoolean(), r.toString());
    }

    @Test
    void backlogDrainsAQueuedBacklogFromAHubProcessAndReadsItsHeap() throws Exception {
        JsonNode r = bench("bench", "backlog", "--store", "h2", "--count", "500", "--json").get(0);
        assertEquals("backlog", r.get("workload").asText());
        assertChecked(r, 500, 500);
        assertEquals("child process", r.get("hub").asText());
        assertEquals("h2", r.get("store").asText());
        assertTrue(r.get("persistent").asBoolean());
        assertTrue(r.get("msgs_per_s").asDouble() > 0, r.toString());
        assertTrue(r.get("hub_heap_mib_filled").isNumber() || r.get("hub_heap_mib_filled").isNull(), r.toString());
        assertTrue(r.get("hub_heap_mib_end").isNumber() || r.get("hub_heap_mib_end").isNull(), r.toString());
    }
}
