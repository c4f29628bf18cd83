package broadcast.cli.internal;

import broadcast.cli.internal.bench.BenchCommand;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code broadcast} command line: its commands, where they read their settings, and how they
 * end. A usage error, or any failure, is one line on stderr ({@code broadcast pub: ...}) and a
 * status (1 unless the command says otherwise); see {@link Status}. Not thread-safe: one run at a
 * time.
 */
public final class Cli {

    private final Environment environment;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * @param environment the environment variables and system properties the commands read
     * @param in what {@code pub -} reads
     * @param out stdout: results, flushed by the commands
     * @param err stderr: errors and progress
     */
    public Cli(Environment environment, InputStream in, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The process's environment, stdin, stdout and stderr (UTF-8, whatever the locale). */
    public static Cli standard() {
        return new Cli(Environment.system(), System.in,
                new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
                        true));
    }

    /** Runs a command. @return its exit status */
    public int run(String... args) {
        try {
            return commandLine().execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BroadcastCommand());
        cl.addSubcommand(new CommandLine(new ServerCommand(environment)));
        cl.addSubcommand(new CommandLine(new SubCommand(environment)));
        cl.addSubcommand(new CommandLine(new PubCommand(environment, in)));
        cl.addSubcommand(new CommandLine(new BenchCommand()));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpWidth(100);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
            err.println(spec.qualifiedName() + ": " + oneLine(e.getMessage()) + " (see '" + spec.qualifiedName()
                    + " --help')");
            return Status.ERROR;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String what = commandLine.getCommandSpec().qualifiedName();
            if (e instanceof CliException c) {
                err.println(what + ": " + oneLine(c.getMessage()));
                return c.status();
            }
            err.println(what + ": " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
            return Status.ERROR;
        });
        return cl;
    }

    /** A message on one line: a script reading stderr sees one line per failure. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
