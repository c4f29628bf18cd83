package broadcast.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import java.util.concurrent.Callable;

/** {@code broadcast}: the top command, whose subcommands do the work. */
@Command(name = "broadcast", mixinStandardHelpOptions = true, versionProvider = BroadcastCommand.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"A message hub and its clients in the shell.", "",
                "  broadcast server                              run a hub on 127.0.0.1:9000",
                "  broadcast sub news                            print the messages of channel news",
                "  broadcast pub --channel news '{\"hello\":1}'    send one and print its outcome",
                "  broadcast bench fanout                        measure a hub", "",
                "Run 'broadcast COMMAND --help' for the options of a command.", ""})
final class BroadcastCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new CliException("give a command: server, sub, pub or bench (see 'broadcast --help')");
    }

    /** The version of the module's jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = BroadcastCommand.class.getPackage().getImplementationVersion();
            return new String[] {"broadcast " + (version == null ? "(development build)" : version)};
        }
    }
}
