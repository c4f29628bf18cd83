package broadcast.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code broadcast server}, {@code sub} and {@code pub} as real processes, checked on what they
 * print and how they exit: the formats and statuses scripts rely on.
 */
class CommandProcessTest {

    private static final Pattern LISTENING = Pattern.compile("broadcast hub listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern OUTCOME = Pattern.compile("([A-Za-z0-9_-]+) (DELIVERED|QUEUED|NOT_DELIVERED [A-Z_]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CommandProcess server;
    private static String port;

    @BeforeAll
    static void startServer() throws Exception {
        server = CommandProcess.start("server", "--port", "0");
        String line = server.awaitOut(1).get(0);
        Matcher m = LISTENING.matcher(line);
        assertTrue(m.matches(), "the first line: " + line);
        port = m.group(1);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs pub to the end. @return its outcome lines, split into id and outcome */
    private static List<String[]> pub(int status, String... args) throws Exception {
        try (CommandProcess pub = CommandProcess.start(withPort("pub", args))) {
            assertEquals(status, pub.exit(), pub.toString());
            return pub.out().stream().map(line -> {
                Matcher m = OUTCOME.matcher(line);
                assertTrue(m.matches(), "an outcome line: " + line);
                return new String[] {m.group(1), m.group(2)};
            }).toList();
        }
    }

    private static String[] withPort(String command, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = command;
        all[1] = "--port";
        all[2] = port;
        System.arraycopy(args, 0, all, 3, args.length);
        return all;
    }

    private static CommandProcess subscribed(String... args) throws Exception {
        CommandProcess sub = CommandProcess.start(withPort("sub", args));
        sub.awaitErr("subscribed");
        return sub;
    }

    @Test
    void subPrintsWhatPubSendsAndPubPrintsDelivered() throws Exception {
        try (CommandProcess sub = subscribed("--count", "1", "news")) {
            List<String[]> outcomes = pub(0, "--channel", "news", "{\"hello\":1}");
            assertEquals(1, outcomes.size());
            assertEquals("DELIVERED", outcomes.get(0)[1]);
            assertEquals(0, sub.exit(), sub.toString());
            assertEquals(List.of("subscribed"), sub.err());
            assertEquals(1, sub.out().size(), sub.toString());
            JsonNode line = JSON.readTree(sub.out().get(0));
            assertEquals(List.of("id", "sender", "channel", "client", "name", "persistent", "data"),
                    fieldNames(line));
            assertEquals(outcomes.get(0)[0], line.get("id").asText());
            assertTrue(line.get("sender").asText().startsWith("client-"), line.toString());
            assertEquals("news", line.get("channel").asText());
            assertTrue(line.get("client").isNull());
            assertTrue(line.get("name").isNull());
            assertTrue(line.get("persistent").asBoolean());
            assertEquals(JSON.readTree("{\"hello\":1}"), line.get("data"));
        }
    }

    @Test
    void aTransientMessageNobodyListensToIsNotDeliveredWithStatus2() throws Exception {
        List<String[]> outcomes = pub(2, "--transient", "--channel", "nobody-listens", "hi");
        assertEquals(1, outcomes.size());
        assertEquals("NOT_DELIVERED NO_RECIPIENT", outcomes.get(0)[1]);
    }

    @Test
    void aPersistentMessageIsQueuedAndALaterSubReceivesIt() throws Exception {
        List<String[]> outcomes = pub(0, "--channel", "later", "--message-name", "note", "kept for later");
        assertEquals("QUEUED", outcomes.get(0)[1]);
        try (CommandProcess sub = CommandProcess.start(withPort("sub", "--count", "1", "--timeout", "20", "later"))) {
            assertEquals(0, sub.exit(), sub.toString());
            JsonNode line = JSON.readTree(sub.out().get(0));
            assertEquals(outcomes.get(0)[0], line.get("id").asText());
            assertEquals("kept for later", line.get("data").asText());
            assertEquals("note", line.get("name").asText());
        }
    }

    @Test
    void subWithATimeoutAndNothingToReadExitsWith3() throws Exception {
        try (CommandProcess sub = CommandProcess.start(withPort("sub", "--timeout", "1", "quiet"))) {
            assertEquals(3, sub.exit(), sub.toString());
            assertEquals(List.of(), sub.out());
            assertEquals(List.of("subscribed"), sub.err());
        }
    }

    @Test
    void pubReadsMessagesFromStdinAndCountsThem() throws Exception {
        try (CommandProcess sub = subscribed("--count", "4", "--name", "reader", "lines");
             CommandProcess pub = CommandProcess.start(withPort("pub", "--channel", "lines", "--client", "reader",
                     "--count", "2", "-"))) {
            pub.input("plain text\n{\"b\":2}\n");
            assertEquals(0, pub.exit(), pub.toString());
            assertEquals(4, pub.out().size(), "one line per message: " + pub.out());
            pub.out().forEach(l -> assertTrue(l.endsWith(" DELIVERED"), l));
            assertEquals(0, sub.exit(), sub.toString());
            List<String> data = sub.out().stream().map(l -> {
                try {
                    JsonNode line = JSON.readTree(l);
                    assertEquals("lines", line.get("channel").asText());
                    assertEquals("reader", line.get("client").asText(), "one message to the channel and the client");
                    return line.get("data").toString();
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList();
            assertEquals(List.of("{\"seq\":1,\"data\":\"plain text\"}", "{\"seq\":2,\"data\":\"plain text\"}",
                    "{\"seq\":1,\"data\":{\"b\":2}}", "{\"seq\":2,\"data\":{\"b\":2}}"), data);
        }
    }

    @Test
    void aPortInUseIsOneLineAndStatus1() throws Exception {
        try (CommandProcess second = CommandProcess.start("server", "--port", port)) {
            assertEquals(1, second.exit(), second.toString());
            assertEquals(List.of(), second.out());
            assertEquals(1, second.err().size(), second.toString());
            assertTrue(second.err().get(0).startsWith("broadcast server: cannot listen on 127.0.0.1:" + port + ": "),
                    second.err().get(0));
            assertTrue(second.err().get(0).contains("Address already in use"), second.err().get(0));
        }
    }

    @Test
    void aServerLogsItsCountersOnOneLineAtTheStatsInterval() throws Exception {
        try (CommandProcess hub = CommandProcess.start("server", "--port", "0", "--stats-interval", "0.2")) {
            Matcher m = LISTENING.matcher(hub.awaitOut(1).get(0));
            assertTrue(m.matches(), hub.toString());
            hub.awaitErr("stats: connections=0 clients=0 subscriptions=0 in=0 out=0 queued=0");
        }
    }

    @Test
    void sigtermStopsAServerCleanlyWithStatus0() throws Exception {
        try (CommandProcess hub = CommandProcess.start("server", "--port", "0")) {
            Matcher m = LISTENING.matcher(hub.awaitOut(1).get(0));
            assertTrue(m.matches(), hub.toString());
            try (CommandProcess sub = CommandProcess.start("sub", "--port", m.group(1), "news")) {
                sub.awaitErr("subscribed");
                hub.terminate();
                assertEquals(0, hub.exit(), hub.toString());
                assertEquals(1, hub.out().size(), "one line on stdout: " + hub.out());
                assertTrue(hub.err().get(hub.err().size() - 1).endsWith(" closed"), hub.toString());
                sub.awaitErr("lost");
                sub.terminate();
                assertEquals(0, sub.exit(), "a sub stopped with SIGTERM: " + sub);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
