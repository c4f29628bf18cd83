package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.spi.ProviderConfig;

import java.time.Duration;
import java.util.Map;

/** Checks of option values, with errors that name the option and quote the value. Stateless. */
public final class Options {

    private Options() {
    }

    /**
     * Runs a setter of the config builder.
     *
     * @throws CliException {@code --port "70000" is invalid: port must be within 0..65535, was 70000}
     */
    static void apply(String option, Object value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw invalid(option, value, e.getMessage());
        }
    }

    public static CliException invalid(String option, Object value, String why) {
        return new CliException(option + " \"" + value + "\" is invalid: " + why);
    }

    /** A valid channel name. @throws CliException naming the option and the problem */
    static String channel(String option, String name) {
        apply(option, name, () -> BroadcastMessage.createChannelMessage(name, null));
        return name;
    }

    /** A valid client name. @throws CliException naming the option and the problem */
    static String client(String option, String name) {
        apply(option, name, () -> BroadcastMessage.createClientMessage(name, null));
        return name;
    }

    /** A positive whole number. */
    public static long positive(String option, long value) {
        if (value <= 0) {
            throw invalid(option, value, "it must be 1 or more");
        }
        return value;
    }

    /** A size in bytes: {@code 65536}, {@code 64KiB}, {@code 16MiB} (powers of 1024), as the environment takes them. */
    public static long bytes(String option, String value) {
        try {
            return ProviderConfig.of(option, Map.of(option, value)).bytes(option, 0);
        } catch (IllegalArgumentException e) {
            throw invalid(option, value, "give a size in bytes such as 65536, 64KiB or 16MiB");
        }
    }

    /** A time in seconds, fractions allowed, above zero. */
    public static Duration seconds(String option, double seconds) {
        if (!(seconds > 0) || seconds > Duration.ofDays(365).toSeconds()) {
            throw invalid(option, seconds, "give a number of seconds above 0, such as 5 or 0.5");
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }
}
