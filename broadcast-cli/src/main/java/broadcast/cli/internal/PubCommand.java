package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.transport.tcp.BroadcastTcpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code broadcast pub}: sends messages and prints the hub's outcome of each. Not thread-safe.
 */
@Command(name = "pub", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Send messages and print their outcomes.",
        description = {"Sends DATA to each target and prints the hub's outcome of each message on stdout, in the "
                + "order sent: 'ID DELIVERED', 'ID QUEUED' (kept for a recipient not there yet) or "
                + "'ID NOT_DELIVERED REASON'.",
                "Targets, as the original's factories make messages: one --channel and one --client make one "
                + "message to both (create(client, channel, ...)), which reaches each recipient once; otherwise "
                + "each --channel and each --client gets a message of its own.",
                "Exit status: 0 when every outcome is DELIVERED or QUEUED; 2 when any is NOT_DELIVERED; 1 on a "
                + "usage or connection error, or when an outcome does not come within --timeout."})
public final class PubCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--name", paramLabel = "NAME",
            description = "This client's name, the sender receivers see (env BROADCAST_CLIENT_NAME; default: one "
                    + "the hub assigns). A name in use is taken over from its holder.")
    private String name;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Codec that encodes the data: json, protobuf or kryo (env BROADCAST_CODEC; default json).")
    private String codec;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "A channel to send to; repeatable.")
    private List<String> channels = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME", description = "A client to send to, by name; repeatable.")
    private List<String> clients = new ArrayList<>();

    @Option(names = "--message-name", paramLabel = "N", description = "The messages' name (default: none).")
    private String messageName;

    @Option(names = "--transient",
            description = "Send transient messages: never stored, NOT_DELIVERED NO_RECIPIENT when nobody is there. "
                    + "Default: persistent, kept until each recipient acknowledges it, QUEUED when nobody is there.")
    private boolean transientMessages;

    @Option(names = "--count", paramLabel = "N",
            description = "Send N messages to each target, with {\"seq\": i, \"data\": DATA} as data, i from 1 to N, "
                    + "so that receivers can check the order.")
    private Long count;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the hub: to connect, and for each outcome (default ${DEFAULT-VALUE}).")
    private double timeout;

    @Parameters(index = "0", paramLabel = "DATA",
            description = "The data: JSON when it parses as JSON (e.g. '{\"hello\":1}', 42, '\"text\"'), otherwise "
                    + "the text itself. '-' reads one message per line from stdin.")
    private String data;

    private final Environment environment;
    private final InputStream stdin;

    PubCommand(Environment environment, InputStream stdin) {
        this.environment = environment;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws InterruptedException {
        Targets targets = new Targets(channels, clients, messageName, !transientMessages);
        long n = count == null ? 1 : Options.positive("--count", count);
        Duration wait = Options.seconds("--timeout", timeout);
        BroadcastConfig config = Clients.config(environment, connection.endpoint(), name, codec)
                .transientOutcomes(true)
                .build();
        Logging.configure(Logging.LogLevel.WARN);
        BroadcastTcpClient client = Clients.create(config);
        try {
            Clients.connect(client, config, wait);
            Publisher publisher = new Publisher(client, spec.commandLine().getOut(), wait);
            if (data.equals("-")) {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        send(publisher, targets, Json.parseOrText(line), n);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                send(publisher, targets, Json.parseOrText(data), n);
            }
            return publisher.finish();
        } finally {
            client.close();
        }
    }

    private void send(Publisher publisher, Targets targets, Object value, long n) throws InterruptedException {
        for (long i = 1; i <= n; i++) {
            Object payload = value;
            if (count != null) {
                Map<String, Object> numbered = new LinkedHashMap<>();
                numbered.put("seq", i);
                numbered.put("data", value);
                payload = numbered;
            }
            for (BroadcastMessage message : targets.messages(payload)) {
                publisher.send(message);
            }
        }
    }
}
