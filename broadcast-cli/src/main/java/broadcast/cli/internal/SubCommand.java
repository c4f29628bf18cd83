package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.ConnectionState;
import broadcast.api.Subscription;
import broadcast.transport.tcp.BroadcastTcpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code broadcast sub}: subscribes to channels and prints each message received, on a channel or
 * addressed to its name, as one JSON line. Not thread-safe.
 */
@Command(name = "sub", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print the messages of channels, or to this client.",
        description = {"Subscribes to the CHANNELs and prints every message received on them, or addressed to "
                + "this client's name, on stdout: one JSON object per line with the keys id, sender, channel, "
                + "client, name, persistent and data. data is the message's data when it is made of JSON values "
                + "(text arrives as a JSON string); otherwise it is {\"contentType\": ..., \"base64\": ...} with "
                + "the payload's bytes. Characters beyond ASCII are written as \\uXXXX escapes.",
                "Once the hub has accepted the client and its subscriptions it prints 'subscribed' on stderr. "
                + "It reconnects by itself when the connection is lost.",
                "Exit status: 0 after --count messages, or when stopped with Ctrl-C or SIGTERM; 3 when --timeout "
                + "runs out first; 1 on a usage or connection error.",
                "Persistent messages are acknowledged once printed; one it will not print (beyond --count) is "
                + "left to the hub, which keeps it for the next subscriber."})
public final class SubCommand implements Callable<Integer> {

    /** How long to wait for the first connection at most. */
    static final Duration CONNECT_WAIT = Duration.ofSeconds(10);
    /** How long to wait, when stopping, for the acknowledgements of what was printed to be queued. */
    private static final long SETTLE_SECONDS = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--name", paramLabel = "NAME",
            description = "This client's name, to receive messages addressed to it (env BROADCAST_CLIENT_NAME; "
                    + "default: one the hub assigns). A name in use is taken over from its holder.")
    private String name;

    @Option(names = "--codec", paramLabel = "CODEC",
            description = "Codec of the connection: json, protobuf or kryo (env BROADCAST_CODEC; default json). "
                    + "Messages sent with any codec are received.")
    private String codec;

    @Option(names = "--count", paramLabel = "N", description = "Exit with status 0 after N messages.")
    private Long count;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Exit with status 3 when SECONDS pass after subscribing before --count messages came "
                    + "(without --count: when they pass). Fractions allowed.")
    private Double timeout;

    @Parameters(paramLabel = "CHANNEL", arity = "0..*",
            description = "Channels to subscribe to; none: only messages addressed to this client.")
    private List<String> channels = new ArrayList<>();

    private final Environment environment;

    SubCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        long limit = count == null ? Long.MAX_VALUE : Options.positive("--count", count);
        Duration wait = timeout == null ? null : Options.seconds("--timeout", timeout);
        BroadcastConfig config = config();
        channels.forEach(channel -> Options.channel("CHANNEL", channel));
        Logging.configure(Logging.LogLevel.WARN);
        PrintWriter err = spec.commandLine().getErr();
        CompletableFuture<Integer> end = new CompletableFuture<>();
        Signals.onStop(() -> end.complete(Status.OK));
        BroadcastTcpClient client = Clients.create(config);
        Receiver receiver = new Receiver(spec.commandLine().getOut(), limit, client::state);
        receiver.reached().thenRun(() -> end.complete(Status.OK));
        List<Subscription> subscriptions = new ArrayList<>();
        for (String channel : channels) {
            subscriptions.add(client.onMessage(channel, receiver));
        }
        client.onDirectMessage(receiver);
        Closing closing = new Closing(end, err, config.address());
        client.onConnectionState(closing::stateChanged);
        Clients.connect(client, config, CONNECT_WAIT);
        try {
            long subscribing = System.nanoTime() + CONNECT_WAIT.toNanos();
            for (Subscription s : subscriptions) {
                await(s.ready().toCompletableFuture(), subscribing);
            }
            err.println("subscribed");
            err.flush();
            long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
            int status = awaitEnd(end, deadline, receiver);
            settle(client, receiver);
            closing.closing = true;
            client.close();
            if (closing.failure != null) {
                throw new CliException(closing.failure);
            }
            return status;
        } catch (TimeoutException e) {
            throw new CliException("the hub did not answer the subscriptions within " + Clients.seconds(CONNECT_WAIT));
        } catch (ExecutionException e) {
            throw new CliException(e.getCause().getMessage(), e.getCause());
        } finally {
            closing.closing = true;
            client.close();
        }
    }

    /** The environment's settings with the command line's on top. */
    BroadcastConfig config() {
        return Clients.config(environment, connection.endpoint(), name, codec).build();
    }

    /** The status: 0 at --count or a signal, 3 at the deadline, 1 when the client was closed for good. */
    private static int awaitEnd(CompletableFuture<Integer> end, long deadline, Receiver receiver) {
        try {
            int status = deadline == Long.MAX_VALUE ? end.join() : end.get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
            receiver.stop();
            return status;
        } catch (TimeoutException e) {
            return receiver.stop() ? Status.TIMEOUT : Status.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            receiver.stop();
            return Status.OK;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lets the acknowledgements of the messages printed be queued before the client closes: they
     * are queued after the handlers of their batch return. A message to this client's own name,
     * sent now, completes on the callback thread after that batch; or the handler is holding a
     * message it will not print, and nothing of that batch may be acknowledged.
     */
    private static void settle(BroadcastTcpClient client, Receiver receiver) {
        if (client.state() != ConnectionState.CONNECTED || client.name().isEmpty()) {
            return;
        }
        try {
            CompletableFuture<?> written = client.sendMessage(BroadcastMessage.createClientMessage(client.name(), null,
                    null, false)).toCompletableFuture();
            CompletableFuture.anyOf(written, receiver.holding()).get(SETTLE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            // closing anyway: at worst the hub sends the last messages printed again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CompletableFuture<?> stage, long deadline) throws TimeoutException, ExecutionException {
        try {
            stage.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** Reports connection changes on stderr, and ends the command when the client closed for good. */
    private static final class Closing {
        private final CompletableFuture<Integer> end;
        private final PrintWriter err;
        private final String address;
        volatile boolean closing;
        volatile String failure;

        Closing(CompletableFuture<Integer> end, PrintWriter err, String address) {
            this.end = end;
            this.err = err;
            this.address = address;
        }

        void stateChanged(broadcast.api.BroadcastClient client, ConnectionState previous, ConnectionState current,
                          Throwable cause) {
            if (closing) {
                return;
            }
            String why = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
            if (current == ConnectionState.DISCONNECTED) {
                err.println("connection to the hub at " + address + " lost" + why + "; reconnecting");
            } else if (current == ConnectionState.CONNECTED && previous != ConnectionState.CONNECTING) {
                err.println("reconnected");
            } else if (current == ConnectionState.CLOSED) {
                failure = "the client was closed" + why;
                end.complete(Status.ERROR);
            }
            err.flush();
        }
    }
}
