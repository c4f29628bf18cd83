/**
 * The {@code broadcast} command: {@code server} runs a hub, {@code sub} and {@code pub} are clients
 * for the shell, {@code bench} measures a hub end to end. Run it with {@code bin/broadcast}; every
 * command describes its options with {@code --help}.
 *
 * <p>Not a library: it exports nothing. The codec and store modules are found by name through
 * {@code broadcast.api}'s service loader when they are on the module path.
 */
module broadcast.cli {
    requires broadcast.transport.tcp;
    requires info.picocli;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires java.logging;
    requires jdk.unsupported;

    opens broadcast.cli.internal to info.picocli;
    opens broadcast.cli.internal.bench to info.picocli;
}
