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

    private final Map<String, List<CodecProvider>> codecs;
    private final Map<String, List<StoreProvider>> stores;
    private final List<String> failures;

    private ProviderRegistry(ServiceLoader<CodecProvider> codecLoader, ServiceLoader<StoreProvider> storeLoader) {
        List<String> failed = new ArrayList<>();
        this.codecs = byName(loadAll(codecLoader, failed), CodecProvider::name);
        this.stores = byName(loadAll(storeLoader, failed), StoreProvider::name);
        this.failures = List.copyOf(failed);
    }

    public static ProviderRegistry load(ClassLoader loader) {
        return new ProviderRegistry(ServiceLoader.load(CodecProvider.class, loader),
                ServiceLoader.load(StoreProvider.class, loader));
    }

    public static ProviderRegistry load(ModuleLayer layer) {
        return new ProviderRegistry(ServiceLoader.load(layer, CodecProvider.class),
                ServiceLoader.load(layer, StoreProvider.class));
    }

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
        List<P> found = byName.get(name.trim().toLowerCase(Locale.ROOT));
        if (found == null) {
            throw new ProviderNotFoundException("no " + kind + " named \"" + name + "\"; available " + kind + "s: "
                    + new TreeSet<>(byName.keySet()) + failureText());
        }
        if (found.size() > 1) {
            List<String> who = new ArrayList<>();
            for (P p : found) {
                who.add(describe(p.getClass()));
            }
            throw new ProviderNotFoundException(found.size() + " " + kind + " providers are named \"" + name.trim()
                    .toLowerCase(Locale.ROOT) + "\": " + String.join(" and ", who) + "; remove one from the module path");
        }
        return found.get(0);
    }

    private String failureText() {
        return failures.isEmpty() ? "" : "; failed to load: " + String.join(", ", failures);
    }

    static String describe(Class<?> type) {
        Module module = type.getModule();
        String where = module.isNamed() ? "module " + module.getName() : "class path";
        return type.getName() + " (" + where + ")";
    }

    private static <P> List<P> loadAll(ServiceLoader<P> loader, List<String> failed) {
        List<P> loaded = new ArrayList<>();
        Iterator<P> it = loader.iterator();
        // A provider that fails to load throws from hasNext or next; the loader then moves on to
        // the next one, so keep going, but bound the loop in case it keeps failing on one entry.
        for (int attempts = 0; attempts < 1000; attempts++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                loaded.add(it.next());
            } catch (ServiceConfigurationError e) {
                failed.add(failureOf(e));
            }
        }
        return loaded;
    }

    private static String failureOf(ServiceConfigurationError e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = e.getMessage();
        return message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }

    private static <P> Map<String, List<P>> byName(List<P> providers, Function<P, String> name) {
        Map<String, List<P>> map = new LinkedHashMap<>();
        for (P p : providers) {
            map.computeIfAbsent(name.apply(p).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(p);
        }
        Map<String, List<P>> frozen = new LinkedHashMap<>();
        map.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }
}
