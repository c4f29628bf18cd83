package broadcast.api.internal;

import broadcast.api.ProviderNotFoundException;
import broadcast.api.spi.CodecProvider;
import broadcast.api.spi.StoreProvider;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Loads codec and store providers once, keeping every provider that failed to load with its
 * error, and looks them up by name ignoring case. Immutable after construction; thread-safe.
 */
public final class ProviderRegistry {

    private static final Map<String, String> KNOWN_MODULES = Map.of(
            "application/json", "broadcast.codec.json",
            "application/x-protobuf", "broadcast.codec.protobuf",
            "application/x-kryo", "broadcast.codec.kryo");

    /** Guards against a loader that keeps failing on one entry; far above any real number of providers. */
    private static final int MAX_PROVIDERS = 1000;

    private final Map<String, List<CodecProvider>> codecs;
    private final Map<String, List<StoreProvider>> stores;
    private final List<String> failures;

    private ProviderRegistry(ServiceLoader<CodecProvider> codecLoader, ServiceLoader<StoreProvider> storeLoader) {
        List<String> failed = new ArrayList<>();
        this.codecs = loadAll(codecLoader, CodecProvider::name, failed);
        this.stores = loadAll(storeLoader, StoreProvider::name, failed);
        this.failures = List.copyOf(failed);
    }

    /** The providers in the modules of the loader's layers and on its class path. */
    public static ProviderRegistry load(ClassLoader loader) {
        return new ProviderRegistry(ServiceLoader.load(CodecProvider.class, loader),
                ServiceLoader.load(StoreProvider.class, loader));
    }

    /** The providers in the modules of a layer and its parents. */
    public static ProviderRegistry load(ModuleLayer layer) {
        return new ProviderRegistry(ServiceLoader.load(layer, CodecProvider.class),
                ServiceLoader.load(layer, StoreProvider.class));
    }

    /** The module to add for a content type, for error messages. */
    public static String moduleHint(String contentType) {
        String module = KNOWN_MODULES.get(contentType);
        return module != null ? "module " + module : "the module of a codec for " + contentType;
    }

    public SortedSet<String> codecNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(codecs.keySet()));
    }

    public SortedSet<String> storeNames() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(stores.keySet()));
    }

    public List<String> failures() {
        return failures;
    }

    public CodecProvider codecProvider(String name) {
        return find("codec", name, codecs);
    }

    public StoreProvider storeProvider(String name) {
        return find("store", name, stores);
    }

    public Optional<CodecProvider> codecForContentType(String contentType) {
        for (List<CodecProvider> list : codecs.values()) {
            for (CodecProvider p : list) {
                if (p.contentType().equalsIgnoreCase(contentType)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private <P> P find(String kind, String name, Map<String, List<P>> byName) {
        if (name == null || name.isBlank()) {
            throw new ProviderNotFoundException("a " + kind + " name is required; available " + kind + "s: "
                    + new TreeSet<>(byName.keySet()) + failureText());
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        List<P> found = byName.get(key);
        if (found == null) {
            throw new ProviderNotFoundException("no " + kind + " named \"" + name + "\"; available " + kind + "s: "
                    + new TreeSet<>(byName.keySet()) + failureText());
        }
        if (found.size() > 1) {
            List<String> who = new ArrayList<>();
            for (P p : found) {
                who.add(describe(p.getClass()));
            }
            Collections.sort(who);
            throw new ProviderNotFoundException(found.size() + " " + kind + " providers are named \"" + key + "\": "
                    + String.join(" and ", who) + "; remove all but one from the module path and class path");
        }
        return found.get(0);
    }

    private String failureText() {
        return failures.isEmpty() ? "" : "; failed to load: " + String.join("; ", failures);
    }

    /** A provider class and where it comes from: {@code a.B (module m)} or {@code a.B (class path)}. */
    static String describe(Class<?> type) {
        Module module = type.getModule();
        String where = module.isNamed() ? "module " + module.getName() : "class path";
        return type.getName() + " (" + where + ")";
    }

    /**
     * Loads every provider, keeping going past the ones that fail: a provider class that cannot be
     * loaded, a constructor that throws, a {@code name()} that throws or gives no name.
     */
    private static <P> Map<String, List<P>> loadAll(ServiceLoader<P> loader, Function<P, String> nameOf,
                                                    List<String> failed) {
        Map<String, List<P>> byName = new LinkedHashMap<>();
        // The stream gives each provider's type before making it, so a failure can name its module;
        // after a failure the loader moves on to the next provider.
        Iterator<ServiceLoader.Provider<P>> it = loader.stream().iterator();
        for (int attempts = 0; attempts < MAX_PROVIDERS; attempts++) {
            ServiceLoader.Provider<P> candidate;
            try {
                if (!it.hasNext()) {
                    break;
                }
                candidate = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failed.add(summary(e));
                continue;
            }
            try {
                P provider = candidate.get();
                byName.computeIfAbsent(validName(nameOf.apply(provider)), k -> new ArrayList<>()).add(provider);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                // the loader wraps what the constructor threw; the type already names the provider
                Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
                failed.add(describe(candidate.type()) + ": " + oneLine(cause));
            }
        }
        Map<String, List<P>> frozen = new LinkedHashMap<>();
        byName.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("name() gave " + (name == null ? "null" : "\"" + name + "\""));
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** The error and its cause, on one line. */
    private static String summary(Throwable e) {
        if (e instanceof ServiceConfigurationError && e.getCause() != null) {
            return e.getMessage() + " (" + oneLine(e.getCause()) + ")";
        }
        return e instanceof ServiceConfigurationError ? e.getMessage() : oneLine(e);
    }

    private static String oneLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getClass().getName() + ": " + e.getMessage();
    }
}
