package broadcast.cli.internal;

import broadcast.api.BroadcastConfig;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where settings come from besides the command line: the environment variables
 * ({@code BROADCAST_PORT}) and system properties ({@code broadcast.port}) that
 * {@link BroadcastConfig#fromEnvironment(String, Map, Properties)} reads. An option given on the
 * command line wins: the variable it replaces is not read at all, so a bad value there does not
 * stand in the way. Immutable.
 *
 * @param variables the environment variables
 * @param properties the system properties
 */
public record Environment(Map<String, String> variables, Properties properties) {

    /** Every setting the commands read, as the suffix of {@code BROADCAST_...}. */
    static final String HOST = "HOST";
    static final String PORT = "PORT";
    static final String URL = "URL";
    static final String CLIENT_NAME = "CLIENT_NAME";
    static final String CODEC = "CODEC";
    static final String STORE = "STORE";
    static final String STORE_PATH = "STORE_PATH";
    static final String TOKEN = "TOKEN";
    static final String USERS_FILE = "USERS_FILE";
    static final String TLS = "TLS";
    static final String TLS_CERT = "TLS_CERT";
    static final String TLS_KEY = "TLS_KEY";
    static final String TLS_KEYSTORE = "TLS_KEYSTORE";
    static final String TLS_KEY_PASSWORD = "TLS_KEY_PASSWORD";
    static final String TLS_CA = "TLS_CA";
    static final String TLS_CLIENT_AUTH = "TLS_CLIENT_AUTH";
    static final String TLS_VERIFY_HOSTNAME = "TLS_VERIFY_HOSTNAME";
    static final String MAX_FRAME = "MAX_FRAME";
    static final String HEARTBEAT_INTERVAL = "HEARTBEAT_INTERVAL";
    static final String HEARTBEAT_TIMEOUT = "HEARTBEAT_TIMEOUT";
    static final String MAX_CONNECTIONS = "MAX_CONNECTIONS";
    static final String MAX_SUBSCRIPTIONS = "MAX_SUBSCRIPTIONS";
    static final String MAX_NAME_LENGTH = "MAX_NAME_LENGTH";
    static final String HANDSHAKE_TIMEOUT = "HANDSHAKE_TIMEOUT";
    static final String WRITE_BUFFER = "WRITE_BUFFER";
    static final String SLOW_CONSUMER_TIMEOUT = "SLOW_CONSUMER_TIMEOUT";
    /** Read by {@code broadcast server} itself, not part of the config. */
    static final String STATS_INTERVAL = "STATS_INTERVAL";

    /** @throws NullPointerException if an argument is null */
    public Environment {
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(properties, "properties");
    }

    /** This process's environment and system properties. */
    public static Environment system() {
        return new Environment(System.getenv(), System.getProperties());
    }

    /** No variables, no properties: the defaults only. */
    public static Environment none() {
        return new Environment(Map.of(), new Properties());
    }

    /** A setting's value, the system property winning over the variable, or null. */
    String value(String key) {
        String property = properties.getProperty("broadcast." + key.toLowerCase(Locale.ROOT).replace('_', '.'));
        return property != null ? property : variables.get("BROADCAST_" + key);
    }

    /**
     * A config of the defaults and the given settings found in the environment, except those the
     * command line replaces.
     *
     * @param keys the settings the command reads, e.g. {@link #PORT}
     * @param replaced the settings given on the command line
     * @throws CliException if a variable or property that is read is invalid (the message names it
     *     and quotes the value)
     */
    BroadcastConfig config(Collection<String> keys, Collection<String> replaced) {
        Map<String, String> env = new HashMap<>();
        Properties props = new Properties();
        for (String key : keys) {
            if (replaced.contains(key)) {
                continue;
            }
            String variable = "BROADCAST_" + key;
            String property = "broadcast." + key.toLowerCase(Locale.ROOT).replace('_', '.');
            if (variables.containsKey(variable)) {
                env.put(variable, variables.get(variable));
            }
            if (properties.getProperty(property) != null) {
                props.setProperty(property, properties.getProperty(property));
            }
        }
        try {
            return BroadcastConfig.fromEnvironment(null, env, props);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage(), e);
        }
    }
}
