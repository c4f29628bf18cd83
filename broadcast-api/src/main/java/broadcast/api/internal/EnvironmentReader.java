package broadcast.api.internal;

import broadcast.api.BroadcastConfig;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads {@link BroadcastConfig} settings from environment variables and system properties with
 * the original's prefix rule: the prefix is upper-cased and followed by {@code _} when it does not
 * end with one ({@code orders} reads {@code ORDERS_BROADCAST_PORT}); the system property
 * ({@code orders.broadcast.port}) wins over the variable. Every error names the variable (or
 * property) that was read and quotes its value. Not thread-safe; used once per read.
 */
public final class EnvironmentReader {

    private final String envPrefix;
    private final String propertyPrefix;
    private final Map<String, String> environment;
    private final Properties properties;
    /** The heartbeat values read, as {@code NAME="value"}, to name them if they conflict. */
    private final Map<String, String> heartbeatSources = new LinkedHashMap<>();

    public EnvironmentReader(String prefix, Map<String, String> environment, Properties properties) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.properties = Objects.requireNonNull(properties, "properties");
        if (prefix == null || prefix.isBlank()) {
            envPrefix = "";
            propertyPrefix = "";
        } else {
            String p = prefix.trim();
            String upper = p.toUpperCase(Locale.ROOT);
            envPrefix = upper.endsWith("_") ? upper : upper + "_";
            String lower = p.toLowerCase(Locale.ROOT).replace('_', '.');
            propertyPrefix = lower.endsWith(".") ? lower : lower + ".";
        }
    }

    /**
     * The config from the defaults and every variable that is set.
     *
     * @throws IllegalArgumentException if a value is invalid, or two values conflict; the message
     *     names the variables and quotes the values
     */
    public BroadcastConfig read() {
        BroadcastConfig.Builder builder = apply(BroadcastConfig.builder());
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + "; read " + String.join(", ", heartbeatSources.values()), e);
        }
    }

    /** Applies every variable that is set to the builder. */
    public BroadcastConfig.Builder apply(BroadcastConfig.Builder b) {
        read("HOST", b::host);
        read("PORT", v -> b.port(Settings.parseInt("port", v, 0)));
        read("URL", v -> b.url(Path.of(v)));
        read("CLIENT_NAME", b::clientName);
        read("CODEC", b::codec);
        read("STORE", b::store);
        read("STORE_PATH", v -> b.storeSetting("path", v));
        read("TOKEN", b::token);
        read("MAX_FRAME", v -> b.maxFrameBytes(frameBytes(v)));
        read("HEARTBEAT_INTERVAL", v -> b.heartbeatInterval(Settings.parseDuration("heartbeatInterval", v, null)));
        read("HEARTBEAT_TIMEOUT", v -> b.heartbeatTimeout(Settings.parseDuration("heartbeatTimeout", v, null)));
        return b;
    }

    /** The environment variable read for a key, e.g. {@code ORDERS_BROADCAST_PORT}. */
    private String variable(String key) {
        return envPrefix + "BROADCAST_" + key;
    }

    /** The system property read for a key, e.g. {@code orders.broadcast.port}. */
    private String property(String key) {
        return propertyPrefix + "broadcast." + key.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private void read(String key, Consumer<String> setter) {
        String source = property(key);
        String value = properties.getProperty(source);
        if (value == null) {
            source = variable(key);
            value = environment.get(source);
        }
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + "=\"" + value + "\" is invalid: " + e.getMessage(), e);
        }
        if (key.startsWith("HEARTBEAT_")) {
            heartbeatSources.put(key, source + "=\"" + value + "\"");
        }
    }

    private static int frameBytes(String value) {
        long bytes = Settings.parseBytes("maxFrameBytes", value, 0);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxFrameBytes must be within " + BroadcastConfig.MIN_MAX_FRAME_BYTES
                    + ".." + BroadcastConfig.MAX_MAX_FRAME_BYTES + ", was " + bytes);
        }
        return (int) bytes;
    }
}
