package broadcast.it;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * {@code broadcast.api.spi.Providers} as an application sees it with a given set of modules: in a
 * module layer of its own, or in a class loader of its own. The api classes there are not the ones
 * of this test, so they are reached by reflection. Not thread-safe.
 */
final class Discovery implements AutoCloseable {

    private static final String PROVIDERS = "broadcast.api.spi.Providers";

    private final Object providers;
    private final AutoCloseable resource;

    private Discovery(Object providers, AutoCloseable resource) {
        this.providers = providers;
        this.resource = resource;
    }

    /**
     * A layer like {@code java -p <modules> -m app} where {@code app requires broadcast.api}: the root
     * is {@code broadcast.api}, and provider modules join by service binding. Its parent is the boot
     * layer of the JDK alone; nothing of this test's class path is visible.
     */
    static ModuleLayer layer(Path... modules) {
        ModuleFinder finder = ModuleFinder.of(modules);
        Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(), Set.of("broadcast.api"));
        return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    }

    /** {@code Providers.load(layer)} in a new layer of the given modules. */
    static Discovery onModulePath(Path... modules) {
        ModuleLayer layer = layer(modules);
        return new Discovery(call(null, type(layer), "load", ModuleLayer.class, layer), null);
    }

    /** {@code Providers.installed()}, as seen from inside a new layer of the given modules. */
    static Discovery installedOnModulePath(Path... modules) {
        return new Discovery(call(null, type(layer(modules)), "installed"), null);
    }

    /**
     * {@code Providers.load(loader)} with a class loader over the given jars and folders only, the
     * api among them: everything on the class path, nothing on the module path.
     */
    static Discovery onClassPath(Path... entries) {
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            try {
                urls[i] = entries[i].toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
        try {
            Class<?> type = loader.loadClass(PROVIDERS);
            if (type.getModule().isNamed()) {
                throw new IllegalStateException("the api is in module " + type.getModule().getName());
            }
            return new Discovery(call(null, type, "load", ClassLoader.class, loader), loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no broadcast.api on " + List.of(entries), e);
        }
    }

    @SuppressWarnings("unchecked")
    SortedSet<String> codecNames() {
        return (SortedSet<String>) call(providers, providers.getClass(), "codecNames");
    }

    @SuppressWarnings("unchecked")
    SortedSet<String> storeNames() {
        return (SortedSet<String>) call(providers, providers.getClass(), "storeNames");
    }

    @SuppressWarnings("unchecked")
    List<String> failures() {
        return (List<String>) call(providers, providers.getClass(), "failures");
    }

    /** The name of the codec provider found for a name. */
    String codecProviderName(String name) {
        Object provider = call(providers, providers.getClass(), "codecProvider", String.class, name);
        return (String) call(provider, provider.getClass(), "name");
    }

    /** The name of the store provider found for a name. */
    String storeProviderName(String name) {
        Object provider = call(providers, providers.getClass(), "storeProvider", String.class, name);
        return (String) call(provider, provider.getClass(), "name");
    }

    /** Makes a codec by name and gives its name. */
    String codec(String name, Map<String, String> settings) {
        Object codec = call(providers, providers.getClass(), "codec", String.class, name, Map.class, settings);
        return (String) call(codec, codec.getClass(), "name");
    }

    /** Makes a codec by name and encodes data with it, as a sender does. */
    byte[] encode(String codecName, Object data) {
        Object codec = call(providers, providers.getClass(), "codec", String.class, codecName, Map.class, Map.of());
        return (byte[]) call(codec, codec.getClass(), "encodeData", Object.class, data);
    }

    /** Opens a store by name, reads its message count, and closes it. */
    long openStore(String name) {
        Object store = call(providers, providers.getClass(), "store", String.class, name, Map.class, Map.of());
        Object stats = call(store, store.getClass(), "stats");
        call(store, store.getClass(), "close");
        return (Long) call(stats, stats.getClass(), "messages");
    }

    /**
     * The data of a received message with that payload, decoded as a receiver in the same layer or
     * class loader decodes it: with the installed codec for its content type.
     */
    Object receivedData(String contentType, byte[] bytes) {
        try {
            ClassLoader loader = providers.getClass().getClassLoader();
            Class<?> payloadType = loader.loadClass("broadcast.api.Payload");
            Class<?> messageType = loader.loadClass("broadcast.api.BroadcastMessage");
            Class<?> codecType = loader.loadClass("broadcast.api.spi.Codec");
            Object payload = payloadType.getConstructor(String.class, byte[].class).newInstance(contentType, bytes);
            Object builder = call(null, messageType, "builder");
            call(builder, builder.getClass(), "channel", String.class, "room");
            call(builder, builder.getClass(), "payload", payloadType, payload, codecType, null);
            Object message = call(builder, builder.getClass(), "build");
            return call(message, messageType, "data");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the api throws when decoding a received payload. */
    Failure receivedDataFailure(String contentType, byte[] bytes) {
        return failure(() -> receivedData(contentType, bytes));
    }

    /** What the api throws for a codec name: its exception class name and message. */
    Failure codecLookupFailure(String name) {
        return failure(() -> call(providers, providers.getClass(), "codecProvider", String.class, name));
    }

    /** What the api throws for a store name: its exception class name and message. */
    Failure storeLookupFailure(String name) {
        return failure(() -> call(providers, providers.getClass(), "storeProvider", String.class, name));
    }

    /** What the api throws when making a codec. */
    Failure codecFailure(String name, Map<String, String> settings) {
        return failure(() -> call(providers, providers.getClass(), "codec", String.class, name, Map.class, settings));
    }

    @Override
    public void close() throws Exception {
        if (resource != null) {
            resource.close();
        }
    }

    /** An exception thrown by the api: its class name and message. */
    record Failure(String type, String message) {
    }

    private static Failure failure(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return new Failure(e.getCause().getClass().getName(), e.getCause().getMessage());
        }
        throw new AssertionError("expected the api to throw");
    }

    private static Class<?> type(ModuleLayer layer) {
        try {
            return layer.findLoader("broadcast.api").loadClass(PROVIDERS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a public method, declared by an exported type, with (type, value) argument pairs. */
    private static Object call(Object target, Class<?> type, String method, Object... typesAndValues) {
        Class<?>[] types = new Class<?>[typesAndValues.length / 2];
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = (Class<?>) typesAndValues[2 * i];
            values[i] = typesAndValues[2 * i + 1];
        }
        try {
            Method m = apiType(type).getMethod(method, types);
            return m.invoke(target, values);
        } catch (InvocationTargetException e) {
            throw new ApiException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The type to call a method through: the object's class when the api exports it, else the api
     * interface it implements (providers and stores live in packages nobody may reach).
     */
    private static Class<?> apiType(Class<?> type) {
        if (isApi(type)) {
            return type;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (isApi(i)) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException(type + " implements no broadcast.api type");
    }

    private static boolean isApi(Class<?> type) {
        return Modifier.isPublic(type.getModifiers()) && type.getPackageName().startsWith("broadcast.api")
                && type.getModule().isExported(type.getPackageName());
    }

    /** An exception thrown by the api under test, carried out of the reflective call. */
    static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ApiException(Throwable cause) {
            super(cause);
        }
    }
}
