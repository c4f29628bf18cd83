package broadcast.api.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/** Argument checks whose messages name the setting and the value. Stateless. */
public final class Checks {

    private Checks() {
    }

    /** @throws IllegalArgumentException if the duration is zero or negative */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException if the value is zero or negative */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException if the text is null or blank */
    public static String notBlank(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + (value == null ? "null" : "\"" + value + "\""));
        }
        return value;
    }

    /** @throws IllegalArgumentException if the path is empty or blank; {@code null} passes */
    public static Path notEmptyOrNull(String name, Path value) {
        if (value != null && value.toString().isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    /** A provider name, trimmed and lower-cased. @throws IllegalArgumentException if blank */
    public static String providerName(String name, String value) {
        return notBlank(name, value).trim().toLowerCase(Locale.ROOT);
    }
}
