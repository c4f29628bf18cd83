package broadcast.api.internal;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.api.spi.Codec;

/**
 * Makes the messages a transport receives from fields it has checked itself, without the
 * builder's checks and without a builder: a subscriber makes one message per delivery, and the
 * builder's checks of the same channel and sender names, message after message, cost a tenth of
 * its event loop's time. The transport checks what the builder would (see
 * {@code broadcast.transport.tcp}'s {@code ReceivedCheck}), once per distinct name.
 *
 * <p>{@link BroadcastMessage} installs the factory when it is initialised. Thread-safe.
 */
public final class ReceivedMessages {

    /** Makes a message from its fields as they are. */
    @FunctionalInterface
    public interface Factory {
        BroadcastMessage make(String id, String sender, String client, String channel, String name, boolean persistent,
                              long expiresAtMillis, boolean redelivered, Payload payload, Codec payloadCodec);
    }

    // No initialiser: BroadcastMessage may install the factory while this class is being initialised.
    private static volatile Factory factory;

    private ReceivedMessages() {
    }

    /** Called once, by {@link BroadcastMessage}'s initialiser. */
    public static void install(Factory f) {
        if (factory != null) {
            throw new IllegalStateException("the received-message factory is installed already");
        }
        factory = f;
    }

    /**
     * A received message. The caller has checked the id and the names as the builder does, and
     * that the message has a client or a channel.
     */
    public static BroadcastMessage create(String id, String sender, String client, String channel, String name,
                                          boolean persistent, long expiresAtMillis, boolean redelivered, Payload payload,
                                          Codec payloadCodec) {
        Factory f = factory;
        if (f == null) {
            f = initialised();
        }
        return f.make(id, sender, client, channel, name, persistent, expiresAtMillis, redelivered, payload, payloadCodec);
    }

    private static Factory initialised() {
        try {
            Class.forName(BroadcastMessage.class.getName(), true, BroadcastMessage.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return factory;
    }
}
