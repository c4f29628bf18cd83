package broadcast.api;

import broadcast.api.internal.Checks;
import broadcast.api.internal.EnvironmentReader;
import broadcast.api.internal.Names;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The settings of a hub or a client: where the hub listens, the client's name, the codec and the
 * store chosen by name, the frame size, heartbeats, reconnection, and the hub's limits. Immutable;
 * made by {@link #builder()} or read with {@link #fromEnvironment(String)}. Thread-safe; the builder
 * is not.
 *
 * <table class="striped">
 * <caption>Settings, their environment variables and defaults</caption>
 * <tr><th>setting</th><th>environment / system property</th><th>default</th></tr>
 * <tr><td>{@link #host()}</td><td>{@code BROADCAST_HOST} / {@code broadcast.host}</td><td>{@value #DEFAULT_HOST}</td></tr>
 * <tr><td>{@link #port()}</td><td>{@code BROADCAST_PORT} / {@code broadcast.port}</td><td>{@value #DEFAULT_PORT}</td></tr>
 * <tr><td>{@link #url()} (Unix socket path)</td><td>{@code BROADCAST_URL} / {@code broadcast.url}</td><td>none: TCP</td></tr>
 * <tr><td>{@link #clientName()}</td><td>{@code BROADCAST_CLIENT_NAME} / {@code broadcast.client.name}</td><td>none: the hub assigns one</td></tr>
 * <tr><td>{@link #codec()}</td><td>{@code BROADCAST_CODEC} / {@code broadcast.codec}</td><td>{@value #DEFAULT_CODEC}</td></tr>
 * <tr><td>{@link #store()}</td><td>{@code BROADCAST_STORE} / {@code broadcast.store}</td><td>{@value #DEFAULT_STORE}</td></tr>
 * <tr><td>store setting {@code path}</td><td>{@code BROADCAST_STORE_PATH} / {@code broadcast.store.path}</td><td>the store's own</td></tr>
 * <tr><td>{@link #token()}</td><td>{@code BROADCAST_TOKEN} / {@code broadcast.token}</td><td>none</td></tr>
 * <tr><td>{@link #usersFile()}</td><td>{@code BROADCAST_USERS_FILE} / {@code broadcast.users.file}</td><td>none</td></tr>
 * <tr><td>{@link #tls()}</td><td>{@code BROADCAST_TLS}, {@code BROADCAST_TLS_...} (see {@link TlsConfig})</td><td>none: plain TCP</td></tr>
 * <tr><td>{@link #maxFrameBytes()}</td><td>{@code BROADCAST_MAX_FRAME} / {@code broadcast.max.frame}</td><td>{@value #DEFAULT_MAX_FRAME_BYTES}</td></tr>
 * <tr><td>{@link #heartbeatInterval()}</td><td>{@code BROADCAST_HEARTBEAT_INTERVAL} / {@code broadcast.heartbeat.interval}</td><td>{@value #DEFAULT_HEARTBEAT_INTERVAL_MS} ms</td></tr>
 * <tr><td>{@link #heartbeatTimeout()}</td><td>{@code BROADCAST_HEARTBEAT_TIMEOUT} / {@code broadcast.heartbeat.timeout}</td><td>{@value #DEFAULT_HEARTBEAT_TIMEOUT_MS} ms</td></tr>
 * <tr><td>{@link HubLimits#maxConnections()}</td><td>{@code BROADCAST_MAX_CONNECTIONS} / {@code broadcast.max.connections}</td><td>{@value HubLimits#DEFAULT_MAX_CONNECTIONS}</td></tr>
 * <tr><td>{@link HubLimits#maxSubscriptions()}</td><td>{@code BROADCAST_MAX_SUBSCRIPTIONS} / {@code broadcast.max.subscriptions}</td><td>{@value HubLimits#DEFAULT_MAX_SUBSCRIPTIONS}</td></tr>
 * <tr><td>{@link HubLimits#maxNameLength()}</td><td>{@code BROADCAST_MAX_NAME_LENGTH} / {@code broadcast.max.name.length}</td><td>{@value HubLimits#DEFAULT_MAX_NAME_LENGTH}</td></tr>
 * <tr><td>{@link HubLimits#handshakeTimeout()}</td><td>{@code BROADCAST_HANDSHAKE_TIMEOUT} / {@code broadcast.handshake.timeout}</td><td>{@value HubLimits#DEFAULT_HANDSHAKE_TIMEOUT_MS} ms</td></tr>
 * <tr><td>{@link HubLimits#writeBufferBytes()}</td><td>{@code BROADCAST_WRITE_BUFFER} / {@code broadcast.write.buffer}</td><td>{@value HubLimits#DEFAULT_WRITE_BUFFER_BYTES}</td></tr>
 * <tr><td>{@link HubLimits#slowConsumerTimeout()}</td><td>{@code BROADCAST_SLOW_CONSUMER_TIMEOUT} / {@code broadcast.slow.consumer.timeout}</td><td>{@value HubLimits#DEFAULT_SLOW_CONSUMER_TIMEOUT_MS} ms</td></tr>
 * </table>
 */
public final class BroadcastConfig {

    /** Default host: {@value}. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port: {@value}. */
    public static final int DEFAULT_PORT = 9000;
    /** Default codec: {@value}. */
    public static final String DEFAULT_CODEC = "json";
    /** Default store: {@value}. */
    public static final String DEFAULT_STORE = "memory";
    /** Default maximum frame size, 1 MiB: {@value}. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    /** Smallest maximum frame size accepted: {@value}. */
    public static final int MIN_MAX_FRAME_BYTES = 4 * 1024;
    /** Largest maximum frame size accepted, 64 MiB: {@value}. */
    public static final int MAX_MAX_FRAME_BYTES = 64 * 1024 * 1024;
    /** Default heartbeat interval, in milliseconds: {@value}. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;
    /** Default heartbeat timeout, in milliseconds: {@value}. */
    public static final long DEFAULT_HEARTBEAT_TIMEOUT_MS = 15_000;
    /** Default connect timeout, in milliseconds: {@value}. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    /** Default outbox bound, in messages: {@value}. */
    public static final int DEFAULT_OUTBOX_MESSAGES = 10_000;
    /** Default number of received message ids a client remembers to drop duplicates: {@value}. */
    public static final int DEFAULT_DEDUPLICATION_WINDOW = 16_384;

    private final String host;
    private final int port;
    private final Path url;
    private final String clientName;
    private final String codec;
    private final Map<String, String> codecSettings;
    private final Map<String, Map<String, String>> codecSettingsByName;
    private final String store;
    private final Map<String, String> storeSettings;
    private final String token;
    private final Path usersFile;
    private final TlsConfig tls;
    private final int maxFrameBytes;
    private final Duration heartbeatInterval;
    private final Duration heartbeatTimeout;
    private final Duration connectTimeout;
    private final ReconnectPolicy reconnect;
    private final int outboxMessages;
    private final int deduplicationWindow;
    private final boolean transientOutcomes;
    private final HubLimits limits;

    private BroadcastConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.url = b.url;
        this.clientName = b.clientName;
        this.codec = b.codec;
        this.codecSettings = Map.copyOf(b.codecSettings);
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        b.codecSettingsByName.forEach((name, settings) -> byName.put(name, Map.copyOf(settings)));
        this.codecSettingsByName = Map.copyOf(byName);
        this.store = b.store;
        this.storeSettings = Map.copyOf(b.storeSettings);
        this.token = b.token;
        this.usersFile = b.usersFile;
        this.tls = b.tls;
        this.maxFrameBytes = b.maxFrameBytes;
        this.heartbeatInterval = b.heartbeatInterval;
        this.heartbeatTimeout = b.heartbeatTimeout;
        this.connectTimeout = b.connectTimeout;
        this.reconnect = b.reconnect;
        this.outboxMessages = b.outboxMessages;
        this.deduplicationWindow = b.deduplicationWindow;
        this.transientOutcomes = b.transientOutcomes;
        this.limits = b.limits;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static BroadcastConfig defaults() {
        return builder().build();
    }

    /**
     * Reads the settings from the environment and system properties, as the original did. With a
     * prefix, it is upper-cased and followed by {@code _} when it does not end with one: prefix
     * {@code orders} reads {@code ORDERS_BROADCAST_PORT} (and the system property
     * {@code orders.broadcast.port}). A system property wins over the environment variable. A
     * variable that is not set leaves the default; one that is set, even to an empty value, must
     * be valid.
     *
     * @param prefix the prefix, or {@code null} or empty for none
     * @throws IllegalArgumentException if a value is invalid, or two conflict; the message names the variable and
     *     quotes the value, e.g. {@code ORDERS_BROADCAST_PORT="abc" is invalid: port must be a whole number, was "abc"}
     */
    public static BroadcastConfig fromEnvironment(String prefix) {
        return fromEnvironment(prefix, System.getenv(), System.getProperties());
    }

    /**
     * As {@link #fromEnvironment(String)}, from the given variables and properties.
     *
     * @throws IllegalArgumentException if a value is invalid; the message names the variable and the value
     */
    public static BroadcastConfig fromEnvironment(String prefix, Map<String, String> environment, Properties properties) {
        return new EnvironmentReader(prefix, environment, properties).read();
    }

    /** A builder with these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.url = url;
        b.clientName = clientName;
        b.codec = codec;
        b.codecSettings.putAll(codecSettings);
        codecSettingsByName.forEach((name, settings) -> b.codecSettingsByName.put(name, new LinkedHashMap<>(settings)));
        b.store = store;
        b.storeSettings.putAll(storeSettings);
        b.token = token;
        b.usersFile = usersFile;
        b.tls = tls;
        b.maxFrameBytes = maxFrameBytes;
        b.heartbeatInterval = heartbeatInterval;
        b.heartbeatTimeout = heartbeatTimeout;
        b.connectTimeout = connectTimeout;
        b.reconnect = reconnect;
        b.outboxMessages = outboxMessages;
        b.deduplicationWindow = deduplicationWindow;
        b.transientOutcomes = transientOutcomes;
        b.limits = limits;
        return b;
    }

    /** The host the hub listens on, or the client connects to. */
    public String host() {
        return host;
    }

    /** The TCP port; 0 lets a hub choose one. */
    public int port() {
        return port;
    }

    /** The Unix domain socket path (the original's {@code url}); when present it is used instead of host and port. */
    public Optional<Path> url() {
        return Optional.ofNullable(url);
    }

    /** The client's name; when absent the hub assigns one. */
    public Optional<String> clientName() {
        return Optional.ofNullable(clientName);
    }

    /** The codec's name, lower-case. */
    public String codec() {
        return codec;
    }

    /**
     * Settings passed to the provider of the configured codec: those given with
     * {@link Builder#codecSetting(String, String)} and those given for it by name; the same as
     * {@code codecSettings(codec())}.
     */
    public Map<String, String> codecSettings() {
        return codecSettings(codec);
    }

    /**
     * Settings passed to the provider of the codec with that name, ignoring case: those given for
     * it with {@link Builder#codecSetting(String, String, String)}, and, for the configured codec,
     * also those given with {@link Builder#codecSetting(String, String)} (a setting given by name
     * wins). A hub uses them for every codec its clients ask for; a client for every codec whose
     * payloads it decodes, so a JSON client can read Kryo payloads of the classes registered
     * here.
     *
     * @return the settings, unmodifiable; empty when none were given
     */
    public Map<String, String> codecSettings(String codec) {
        String name = Checks.providerName("codec", codec);
        Map<String, String> named = codecSettingsByName.getOrDefault(name, Map.of());
        if (!name.equals(this.codec) || codecSettings.isEmpty()) {
            return named;
        }
        if (named.isEmpty()) {
            return codecSettings;
        }
        Map<String, String> merged = new LinkedHashMap<>(codecSettings);
        merged.putAll(named);
        return Map.copyOf(merged);
    }

    /** The names of the codecs that were given settings by name, lower-case. */
    public Set<String> codecsWithSettings() {
        return codecSettingsByName.keySet();
    }

    /** The hub's store name, lower-case. */
    public String store() {
        return store;
    }

    /** Settings passed to the store provider (for example {@code path} for {@code h2}). */
    public Map<String, String> storeSettings() {
        return storeSettings;
    }

    /**
     * The token a client sends in its HELLO, or the token a hub requires (a shared secret). With a
     * hub that has a {@link #usersFile()}, a client's token is {@code user:secret}.
     */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /**
     * The hub's users file: the users who may connect, each with a hashed token, the client names
     * it may take and the channels it may publish and subscribe to. A hub with one requires a token
     * ({@code user:secret}) of every client and denies what the file does not allow. Read at the
     * hub's {@code start()}; its format is described by the transport ({@code docs/protocol.md},
     * "Authentication"). A hub takes a users file or a shared {@link #token()}, not both.
     */
    public Optional<Path> usersFile() {
        return Optional.ofNullable(usersFile);
    }

    /** The TLS settings; when present, the hub or client speaks TLS only. */
    public Optional<TlsConfig> tls() {
        return Optional.ofNullable(tls);
    }

    /** The largest frame, in bytes, this side accepts; the smaller of both sides' applies. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** How long a connection may be idle before this side sends a PING. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long without any frame from the peer before the connection is considered dead. */
    public Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    /** How long a client waits for one TCP connection and handshake attempt. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How a client retries after losing its connection. */
    public ReconnectPolicy reconnect() {
        return reconnect;
    }

    /**
     * How many messages a client keeps while disconnected or unacknowledged; past it
     * {@code sendMessage} completes at once with {@code NOT_DELIVERED OUTBOX_FULL}.
     */
    public int outboxMessages() {
        return outboxMessages;
    }

    /** How many received message ids a client remembers to drop duplicates. */
    public int deduplicationWindow() {
        return deduplicationWindow;
    }

    /** Whether a client asks the hub for the outcome of transient messages too (the command line does). */
    public boolean transientOutcomes() {
        return transientOutcomes;
    }

    /** The hub's limits. */
    public HubLimits limits() {
        return limits;
    }

    /** Where this config points: the socket path, or {@code host:port}. */
    public String address() {
        return url != null ? url.toString() : host + ":" + port;
    }

    @Override
    public String toString() {
        return "BroadcastConfig[address=" + address() + ", clientName=" + clientName + ", codec=" + codec
                + (codecSettingsByName.isEmpty() ? "" : ", codecSettingsByName=" + codecSettingsByName)
                + ", store=" + store + ", storeSettings=" + storeSettings + ", token=" + (token == null ? "none" : "***")
                + (usersFile == null ? "" : ", usersFile=" + usersFile) + ", tls=" + (tls == null ? "off" : tls)
                + ", maxFrameBytes=" + maxFrameBytes + ", heartbeatInterval=" + heartbeatInterval
                + ", heartbeatTimeout=" + heartbeatTimeout + ", " + reconnect + ", outboxMessages=" + outboxMessages
                + ", " + limits + "]";
    }

    /** Builds a {@link BroadcastConfig}. Every setting has a default. Not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Path url;
        private String clientName;
        private String codec = DEFAULT_CODEC;
        private final Map<String, String> codecSettings = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> codecSettingsByName = new LinkedHashMap<>();
        private String store = DEFAULT_STORE;
        private final Map<String, String> storeSettings = new LinkedHashMap<>();
        private String token;
        private Path usersFile;
        private TlsConfig tls;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private Duration heartbeatInterval = Duration.ofMillis(DEFAULT_HEARTBEAT_INTERVAL_MS);
        private Duration heartbeatTimeout = Duration.ofMillis(DEFAULT_HEARTBEAT_TIMEOUT_MS);
        private Duration connectTimeout = Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS);
        private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
        private int outboxMessages = DEFAULT_OUTBOX_MESSAGES;
        private int deduplicationWindow = DEFAULT_DEDUPLICATION_WINDOW;
        private boolean transientOutcomes;
        private HubLimits limits = HubLimits.defaults();

        private Builder() {
        }

        /** Default {@value BroadcastConfig#DEFAULT_HOST}. @throws IllegalArgumentException if blank */
        public Builder host(String host) {
            this.host = Checks.notBlank("host", host);
            return this;
        }

        /** Default {@value BroadcastConfig#DEFAULT_PORT}. @throws IllegalArgumentException if not within 0..65535 */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be within 0..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A Unix domain socket path, used instead of host and port; {@code null} for TCP (the default).
         *
         * @throws IllegalArgumentException if the path is empty
         */
        public Builder url(Path url) {
            this.url = Checks.notEmptyOrNull("url", url);
            return this;
        }

        /** The client's name; {@code null} (the default) lets the hub assign one. @throws IllegalArgumentException if invalid */
        public Builder clientName(String clientName) {
            this.clientName = Names.requireValidOrNull("clientName", clientName);
            return this;
        }

        /** The codec's name, matched ignoring case; default {@value BroadcastConfig#DEFAULT_CODEC}. */
        public Builder codec(String codec) {
            this.codec = Checks.providerName("codec", codec);
            return this;
        }

        /** One setting for the provider of the configured codec, whichever {@link #codec(String)} names. */
        public Builder codecSetting(String key, String value) {
            codecSettings.put(Checks.notBlank("codec setting key", key), Objects.requireNonNull(value, key));
            return this;
        }

        /**
         * One setting for the provider of the codec with that name (matched ignoring case), whether
         * or not it is the configured codec: e.g. {@code codecSetting("kryo", "classes",
         * "100:com.acme.Order")} lets a client of any codec read the Kryo payloads of
         * {@code com.acme.Order}. The codec must be installed where the config is used, and the
         * setting valid for it, or the hub or client fails when it is made.
         *
         * @throws IllegalArgumentException if the codec name or the key is blank
         */
        public Builder codecSetting(String codec, String key, String value) {
            codecSettingsByName.computeIfAbsent(Checks.providerName("codec", codec), k -> new LinkedHashMap<>())
                    .put(Checks.notBlank("codec setting key", key), Objects.requireNonNull(value, key));
            return this;
        }

        /** The store's name, matched ignoring case; default {@value BroadcastConfig#DEFAULT_STORE}. */
        public Builder store(String store) {
            this.store = Checks.providerName("store", store);
            return this;
        }

        /** One setting for the store provider, for example {@code path} for {@code h2}. */
        public Builder storeSetting(String key, String value) {
            storeSettings.put(Checks.notBlank("store setting key", key), Objects.requireNonNull(value, key));
            return this;
        }

        /** The token; {@code null} (the default) for none. @throws IllegalArgumentException if empty */
        public Builder token(String token) {
            this.token = token == null ? null : Checks.notBlank("token", token);
            return this;
        }

        /**
         * The hub's users file; {@code null} (the default) for none.
         *
         * @throws IllegalArgumentException if the path is empty
         */
        public Builder usersFile(Path usersFile) {
            this.usersFile = Checks.notEmptyOrNull("usersFile", usersFile);
            return this;
        }

        /** TLS settings, turning TLS on; {@code null} (the default) for plain TCP. */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Default {@value BroadcastConfig#DEFAULT_MAX_FRAME_BYTES}.
         *
         * @throws IllegalArgumentException if not within {@value BroadcastConfig#MIN_MAX_FRAME_BYTES}..{@value BroadcastConfig#MAX_MAX_FRAME_BYTES}
         */
        public Builder maxFrameBytes(int maxFrameBytes) {
            if (maxFrameBytes < MIN_MAX_FRAME_BYTES || maxFrameBytes > MAX_MAX_FRAME_BYTES) {
                throw new IllegalArgumentException("maxFrameBytes must be within " + MIN_MAX_FRAME_BYTES + ".."
                        + MAX_MAX_FRAME_BYTES + ", was " + maxFrameBytes);
            }
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /** Default {@value BroadcastConfig#DEFAULT_HEARTBEAT_INTERVAL_MS} ms. @throws IllegalArgumentException if not positive */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Checks.positive("heartbeatInterval", interval);
            return this;
        }

        /** Default {@value BroadcastConfig#DEFAULT_HEARTBEAT_TIMEOUT_MS} ms. @throws IllegalArgumentException if not positive */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = Checks.positive("heartbeatTimeout", timeout);
            return this;
        }

        /** Default {@value BroadcastConfig#DEFAULT_CONNECT_TIMEOUT_MS} ms. @throws IllegalArgumentException if not positive */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive("connectTimeout", timeout);
            return this;
        }

        /** Default {@link ReconnectPolicy#defaults()}. */
        public Builder reconnect(ReconnectPolicy policy) {
            this.reconnect = Objects.requireNonNull(policy, "reconnect");
            return this;
        }

        /** Default {@value BroadcastConfig#DEFAULT_OUTBOX_MESSAGES}. @throws IllegalArgumentException if not positive */
        public Builder outboxMessages(int messages) {
            this.outboxMessages = Checks.positive("outboxMessages", messages);
            return this;
        }

        /** Default {@value BroadcastConfig#DEFAULT_DEDUPLICATION_WINDOW}. @throws IllegalArgumentException if not positive */
        public Builder deduplicationWindow(int ids) {
            this.deduplicationWindow = Checks.positive("deduplicationWindow", ids);
            return this;
        }

        /** Whether to ask the hub for outcomes of transient messages too; default {@code false}. */
        public Builder transientOutcomes(boolean transientOutcomes) {
            this.transientOutcomes = transientOutcomes;
            return this;
        }

        /** Default {@link HubLimits#defaults()}. */
        public Builder limits(HubLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalStateException if the heartbeat timeout is not longer than the interval
         */
        public BroadcastConfig build() {
            if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
                throw new IllegalStateException("heartbeatTimeout (" + heartbeatTimeout
                        + ") must be longer than heartbeatInterval (" + heartbeatInterval + ")");
            }
            return new BroadcastConfig(this);
        }
    }
}
