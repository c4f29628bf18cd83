package broadcast.it;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Tiny provider modules, compiled at test time against the {@code broadcast.api} jar. Each one is
 * an exploded module (with {@code module-info.class} and {@code provides}) that also carries a
 * {@code META-INF/services} file, so the same folder serves on the module path and on the class
 * path, as a real provider jar does.
 *
 * <ul>
 *   <li>{@link #YAML}: codec {@code yaml}, content type {@code application/yaml};</li>
 *   <li>{@link #DISK}: store {@code Disk} (mixed case on purpose);</li>
 *   <li>{@link #JSON_A}, {@link #JSON_B}: two codecs named {@code json} and {@code JSON};</li>
 *   <li>{@link #BROKEN}: a codec whose constructor throws;</li>
 *   <li>{@link #NAMELESS}: a codec whose {@code name()} gives null;</li>
 *   <li>{@link #GHOST}: only a services file naming a class that is not there (class path only).</li>
 * </ul>
 */
final class FakeProviders {

    static final String YAML = "it.codec.yaml";
    static final String DISK = "it.store.disk";
    static final String JSON_A = "it.codec.jsona";
    static final String JSON_B = "it.codec.jsonb";
    static final String BROKEN = "it.codec.broken";
    static final String NAMELESS = "it.codec.nameless";
    static final String GHOST = "it.codec.ghost";

    private static final String CODEC_SPI = "broadcast.api.spi.CodecProvider";
    private static final String STORE_SPI = "broadcast.api.spi.StoreProvider";

    private final Path root;

    private FakeProviders(Path root) {
        this.root = root;
    }

    /** The folder of one fake provider. */
    Path module(String name) {
        return root.resolve(name);
    }

    /**
     * The fake providers, compiled once per test run into {@code target/fake-providers} (javac is
     * the slow part of these tests).
     */
    static synchronized FakeProviders shared() throws IOException {
        if (shared == null) {
            Path dir = Path.of("target", "fake-providers").toAbsolutePath();
            deleteTree(dir);
            shared = compile(dir);
        }
        return shared;
    }

    private static FakeProviders shared;

    /** Compiles every fake provider into the folder. */
    static FakeProviders compile(Path dir) throws IOException {
        Path sources = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Map<String, Source> modules = sources();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17",
                "--module-source-path", sources.toString(),
                "--module-path", Jars.api().toString(), "-Xlint:none"));
        for (Map.Entry<String, Source> m : modules.entrySet()) {
            Path moduleDir = sources.resolve(m.getKey());
            write(moduleDir.resolve("module-info.java"), m.getValue().moduleInfo(m.getKey()));
            Path file = moduleDir.resolve(m.getKey().replace('.', '/')).resolve(m.getValue().className + ".java");
            write(file, "package " + m.getKey() + ";\n" + m.getValue().body);
            args.add(file.toString());
            args.add(moduleDir.resolve("module-info.java").toString());
        }
        javac(args);
        for (Map.Entry<String, Source> m : modules.entrySet()) {
            Source s = m.getValue();
            write(classes.resolve(m.getKey()).resolve("META-INF/services/" + s.service), m.getKey() + "." + s.className + "\n");
        }
        write(classes.resolve(GHOST).resolve("META-INF/services/" + CODEC_SPI), GHOST + ".Missing\n");
        return new FakeProviders(classes);
    }

    private static void javac(List<String> args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed (" + status + "): " + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private record Source(String service, String className, String body) {
        String moduleInfo(String module) {
            return "module " + module + " { requires broadcast.api; provides " + service + " with " + module + "."
                    + className + "; }\n";
        }
    }

    private static Map<String, Source> sources() {
        Map<String, Source> m = new LinkedHashMap<>();
        m.put(YAML, new Source(CODEC_SPI, "YamlCodecProvider", """
                import broadcast.api.spi.*;
                import java.io.OutputStream;
                import java.nio.ByteBuffer;
                import java.nio.charset.StandardCharsets;
                public final class YamlCodecProvider implements CodecProvider {
                    public String name() { return "yaml"; }
                    public String contentType() { return "application/yaml"; }
                    public Codec create(ProviderConfig config) {
                        config.requireKnownKeys(java.util.Set.of("indent"));
                        return new YamlCodec();
                    }
                    static final class YamlCodec implements Codec {
                        public String name() { return "yaml"; }
                        public String contentType() { return "application/yaml"; }
                        public void encodeHeader(Frame frame, OutputStream out) { throw new UnsupportedOperationException(); }
                        public Frame decodeHeader(FrameKind kind, ByteBuffer header) { throw new UnsupportedOperationException(); }
                        public byte[] encodeData(Object data) { return ("value: " + data).getBytes(StandardCharsets.UTF_8); }
                        public Object decodeData(ByteBuffer payload) { return StandardCharsets.UTF_8.decode(payload).toString(); }
                        public <T> T decodeData(ByteBuffer payload, Class<T> type) { return type.cast(decodeData(payload)); }
                    }
                }
                """));
        m.put(DISK, new Source(STORE_SPI, "DiskStoreProvider", """
                import broadcast.api.spi.*;
                import java.util.*;
                public final class DiskStoreProvider implements StoreProvider {
                    public String name() { return "Disk"; }
                    public Set<String> settingKeys() { return StoreLimits.KEYS; }
                    public MessageStore create(ProviderConfig config) {
                        config.requireKnownKeys(settingKeys());
                        return new MessageStore() {
                            public AppendResult append(StoredMessage m, Collection<QueueKey> q) { throw new UnsupportedOperationException(); }
                            public List<QueuedMessage> read(QueueKey q, long after, int limit) { return List.of(); }
                            public void remove(QueueKey q, Collection<String> ids) { }
                            public long count(QueueKey q) { return 0; }
                            public long expire(long now) { return 0; }
                            public StoreStats stats() { return new StoreStats(0, 0, 0, 0, 0, 0, 0); }
                            public void close() { }
                        };
                    }
                }
                """));
        m.put(JSON_A, new Source(CODEC_SPI, "JsonCodecProvider", fakeCodec("JsonCodecProvider", "json")));
        m.put(JSON_B, new Source(CODEC_SPI, "JsonCodecProvider", fakeCodec("JsonCodecProvider", "JSON")));
        m.put(BROKEN, new Source(CODEC_SPI, "BrokenCodecProvider", """
                import broadcast.api.spi.*;
                public final class BrokenCodecProvider implements CodecProvider {
                    public BrokenCodecProvider() { throw new IllegalStateException("broken on purpose"); }
                    public String name() { return "broken"; }
                    public String contentType() { return "application/x-broken"; }
                    public Codec create(ProviderConfig config) { throw new UnsupportedOperationException(); }
                }
                """));
        m.put(NAMELESS, new Source(CODEC_SPI, "NamelessCodecProvider", fakeCodec("NamelessCodecProvider", null)));
        return m;
    }

    private static String fakeCodec(String className, String name) {
        return """
                import broadcast.api.spi.*;
                public final class %s implements CodecProvider {
                    public String name() { return %s; }
                    public String contentType() { return "application/json"; }
                    public Codec create(ProviderConfig config) { throw new UnsupportedOperationException("fake"); }
                }
                """.formatted(className, name == null ? "null" : "\"" + name + "\"");
    }
}
