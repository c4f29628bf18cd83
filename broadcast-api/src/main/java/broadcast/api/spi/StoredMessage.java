package broadcast.api.spi;

import java.util.Objects;

/**
 * A persistent message as a store keeps it: its routing fields, expiry, and the payload bytes
 * with their content type. Immutable by contract: the array is not copied and nobody may change it.
 *
 * @param id the message id
 * @param sender the sender's name, or null
 * @param client the target client, or null
 * @param channel the target channel, or null
 * @param name the message name, or null
 * @param expiresAt expiry in epoch milliseconds, 0 for none
 * @param contentType the payload's content type
 * @param payload the payload bytes
 */
public record StoredMessage(String id, String sender, String client, String channel, String name, long expiresAt,
                            String contentType, byte[] payload) {

    /** @throws NullPointerException if the id, content type or payload is null */
    public StoredMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(payload, "payload");
    }

    /** The size counted against byte bounds: the payload plus the text fields. */
    public long size() {
        return payload.length + len(id) + len(sender) + len(client) + len(channel) + len(name) + len(contentType) + 8;
    }

    /** Whether the message expired at the given time. */
    public boolean expiredAt(long nowMillis) {
        return expiresAt != 0 && expiresAt <= nowMillis;
    }

    private static int len(String s) {
        return s == null ? 0 : s.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMessage m && m.id.equals(id) && Objects.equals(m.sender, sender)
                && Objects.equals(m.client, client) && Objects.equals(m.channel, channel) && Objects.equals(m.name, name)
                && m.expiresAt == expiresAt && m.contentType.equals(contentType) && java.util.Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "StoredMessage[id=" + id + ", sender=" + sender + ", client=" + client + ", channel=" + channel
                + ", name=" + name + ", expiresAt=" + expiresAt + ", contentType=" + contentType + ", payload="
                + payload.length + " bytes]";
    }
}
