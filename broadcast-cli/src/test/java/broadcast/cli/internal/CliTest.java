package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.HubLimits;
import broadcast.api.TlsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing, help, usage errors and exit statuses, in this JVM. */
class CliTest {

    /** What a run printed, and its status. */
    record Run(int status, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    static Run run(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = new Cli(environment, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err, true)).run(args);
        return new Run(status, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Environment.none(), args);
    }

    private static void assertUsageError(Run run, String expected) {
        assertEquals(Status.ERROR, run.status(), run.toString());
        assertEquals(1, run.errLines().size(), "one line: " + run.err());
        assertTrue(run.err().contains(expected), "expected \"" + expected + "\" in: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void helpOfEveryCommandDescribesEveryOption() {
        CommandLine cl = new Cli(Environment.none(), System.in, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).commandLine();
        assertEquals(List.of("server", "sub", "pub", "bench"), List.copyOf(cl.getSubcommands().keySet()));
        for (CommandLine command : List.of(cl, cl.getSubcommands().get("server"), cl.getSubcommands().get("sub"),
                cl.getSubcommands().get("pub"), cl.getSubcommands().get("bench"))) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                        command.getCommandName() + " " + option.longestName() + " has no description");
            }
            for (PositionalParamSpec p : command.getCommandSpec().positionalParameters()) {
                assertTrue(p.description().length > 0, command.getCommandName() + " " + p.paramLabel());
            }
            String name = command == cl ? null : command.getCommandName();
            Run help = name == null ? run("--help") : run(name, "--help");
            assertEquals(Status.OK, help.status());
            for (OptionSpec option : command.getCommandSpec().options()) {
                assertTrue(help.out().contains(option.longestName()), name + " --help names " + option.longestName());
            }
        }
        assertTrue(run("--help").out().contains("broadcast pub --channel news"), "the top help shows examples");
    }

    @Test
    void usageErrorsAreOneLineOnStderrWithStatus1() {
        assertUsageError(run(), "broadcast: give a command: server, sub, pub or bench");
        assertUsageError(run("publish"), "Unmatched argument");
        assertUsageError(run("pub", "--foo", "x"), "broadcast pub: Unknown option: '--foo' (see 'broadcast pub --help')");
        assertUsageError(run("pub", "--channel", "news"), "Missing required parameter: 'DATA'");
        assertUsageError(run("pub", "x"), "broadcast pub: give at least one --channel or --client to send to");
        assertUsageError(run("pub", "--channel", "news", "--count", "0", "x"), "--count \"0\" is invalid: it must be 1 or more");
        assertUsageError(run("pub", "--channel", "bad\u0001name", "x"), "--channel \"bad\u0001name\" is invalid: channel must not contain control characters");
        assertUsageError(run("pub", "--channel", "news", "--timeout", "0", "x"), "--timeout \"0.0\" is invalid");
        assertUsageError(run("pub", "--channel", "news", "--port", "70000", "x"),
                "--port \"70000\" is invalid: port must be within 0..65535, was 70000");
        assertUsageError(run("pub", "--channel", "news", "--codec", "yaml", "x"), "no codec named \"yaml\"");
        assertUsageError(run("sub", "--socket", "/tmp/x.sock", "--port", "9000"), "--socket goes without --host and --port");
        assertUsageError(run("sub", "--count", "-1", "news"), "--count \"-1\" is invalid");
        assertUsageError(run("sub", "--port", "x"), "Invalid value for option '--port'");
        assertUsageError(run("server", "--max-frame", "lots"), "--max-frame \"lots\" is invalid: give a size in bytes such as 65536, 64KiB or 16MiB");
        assertUsageError(run("server", "--max-frame", "1k"), "--max-frame \"1k\" is invalid: maxFrameBytes must be within 4096..67108864, was 1024");
        assertUsageError(run("server", "--port", "0", "--tls-cert", "c.pem"), "--tls-cert and --tls-key go together");
        assertUsageError(run("server", "--log-level", "loud"), "Invalid value for option '--log-level'");
        assertUsageError(run("bench", "everything"), "WORKLOAD \"everything\" is invalid: the workloads are fanout, stream");
        assertUsageError(run("bench", "--transient", "--persistent"), "mutually exclusive");
        assertUsageError(run("bench", "stream", "--payload", "map", "--size", "64"), "--payload map needs a --size of 128 bytes");
    }

    @Test
    void theEnvironmentFillsInWhatTheCommandLineDoesNotGive() {
        Environment env = new Environment(Map.of("BROADCAST_PORT", "9100", "BROADCAST_HOST", "0.0.0.0",
                "BROADCAST_STORE_PATH", "/var/lib/hub", "BROADCAST_MAX_FRAME", "64KiB", "BROADCAST_TOKEN", "secret",
                "BROADCAST_UNRELATED", "x"), new Properties());
        BroadcastConfig config = serverConfig(env);
        assertEquals("0.0.0.0", config.host());
        assertEquals(9100, config.port());
        assertEquals(Map.of("path", "/var/lib/hub"), config.storeSettings());
        assertEquals(64 * 1024, config.maxFrameBytes());
        assertEquals("secret", config.token().orElseThrow());

        BroadcastConfig given = serverConfig(env, "--port", "9200", "--max-frame", "2MiB", "--store-path", "/tmp/h");
        assertEquals("0.0.0.0", given.host());
        assertEquals(9200, given.port(), "the command line wins");
        assertEquals(2 * 1024 * 1024, given.maxFrameBytes());
        assertEquals(Map.of("path", "/tmp/h"), given.storeSettings());

        Properties props = new Properties();
        props.setProperty("broadcast.port", "9300");
        assertEquals(9300, serverConfig(new Environment(Map.of("BROADCAST_PORT", "9100"), props)).port(),
                "a system property wins over the variable, as in BroadcastConfig.fromEnvironment");
        assertEquals(BroadcastConfig.DEFAULT_PORT, serverConfig(Environment.none()).port());
    }

    @Test
    void aSocketPathFromTheEnvironmentGivesWayToAPortOnTheCommandLine() {
        Environment env = new Environment(Map.of("BROADCAST_URL", "/tmp/hub.sock"), new Properties());
        assertEquals(Path.of("/tmp/hub.sock"), serverConfig(env).url().orElseThrow());
        BroadcastConfig tcp = serverConfig(env, "--port", "9400");
        assertTrue(tcp.url().isEmpty());
        assertEquals(9400, tcp.port());
        assertEquals(Path.of("/tmp/other.sock"), serverConfig(env, "--socket", "/tmp/other.sock").url().orElseThrow());
    }

    @Test
    void aBadVariableIsReportedByNameUnlessTheCommandLineReplacesIt() {
        Environment env = new Environment(Map.of("BROADCAST_PORT", "abc"), new Properties());
        assertUsageError(run(env, "pub", "--channel", "news", "x"),
                "broadcast pub: BROADCAST_PORT=\"abc\" is invalid: port must be a whole number, was \"abc\"");
        assertEquals(9500, serverConfig(env, "--port", "9500").port());
        assertEquals("orders", clientConfig(new Environment(Map.of("BROADCAST_CLIENT_NAME", "orders"), new Properties()))
                .clientName().orElseThrow());
        assertEquals("kryo", clientConfig(new Environment(Map.of("BROADCAST_CODEC", "kryo"), new Properties())).codec());
        assertEquals("json", clientConfig(new Environment(Map.of("BROADCAST_CODEC", "kryo"), new Properties()),
                "--codec", "json").codec());
    }

    @Test
    void tlsAndUsersOptionsAddToTheEnvironmentsTlsSettings() {
        Environment env = new Environment(Map.of("BROADCAST_TLS_CLIENT_AUTH", "required", "BROADCAST_TLS_CA",
                "/etc/ca.pem", "BROADCAST_USERS_FILE", "/etc/users"), new Properties());
        BroadcastConfig hub = serverConfig(env, "--tls-cert", "/etc/hub.pem", "--tls-key", "/etc/hub-key.pem");
        TlsConfig tls = hub.tls().orElseThrow();
        assertEquals(Path.of("/etc/hub.pem"), tls.certificateChain().orElseThrow());
        assertEquals(Path.of("/etc/hub-key.pem"), tls.privateKey().orElseThrow());
        assertEquals(TlsConfig.ClientAuth.REQUIRED, tls.clientAuth(), "the environment's other TLS settings stay");
        assertEquals(Path.of("/etc/users"), hub.usersFile().orElseThrow());
        assertEquals(Path.of("/tmp/u"), serverConfig(env, "--users", "/tmp/u").usersFile().orElseThrow());
        assertTrue(serverConfig(Environment.none()).tls().isEmpty(), "plain TCP by default");

        assertTrue(clientConfig(Environment.none()).tls().isEmpty());
        assertTrue(clientConfig(Environment.none(), "--tls").tls().orElseThrow().trustedCertificates().isEmpty(),
                "--tls: the JDK's authorities");
        assertEquals(Path.of("/tmp/ca.pem"), clientConfig(Environment.none(), "--tls-ca", "/tmp/ca.pem").tls()
                .orElseThrow().trustedCertificates().orElseThrow());
        assertEquals(Path.of("/etc/ca.pem"), clientConfig(env).tls().orElseThrow().trustedCertificates().orElseThrow(),
                "BROADCAST_TLS_CA turns TLS on for a client too");
    }

    @Test
    void aHubThatIsNotThereIsAConnectionErrorWithStatus1() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run pub = run("pub", "--port", Integer.toString(port), "--timeout", "0.5", "--channel", "news", "x");
        assertUsageError(pub, "broadcast pub: cannot connect to the hub at 127.0.0.1:" + port + " within 0.5 s");
        assertFalse(pub.err().contains("Exception"), pub.err());
    }

    @Test
    void theHubsLimitsComeFromOptionsOverTheEnvironment() {
        Environment env = new Environment(Map.of("BROADCAST_MAX_CONNECTIONS", "7", "BROADCAST_WRITE_BUFFER", "1KiB",
                "BROADCAST_SLOW_CONSUMER_TIMEOUT", "5s", "BROADCAST_STATS_INTERVAL", "5"), new Properties());
        BroadcastConfig c = serverConfig(env, "--max-subscriptions", "3", "--max-name-length", "40",
                "--handshake-timeout", "2.5", "--write-buffer", "128KiB");
        HubLimits l = c.limits();
        assertEquals(7, l.maxConnections(), "from the environment");
        assertEquals(3, l.maxSubscriptions());
        assertEquals(40, l.maxNameLength());
        assertEquals(java.time.Duration.ofMillis(2500), l.handshakeTimeout());
        assertEquals(128 * 1024, l.writeBufferBytes(), "the option wins over a bad variable it replaces");
        assertEquals(java.time.Duration.ofSeconds(5), l.slowConsumerTimeout());
        assertEquals(HubLimits.defaults().toString(), serverConfig(Environment.none()).limits().toString());

        assertUsageError(run("server", "--write-buffer", "1KiB"),
                "--write-buffer \"1KiB\" is invalid: writeBufferBytes must be at least 65536, was 1024");
        assertUsageError(run("server", "--max-connections", "0"),
                "--max-connections \"0\" is invalid: maxConnections must be positive, was 0");
        assertUsageError(run(new Environment(Map.of("BROADCAST_MAX_SUBSCRIPTIONS", "many"), new Properties()), "server"),
                "BROADCAST_MAX_SUBSCRIPTIONS=\"many\" is invalid");
        assertUsageError(run("server", "--stats-interval", "-1"), "--stats-interval \"-1.0\" is invalid");
    }

    private static BroadcastConfig serverConfig(Environment env, String... args) {
        CommandLine cl = new Cli(env, System.in, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .commandLine();
        cl.parseArgs(prepend("server", args));
        return ((ServerCommand) cl.getSubcommands().get("server").getCommand()).config();
    }

    private static BroadcastConfig clientConfig(Environment env, String... args) {
        CommandLine cl = new Cli(env, System.in, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .commandLine();
        cl.parseArgs(prepend("sub", args));
        return ((SubCommand) cl.getSubcommands().get("sub").getCommand()).config();
    }

    private static String[] prepend(String command, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
