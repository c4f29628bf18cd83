package broadcast.api.internal;

import broadcast.api.BroadcastConfig;
import broadcast.api.HubLimits;
import broadcast.api.TlsConfig;

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
    /** The TLS values read, as {@code NAME="value"} (passwords hidden), to name them if they conflict. */
    private final Map<String, String> tlsSources = new LinkedHashMap<>();

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
        read("USERS_FILE", v -> b.usersFile(path("usersFile", v)));
        read("MAX_FRAME", v -> b.maxFrameBytes(frameBytes(v)));
        read("HEARTBEAT_INTERVAL", v -> b.heartbeatInterval(Settings.parseDuration("heartbeatInterval", v, null)));
        read("HEARTBEAT_TIMEOUT", v -> b.heartbeatTimeout(Settings.parseDuration("heartbeatTimeout", v, null)));
        readTls(b);
        readLimits(b);
        return b;
    }

    /** The hub's limits: when any is set, those set and the defaults of the others. */
    private void readLimits(BroadcastConfig.Builder b) {
        HubLimits.Builder limits = HubLimits.builder();
        boolean[] any = {false};
        readLimit("MAX_CONNECTIONS", any, v -> limits.maxConnections(Settings.parseInt("maxConnections", v, 0)));
        readLimit("MAX_SUBSCRIPTIONS", any, v -> limits.maxSubscriptions(Settings.parseInt("maxSubscriptions", v, 0)));
        readLimit("MAX_NAME_LENGTH", any, v -> limits.maxNameLength(Settings.parseInt("maxNameLength", v, 0)));
        readLimit("HANDSHAKE_TIMEOUT", any, v -> limits.handshakeTimeout(Settings.parseDuration("handshakeTimeout", v, null)));
        readLimit("WRITE_BUFFER", any, v -> limits.writeBufferBytes(intBytes("writeBufferBytes", v)));
        readLimit("SLOW_CONSUMER_TIMEOUT", any,
                v -> limits.slowConsumerTimeout(Settings.parseDuration("slowConsumerTimeout", v, null)));
        if (any[0]) {
            b.limits(limits.build());
        }
    }

    private void readLimit(String key, boolean[] any, Consumer<String> setter) {
        read(key, v -> {
            setter.accept(v);
            any[0] = true;
        });
    }

    private static int intBytes(String what, String value) {
        long bytes = Settings.parseBytes(what, value, 0);
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be at most " + Integer.MAX_VALUE + ", was " + bytes);
        }
        return (int) bytes;
    }

    /** TLS is on when {@code TLS} is true or any {@code TLS_...} variable is set. */
    private void readTls(BroadcastConfig.Builder b) {
        TlsConfig.Builder tls = TlsConfig.builder();
        Boolean[] on = {null};
        read("TLS", v -> on[0] = Settings.parseBoolean("tls", v, false));
        read("TLS_CERT", v -> tls.certificateChain(path("tls certificateChain", v)));
        read("TLS_KEY", v -> tls.privateKey(path("tls privateKey", v)));
        read("TLS_KEYSTORE", v -> tls.keyStore(path("tls keyStore", v)));
        read("TLS_KEY_PASSWORD", tls::keyPassword);
        read("TLS_CA", v -> tls.trustedCertificates(path("tls trustedCertificates", v)));
        read("TLS_CLIENT_AUTH", v -> tls.clientAuth(clientAuth(v)));
        read("TLS_VERIFY_HOSTNAME", v -> tls.verifyHostname(Settings.parseBoolean("tls verifyHostname", v, true)));
        boolean settings = tlsSources.keySet().stream().anyMatch(k -> !k.equals("TLS"));
        if (on[0] == Boolean.FALSE) {
            if (settings) {
                throw new IllegalArgumentException("TLS settings conflict: " + String.join(", ", tlsSources.values()));
            }
            return;
        }
        if (on[0] == null && !settings) {
            return;
        }
        try {
            b.tls(tls.build());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage() + "; read " + String.join(", ", tlsSources.values()), e);
        }
    }

    private static Path path(String what, String value) {
        return Path.of(Checks.notBlank(what, value));
    }

    private static TlsConfig.ClientAuth clientAuth(String value) {
        try {
            return TlsConfig.ClientAuth.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls clientAuth must be none, optional or required, was \"" + value + "\"");
        }
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
            String shown = key.endsWith("PASSWORD") ? "***" : value;
            throw new IllegalArgumentException(source + "=\"" + shown + "\" is invalid: " + e.getMessage(), e);
        }
        if (key.startsWith("HEARTBEAT_")) {
            heartbeatSources.put(key, source + "=\"" + value + "\"");
        }
        if (key.startsWith("TLS")) {
            tlsSources.put(key, source + "=\"" + (key.endsWith("PASSWORD") ? "***" : value) + "\"");
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
