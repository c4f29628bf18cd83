package broadcast.it;

import broadcast.api.spi.Providers;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the modules under test are: jars (or class folders) on this test run's class path. */
final class Jars {

    private Jars() {
    }

    /** The {@code broadcast.api} jar. */
    static Path api() {
        return locationOf(Providers.class);
    }

    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
