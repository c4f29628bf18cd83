package broadcast.api.spi;

import broadcast.api.internal.Names;

import java.util.Objects;

/**
 * Names one queue of a store: the backlog of a channel, or the messages waiting for (or in flight
 * to) one client. Written {@code channel:NAME} or {@code client:NAME}. Immutable.
 *
 * @param kind channel or client
 * @param name the channel's or the client's name
 */
public record QueueKey(Kind kind, String name) {

    /** What a queue belongs to. */
    public enum Kind {
        /** The backlog of a channel with no subscriber, handed to its first subscriber. */
        CHANNEL,
        /** The messages for one client, by name. */
        CLIENT
    }

    /** @throws IllegalArgumentException if the name is invalid */
    public QueueKey {
        Objects.requireNonNull(kind, "kind");
        Names.requireValid("queue name", name);
    }

    /** The backlog of a channel. */
    public static QueueKey channel(String name) {
        return new QueueKey(Kind.CHANNEL, name);
    }

    /** The queue of a client. */
    public static QueueKey client(String name) {
        return new QueueKey(Kind.CLIENT, name);
    }

    /**
     * Reads {@code channel:NAME} or {@code client:NAME}.
     *
     * @throws IllegalArgumentException if the text is not of that form
     */
    public static QueueKey parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("channel:")) {
            return channel(text.substring(8));
        }
        if (text.startsWith("client:")) {
            return client(text.substring(7));
        }
        throw new IllegalArgumentException("a queue key is channel:NAME or client:NAME, was \"" + text + "\"");
    }

    @Override
    public String toString() {
        return (kind == Kind.CHANNEL ? "channel:" : "client:") + name;
    }
}
