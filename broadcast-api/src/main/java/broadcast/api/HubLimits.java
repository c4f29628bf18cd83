package broadcast.api;

import broadcast.api.internal.Checks;

import java.time.Duration;

/**
 * The hub's limits: how much one connection may take. Immutable; made by {@link #builder()}; the
 * builder is not thread-safe.
 */
public final class HubLimits {

    /** Default maximum number of connections: {@value}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Default maximum number of channels one connection may subscribe to: {@value}. */
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1_000;
    /** Default longest client or channel name, in characters: {@value}. */
    public static final int DEFAULT_MAX_NAME_LENGTH = BroadcastMessage.MAX_NAME_LENGTH;
    /** Default time a new connection has to send its HELLO, in milliseconds: {@value}. */
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
    /** Default bytes a connection may have waiting to be written before it counts as slow: {@value}. */
    public static final int DEFAULT_WRITE_BUFFER_BYTES = 16 * 1024 * 1024;
    /** Default time a slow recipient may stay stuck before it is disconnected, in milliseconds: {@value}. */
    public static final long DEFAULT_SLOW_CONSUMER_TIMEOUT_MS = 30_000;

    private static final HubLimits DEFAULTS = builder().build();

    private final int maxConnections;
    private final int maxSubscriptions;
    private final int maxNameLength;
    private final Duration handshakeTimeout;
    private final int writeBufferBytes;
    private final Duration slowConsumerTimeout;

    private HubLimits(Builder b) {
        this.maxConnections = b.maxConnections;
        this.maxSubscriptions = b.maxSubscriptions;
        this.maxNameLength = b.maxNameLength;
        this.handshakeTimeout = b.handshakeTimeout;
        this.writeBufferBytes = b.writeBufferBytes;
        this.slowConsumerTimeout = b.slowConsumerTimeout;
    }

    /** The default limits. */
    public static HubLimits defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with these values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxConnections = maxConnections;
        b.maxSubscriptions = maxSubscriptions;
        b.maxNameLength = maxNameLength;
        b.handshakeTimeout = handshakeTimeout;
        b.writeBufferBytes = writeBufferBytes;
        b.slowConsumerTimeout = slowConsumerTimeout;
        return b;
    }

    /** Maximum number of connections; one more is refused with {@link ErrorCode#LIMIT_EXCEEDED}. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Maximum number of channels one connection may subscribe to. */
    public int maxSubscriptions() {
        return maxSubscriptions;
    }

    /** Longest client or channel name, in characters. */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** Time a new connection has to send its HELLO. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Bytes a connection may have waiting to be written before the hub treats it as a slow consumer. */
    public int writeBufferBytes() {
        return writeBufferBytes;
    }

    /** Time a slow recipient may stay stuck before the hub disconnects it. */
    public Duration slowConsumerTimeout() {
        return slowConsumerTimeout;
    }

    @Override
    public String toString() {
        return "HubLimits[maxConnections=" + maxConnections + ", maxSubscriptions=" + maxSubscriptions
                + ", maxNameLength=" + maxNameLength + ", handshakeTimeout=" + handshakeTimeout
                + ", writeBufferBytes=" + writeBufferBytes + ", slowConsumerTimeout=" + slowConsumerTimeout + "]";
    }

    /** Builds {@link HubLimits}. Not thread-safe. */
    public static final class Builder {
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxSubscriptions = DEFAULT_MAX_SUBSCRIPTIONS;
        private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;
        private Duration handshakeTimeout = Duration.ofMillis(DEFAULT_HANDSHAKE_TIMEOUT_MS);
        private int writeBufferBytes = DEFAULT_WRITE_BUFFER_BYTES;
        private Duration slowConsumerTimeout = Duration.ofMillis(DEFAULT_SLOW_CONSUMER_TIMEOUT_MS);

        private Builder() {
        }

        /** Default {@value HubLimits#DEFAULT_MAX_CONNECTIONS}. @throws IllegalArgumentException if not positive */
        public Builder maxConnections(int value) {
            this.maxConnections = Checks.positive("maxConnections", value);
            return this;
        }

        /** Default {@value HubLimits#DEFAULT_MAX_SUBSCRIPTIONS}. @throws IllegalArgumentException if not positive */
        public Builder maxSubscriptions(int value) {
            this.maxSubscriptions = Checks.positive("maxSubscriptions", value);
            return this;
        }

        /**
         * Default {@value HubLimits#DEFAULT_MAX_NAME_LENGTH}.
         *
         * @throws IllegalArgumentException if not between 1 and {@value BroadcastMessage#MAX_NAME_LENGTH}
         */
        public Builder maxNameLength(int value) {
            Checks.positive("maxNameLength", value);
            if (value > BroadcastMessage.MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("maxNameLength must be at most " + BroadcastMessage.MAX_NAME_LENGTH
                        + ", was " + value);
            }
            this.maxNameLength = value;
            return this;
        }

        /** Default {@value HubLimits#DEFAULT_HANDSHAKE_TIMEOUT_MS} ms. @throws IllegalArgumentException if not positive */
        public Builder handshakeTimeout(Duration value) {
            this.handshakeTimeout = Checks.positive("handshakeTimeout", value);
            return this;
        }

        /** Default {@value HubLimits#DEFAULT_WRITE_BUFFER_BYTES}. @throws IllegalArgumentException if below 64 KiB */
        public Builder writeBufferBytes(int value) {
            if (value < 64 * 1024) {
                throw new IllegalArgumentException("writeBufferBytes must be at least 65536, was " + value);
            }
            this.writeBufferBytes = value;
            return this;
        }

        /** Default {@value HubLimits#DEFAULT_SLOW_CONSUMER_TIMEOUT_MS} ms. @throws IllegalArgumentException if not positive */
        public Builder slowConsumerTimeout(Duration value) {
            this.slowConsumerTimeout = Checks.positive("slowConsumerTimeout", value);
            return this;
        }

        /** The limits. */
        public HubLimits build() {
            return new HubLimits(this);
        }
    }
}
