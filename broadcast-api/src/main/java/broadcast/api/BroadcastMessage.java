package broadcast.api;

import broadcast.api.internal.Ids;
import broadcast.api.internal.Names;
import broadcast.api.internal.PayloadDecoding;
import broadcast.api.internal.ReceivedMessages;
import broadcast.api.spi.Codec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message: its id, its target (a client, a channel, or both), an optional name, its data, and
 * whether it is persistent.
 *
 * <p>Messages are made with the factories of the original package, in its argument order:
 * <pre>{@code
 * BroadcastMessage a = BroadcastMessage.createChannelMessage("room_1", "Hello world");
 * BroadcastMessage b = BroadcastMessage.createClientMessage("user1", Map.of("hello", 1));
 * List<BroadcastMessage> c = BroadcastMessage.createMultiChannelMessage(List.of("room_1", "room_2"), "hi");
 * List<BroadcastMessage> d = BroadcastMessage.createGroupMessage(List.of("user1", "user2"), "hi");
 * BroadcastMessage e = BroadcastMessage.create("user1", "room_1", "Hello world");
 * }</pre>
 * or with {@link #builder()} for the less common settings (time to live, a chosen id).
 *
 * <p><b>Targets.</b> A message to a channel reaches every subscriber of the channel except its
 * sender; a message to a client reaches the client with that name. A message with both reaches
 * each recipient once. A message without either is refused at once.
 *
 * <p><b>Persistence.</b> {@code persistent} (the default, as in the original) means at-least-once:
 * the hub keeps the message until each recipient has acknowledged it, and queues it when no
 * recipient is online. A transient message is at-most-once: never stored, dropped when nobody is
 * there to take it.
 *
 * <p><b>Data.</b> {@code data} may be {@code null}, a {@link String}, a number, a boolean, a
 * {@code byte[]}, a {@link java.util.Map} or {@link java.util.List} of those, a record, or any
 * value the chosen codec can encode. A {@code String} and a {@code byte[]} travel as themselves
 * whatever the codecs of sender and receiver; other values are encoded by the sender's codec and
 * tagged with its content type. On a received message, {@link #data()} decodes the payload lazily
 * with the codec that the content type names, and {@link #payload()} gives the raw bytes. The
 * message does not copy a {@code byte[]} given as data or payload: do not change it afterwards.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BroadcastMessage {

    /** The longest client, channel or message name, in characters: {@value}. */
    public static final int MAX_NAME_LENGTH = 256;

    private final String id;
    private final String sender;
    private final String client;
    private final String channel;
    private final String name;
    private final Object data;
    private final Payload payload;
    private final Codec payloadCodec;
    private final boolean persistent;
    private final long expiresAtMillis;
    private final boolean redelivered;
    private volatile Object decoded;

    static {
        ReceivedMessages.install(BroadcastMessage::new);
    }

    private BroadcastMessage(Builder b) {
        this.id = b.id != null ? b.id : Ids.next();
        this.sender = b.sender;
        this.client = b.client;
        this.channel = b.channel;
        this.name = b.name;
        this.data = b.data;
        this.payload = b.payload;
        this.payloadCodec = b.payloadCodec;
        this.persistent = b.persistent;
        this.expiresAtMillis = b.expiresAtMillis;
        this.redelivered = b.redelivered;
    }

    /** A received message, from fields the transport checked (see {@link ReceivedMessages}). */
    private BroadcastMessage(String id, String sender, String client, String channel, String name, boolean persistent,
                             long expiresAtMillis, boolean redelivered, Payload payload, Codec payloadCodec) {
        this.id = id;
        this.sender = sender;
        this.client = client;
        this.channel = channel;
        this.name = name;
        this.data = null;
        this.payload = payload;
        this.payloadCodec = payloadCodec;
        this.persistent = persistent;
        this.expiresAtMillis = expiresAtMillis;
        this.redelivered = redelivered;
    }

    // ---- the original's factories -------------------------------------------------------------

    /** A persistent message to a channel. @throws IllegalArgumentException if the channel name is invalid */
    public static BroadcastMessage createChannelMessage(String channel, Object data) {
        return createChannelMessage(channel, data, null, true);
    }

    /** A persistent, named message to a channel. @throws IllegalArgumentException if a name is invalid */
    public static BroadcastMessage createChannelMessage(String channel, Object data, String name) {
        return createChannelMessage(channel, data, name, true);
    }

    /**
     * A message to a channel.
     *
     * @param channel the channel; required
     * @param data the data, may be {@code null}
     * @param name the message name, or {@code null} for none
     * @param persistent whether the message is kept until delivered and acknowledged
     * @throws IllegalArgumentException if the channel or the name is invalid
     */
    public static BroadcastMessage createChannelMessage(String channel, Object data, String name, boolean persistent) {
        Names.requireValid("channel", channel);
        return builder().channel(channel).data(data).name(name).persistent(persistent).build();
    }

    /** A persistent message to a client. @throws IllegalArgumentException if the client name is invalid */
    public static BroadcastMessage createClientMessage(String client, Object data) {
        return createClientMessage(client, data, null, true);
    }

    /** A persistent, named message to a client. @throws IllegalArgumentException if a name is invalid */
    public static BroadcastMessage createClientMessage(String client, Object data, String name) {
        return createClientMessage(client, data, name, true);
    }

    /**
     * A message to one client, by its name (or, as in the original, its address {@code host:port}).
     *
     * @throws IllegalArgumentException if the client or the name is invalid
     */
    public static BroadcastMessage createClientMessage(String client, Object data, String name, boolean persistent) {
        Names.requireValid("client", client);
        return builder().client(client).data(data).name(name).persistent(persistent).build();
    }

    /** One persistent message per channel. @throws IllegalArgumentException if the list or a channel is invalid */
    public static List<BroadcastMessage> createMultiChannelMessage(List<String> channels, Object data) {
        return createMultiChannelMessage(channels, data, null, true);
    }

    /** One persistent, named message per channel. @throws IllegalArgumentException if the list or a name is invalid */
    public static List<BroadcastMessage> createMultiChannelMessage(List<String> channels, Object data, String name) {
        return createMultiChannelMessage(channels, data, name, true);
    }

    /**
     * One message per channel, each with its own id, as the original makes them. Send them with
     * {@link BroadcastClient#sendMessages(List)}.
     *
     * @throws IllegalArgumentException if the list is null or empty, or holds a null or invalid channel
     */
    public static List<BroadcastMessage> createMultiChannelMessage(List<String> channels, Object data, String name,
                                                                   boolean persistent) {
        Names.requireValidList("channels", channels);
        List<BroadcastMessage> messages = new ArrayList<>(channels.size());
        for (String channel : channels) {
            messages.add(createChannelMessage(channel, data, name, persistent));
        }
        return List.copyOf(messages);
    }

    /** One persistent message per client. @throws IllegalArgumentException if the list or a client is invalid */
    public static List<BroadcastMessage> createGroupMessage(List<String> clients, Object data) {
        return createGroupMessage(clients, data, null, true);
    }

    /** One persistent, named message per client. @throws IllegalArgumentException if the list or a name is invalid */
    public static List<BroadcastMessage> createGroupMessage(List<String> clients, Object data, String name) {
        return createGroupMessage(clients, data, name, true);
    }

    /**
     * One message per client, each with its own id, as the original makes them.
     *
     * @throws IllegalArgumentException if the list is null or empty, or holds a null or invalid client
     */
    public static List<BroadcastMessage> createGroupMessage(List<String> clients, Object data, String name,
                                                            boolean persistent) {
        Names.requireValidList("clients", clients);
        List<BroadcastMessage> messages = new ArrayList<>(clients.size());
        for (String client : clients) {
            messages.add(createClientMessage(client, data, name, persistent));
        }
        return List.copyOf(messages);
    }

    /** A persistent message to a client and a channel. @see #create(String, String, Object, String, boolean) */
    public static BroadcastMessage create(String client, String channel, Object data) {
        return create(client, channel, data, null, true);
    }

    /** A persistent, named message to a client and a channel. @see #create(String, String, Object, String, boolean) */
    public static BroadcastMessage create(String client, String channel, Object data, String name) {
        return create(client, channel, data, name, true);
    }

    /**
     * A message to a client, a channel, or both: one message with one id that reaches each
     * recipient once, even a client that is also a subscriber of the channel.
     *
     * @param client the client, or {@code null}
     * @param channel the channel, or {@code null}
     * @throws IllegalArgumentException if both are null, or a name is invalid
     */
    public static BroadcastMessage create(String client, String channel, Object data, String name, boolean persistent) {
        return builder().client(client).channel(channel).data(data).name(name).persistent(persistent).build();
    }

    /** A builder for a message with every setting. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this message's values, id included. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.sender = sender;
        b.client = client;
        b.channel = channel;
        b.name = name;
        b.data = data;
        b.payload = payload;
        b.payloadCodec = payloadCodec;
        b.persistent = persistent;
        b.expiresAtMillis = expiresAtMillis;
        b.redelivered = redelivered;
        return b;
    }

    // ---- accessors ------------------------------------------------------------------------------

    /** The id: 22 URL-safe characters, unique, in creation-time order. */
    public String id() {
        return id;
    }

    /** The name of the client that sent it, set by the hub on received messages; the hub's own id for its messages. */
    public Optional<String> sender() {
        return Optional.ofNullable(sender);
    }

    /** The target client, if any. */
    public Optional<String> client() {
        return Optional.ofNullable(client);
    }

    /** The target channel, if any. */
    public Optional<String> channel() {
        return Optional.ofNullable(channel);
    }

    /** The message name, if any. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Whether the message is kept until delivered and acknowledged (default {@code true}). */
    public boolean persistent() {
        return persistent;
    }

    /** When the message expires, if it does; an expired message is no longer delivered. */
    public Optional<Instant> expiresAt() {
        return expiresAtMillis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expiresAtMillis));
    }

    /** The expiry in epoch milliseconds, {@code 0} for none. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    /** Whether the hub sent this message before, to this recipient, without an acknowledgement. */
    public boolean redelivered() {
        return redelivered;
    }

    /** The encoded payload of a received message; empty on a message built locally with data. */
    public Optional<Payload> payload() {
        return Optional.ofNullable(payload);
    }

    /**
     * The data: the value given to a local message, or the decoded payload of a received one (a
     * {@code Map}, {@code List}, {@code String}, number, boolean or {@code null} for JSON; see the
     * codec's documentation for the others). Decoded once, on first use.
     *
     * @throws broadcast.api.spi.CodecException if the payload cannot be decoded, or no codec on the
     *     module path handles its content type (the message names the module to add)
     */
    public Object data() {
        if (payload == null) {
            return data;
        }
        Object value = decoded;
        if (value == null) {
            value = PayloadDecoding.decode(payload, payloadCodec);
            decoded = value;
        }
        return value == PayloadDecoding.NULL ? null : value;
    }

    /**
     * The data as the given type: a received payload decoded straight into it by the codec, or a
     * local value cast to it.
     *
     * @throws broadcast.api.spi.CodecException if the payload cannot be decoded as that type
     * @throws ClassCastException if a local value is not of that type
     */
    public <T> T data(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (payload == null) {
            return type.cast(data);
        }
        return PayloadDecoding.decode(payload, payloadCodec, type);
    }

    /** Whether the message expired at the given time. */
    public boolean expiredAt(long nowMillis) {
        return expiresAtMillis != 0 && expiresAtMillis <= nowMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastMessage m && m.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BroadcastMessage[id=").append(id);
        if (sender != null) sb.append(", sender=").append(sender);
        if (client != null) sb.append(", client=").append(client);
        if (channel != null) sb.append(", channel=").append(channel);
        if (name != null) sb.append(", name=").append(name);
        sb.append(", persistent=").append(persistent);
        if (expiresAtMillis != 0) sb.append(", expiresAt=").append(Instant.ofEpochMilli(expiresAtMillis));
        if (payload != null) sb.append(", payload=").append(payload);
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link BroadcastMessage}. Every setting is optional but the target: a client, a
     * channel or both. Not thread-safe.
     */
    public static final class Builder {
        private String id;
        private String sender;
        private String client;
        private String channel;
        private String name;
        private Object data;
        private Payload payload;
        private Codec payloadCodec;
        private boolean persistent = true;
        private long expiresAtMillis;
        private boolean redelivered;

        private Builder() {
        }

        /**
         * The id; by default a new one. Give one only to resend a message under the same id.
         *
         * @throws IllegalArgumentException if it is not 1 to 64 URL-safe characters ({@code A-Za-z0-9_-})
         */
        public Builder id(String id) {
            this.id = Ids.requireValid(id);
            return this;
        }

        /** The target client, or {@code null} for none. @throws IllegalArgumentException if the name is invalid */
        public Builder client(String client) {
            this.client = Names.requireValidOrNull("client", client);
            return this;
        }

        /** The target channel, or {@code null} for none. @throws IllegalArgumentException if the name is invalid */
        public Builder channel(String channel) {
            this.channel = Names.requireValidOrNull("channel", channel);
            return this;
        }

        /** The message name, or {@code null} for none. @throws IllegalArgumentException if the name is invalid */
        public Builder name(String name) {
            this.name = Names.requireValidOrNull("name", name);
            return this;
        }

        /** The data, {@code null} by default. Replaces a payload set before. */
        public Builder data(Object data) {
            this.data = data;
            this.payload = null;
            this.payloadCodec = null;
            return this;
        }

        /**
         * An encoded payload in place of data, as a transport builds received messages. {@link
         * BroadcastMessage#data()} decodes it with the given codec, or, when that is {@code null} or
         * has another content type, with the codec on the module path that handles the content type.
         */
        public Builder payload(Payload payload, Codec codec) {
            this.payload = Objects.requireNonNull(payload, "payload");
            this.payloadCodec = codec;
            this.data = null;
            return this;
        }

        /** Whether the message is persistent; {@code true} by default. */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /**
         * How long the message lives from now; past it the hub no longer delivers it and drops it
         * from its queues. No limit by default.
         *
         * @throws IllegalArgumentException if the duration is zero or negative
         */
        public Builder ttl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
            long now = System.currentTimeMillis();
            long millis = ttl.compareTo(Duration.ofMillis(Long.MAX_VALUE - now)) >= 0 ? Long.MAX_VALUE - now : ttl.toMillis();
            this.expiresAtMillis = now + Math.max(1, millis);
            return this;
        }

        /**
         * When the message expires, or {@code null} for never (the default). A time at or before
         * the epoch counts as already expired.
         */
        public Builder expiresAt(Instant expiresAt) {
            if (expiresAt == null) {
                this.expiresAtMillis = 0;
            } else if (expiresAt.isAfter(Instant.ofEpochMilli(Long.MAX_VALUE))) {
                this.expiresAtMillis = Long.MAX_VALUE;
            } else if (expiresAt.isBefore(Instant.ofEpochMilli(1))) {
                // 0 means "never" on the wire, so an instant at or before the epoch becomes 1: expired
                this.expiresAtMillis = 1;
            } else {
                this.expiresAtMillis = expiresAt.toEpochMilli();
            }
            return this;
        }

        /** The sender, as the hub reports it on received messages. @throws IllegalArgumentException if invalid */
        public Builder sender(String sender) {
            this.sender = Names.requireValidOrNull("sender", sender);
            return this;
        }

        /** Marks a received message as sent before without an acknowledgement. */
        public Builder redelivered(boolean redelivered) {
            this.redelivered = redelivered;
            return this;
        }

        /**
         * The message.
         *
         * @throws IllegalArgumentException if it has neither a client nor a channel
         */
        public BroadcastMessage build() {
            if (client == null && channel == null) {
                throw new IllegalArgumentException("a message needs a target: a client, a channel or both; both were null");
            }
            return new BroadcastMessage(this);
        }
    }
}
