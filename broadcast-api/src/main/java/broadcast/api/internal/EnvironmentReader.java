package broadcast.api.internal;

import broadcast.api.BroadcastConfig;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Reads {@link BroadcastConfig} settings from environment variables and system properties with
 * the original's prefix rule. Errors name the variable (or property) and the value. Not
 * thread-safe; used once per read.
 */
public final class EnvironmentReader {

    private final String envPrefix;
    private final String propertyPrefix;
    private final Map<String, String> environment;
    private final Properties properties;

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

    /** Applies every variable that is set to the builder. */
    public BroadcastConfig.Builder apply(BroadcastConfig.Builder b) {
        read("HOST", b::host);
        read("PORT", v -> b.port(Settings.parseInt(name("PORT"), v, 0)));
        read("URL", v -> b.url(Path.of(v)));
        read("CLIENT_NAME", b::clientName);
        read("CODEC", b::codec);
        read("STORE", b::store);
        read("STORE_PATH", v -> b.storeSetting("path", v));
        read("TOKEN", b::token);
        read("MAX_FRAME", v -> b.maxFrameBytes((int) Math.min(Integer.MAX_VALUE,
                Settings.parseBytes(name("MAX_FRAME"), v, 0))));
        read("HEARTBEAT_INTERVAL", v -> b.heartbeatInterval(Settings.parseDuration(name("HEARTBEAT_INTERVAL"), v, null)));
        read("HEARTBEAT_TIMEOUT", v -> b.heartbeatTimeout(Settings.parseDuration(name("HEARTBEAT_TIMEOUT"), v, null)));
        return b;
    }

    private void read(String key, Consumer<String> setter) {
        String property = propertyPrefix + "broadcast." + key.toLowerCase(Locale.ROOT).replace('_', '.');
        String env = envPrefix + "BROADCAST_" + key;
        String fromProperty = properties.getProperty(property);
        String source = fromProperty != null ? property : env;
        String value = fromProperty != null ? fromProperty : environment.get(env);
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            if (message != null && message.startsWith(source)) {
                throw e;
            }
            throw new IllegalArgumentException(source + "=\"" + value + "\" is invalid: " + message, e);
        }
    }

    private String name(String key) {
        return envPrefix + "BROADCAST_" + key;
    }
}
