package broadcast.api.spi;

import broadcast.api.ProviderNotFoundException;
import broadcast.api.internal.ProviderRegistry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Finds codec and store providers by name. The only place {@link java.util.ServiceLoader} is
 * called: providers declare {@code provides} in their module (or a {@code META-INF/services} file
 * on the class path) and are found here, by lower-case name, ignoring case.
 *
 * <pre>{@code
 * Providers providers = Providers.installed();
 * System.out.println(providers.codecNames());          // [json, kryo, protobuf]
 * Codec codec = providers.codec("json", Map.of());
 * }</pre>
 *
 * <p>An unknown name fails with the names found and the providers that failed to load, with their
 * errors; two providers with one name fail with both named. Immutable after loading; thread-safe.
 */
public final class Providers {

    private final ProviderRegistry registry;

    private Providers(ProviderRegistry registry) {
        this.registry = registry;
    }

    /** The providers on the module path and class path of the application, loaded once. */
    public static Providers installed() {
        return Installed.INSTANCE;
    }

    /** The providers visible to a class loader, loaded now. */
    public static Providers load(ClassLoader loader) {
        Objects.requireNonNull(loader, "loader");
        return new Providers(ProviderRegistry.load(loader));
    }

    /** The providers in a module layer (and its parents), loaded now. */
    public static Providers load(ModuleLayer layer) {
        Objects.requireNonNull(layer, "layer");
        return new Providers(ProviderRegistry.load(layer));
    }

    /** The codec names found, sorted. */
    public SortedSet<String> codecNames() {
        return registry.codecNames();
    }

    /** The store names found, sorted. */
    public SortedSet<String> storeNames() {
        return registry.storeNames();
    }

    /** Providers that failed to load, each as {@code module-or-class (error)}. */
    public List<String> failures() {
        return registry.failures();
    }

    /**
     * The codec provider with that name, ignoring case.
     *
     * @throws ProviderNotFoundException if none or two have it; the message lists the names found
     */
    public CodecProvider codecProvider(String name) {
        return registry.codecProvider(name);
    }

    /**
     * The store provider with that name, ignoring case.
     *
     * @throws ProviderNotFoundException if none or two have it; the message lists the names found
     */
    public StoreProvider storeProvider(String name) {
        return registry.storeProvider(name);
    }

    /**
     * Makes a codec by name.
     *
     * @throws ProviderNotFoundException if no provider has the name
     * @throws IllegalArgumentException if a setting is unknown or invalid
     */
    public Codec codec(String name, Map<String, String> settings) {
        CodecProvider provider = codecProvider(name);
        return provider.create(ProviderConfig.of("codec \"" + provider.name() + "\"", settings));
    }

    /**
     * Opens a store by name.
     *
     * @throws ProviderNotFoundException if no provider has the name
     * @throws IllegalArgumentException if a setting is unknown or invalid
     * @throws StoreException if the store cannot be opened
     */
    public MessageStore store(String name, Map<String, String> settings) {
        StoreProvider provider = storeProvider(name);
        return provider.create(ProviderConfig.of("store \"" + provider.name() + "\"", settings));
    }

    /** The codec provider whose payloads carry that content type, if one is installed. */
    public Optional<CodecProvider> codecForContentType(String contentType) {
        return registry.codecForContentType(contentType);
    }

    /**
     * The module that provides the codec of a content type, for error messages: a known module
     * name for the codecs of this project, else a generic hint.
     */
    public static String moduleHint(String contentType) {
        return ProviderRegistry.moduleHint(contentType);
    }

    @Override
    public String toString() {
        return "Providers[codecs=" + codecNames() + ", stores=" + storeNames() + ", failures=" + failures() + "]";
    }

    private static final class Installed {
        static final Providers INSTANCE = new Providers(ProviderRegistry.load(Providers.class.getClassLoader()));
    }
}
