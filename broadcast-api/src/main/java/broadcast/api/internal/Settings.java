package broadcast.api.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses setting values; every error names the setting and quotes the value. Stateless. */
public final class Settings {

    private Settings() {
    }

    public static int parseInt(String what, String value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was \"" + value + "\"");
        }
    }

    public static long parseLong(String what, String value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was \"" + value + "\"");
        }
    }

    public static boolean parseBoolean(String what, String value, boolean defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(what + " must be true or false, was \"" + value + "\"");
    }

    /** A size in bytes: a number with an optional unit k/KiB/m/MiB/g/GiB (powers of 1024). */
    public static long parseBytes(String what, String value, long defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        String number = v;
        String[][] units = {{"kib", "1024"}, {"mib", "1048576"}, {"gib", "1073741824"}, {"kb", "1024"},
                {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1024"}, {"m", "1048576"}, {"g", "1073741824"}, {"b", "1"}};
        for (String[] unit : units) {
            if (v.endsWith(unit[0])) {
                factor = Long.parseLong(unit[1]);
                number = v.substring(0, v.length() - unit[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(number);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " must be a size in bytes such as 65536, 64KiB or 16MiB, was \""
                    + value + "\"");
        }
    }

    /** A duration: 500ms, 10s, 5m, 2h, 7d, a number of milliseconds, or ISO-8601 (PT10S). */
    public static Duration parseDuration(String what, String value, Duration defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("p")) {
                return requireNotNegative(what, value, Duration.parse(value.trim().toUpperCase(Locale.ROOT)));
            }
            if (v.endsWith("ms")) {
                return requireNotNegative(what, value, Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim())));
            }
            char unit = v.charAt(v.length() - 1);
            if (Character.isDigit(unit)) {
                return requireNotNegative(what, value, Duration.ofMillis(Long.parseLong(v)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1).trim());
            Duration d = switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
            return requireNotNegative(what, value, d);
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException(what + " must be a duration such as 500ms, 10s, 5m, 2h, 7d or PT10S, was \""
                    + value + "\"");
        }
    }

    private static Duration requireNotNegative(String what, String value, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was \"" + value + "\"");
        }
        return d;
    }
}
