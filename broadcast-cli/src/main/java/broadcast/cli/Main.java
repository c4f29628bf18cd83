package broadcast.cli;

import broadcast.cli.internal.Cli;

/**
 * The {@code broadcast} command: {@code server}, {@code sub}, {@code pub} and {@code bench}.
 * {@code bin/broadcast} runs it on the module path; {@code broadcast --help} lists the commands.
 */
public final class Main {

    private Main() {
    }

    /** Runs the command and exits with its status. */
    public static void main(String[] args) {
        System.exit(Cli.standard().run(args));
    }
}
