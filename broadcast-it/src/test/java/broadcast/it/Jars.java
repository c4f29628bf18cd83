package broadcast.it;

import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.Providers;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Where the modules under test are: jars (or class folders) on this test run's class path. */
final class Jars {

    private Jars() {
    }

    /** The {@code broadcast.api} jar. */
    static Path api() {
        return locationOf(Providers.class);
    }

    /** The jar of the codec provider with that name on this test run's class path. */
    static Path codec(String name) {
        return ServiceLoader.load(CodecProvider.class, Jars.class.getClassLoader()).stream()
                .filter(p -> p.get().name().equals(name))
                .map(p -> locationOf(p.type()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec " + name + " on the test class path"));
    }

    /** The jar that holds a class, by name: a dependency the tests do not compile against. */
    static Path holding(String className) {
        try {
            return locationOf(Class.forName(className, false, Jars.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }

    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
