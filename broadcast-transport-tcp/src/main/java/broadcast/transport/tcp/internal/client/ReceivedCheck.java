package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastMessage;
import broadcast.api.Payload;
import broadcast.api.internal.Ids;
import broadcast.api.internal.Names;
import broadcast.api.internal.ReceivedMessages;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;

import java.util.Objects;

/**
 * Makes a received DATA header into a {@link BroadcastMessage} with the checks the builder makes
 * (id, names, a target), but each distinct name checked once: the sender, channel, client and
 * message names of a stream repeat from message to message, so a name equal to the last one that
 * passed in its field is not checked again (a codec mostly hands out the same {@link String} for
 * the same bytes, and then not even a comparison is made). The id, new with each message, is
 * always checked.
 *
 * <p>Not thread-safe; one per connection, on its event loop.
 */
final class ReceivedCheck {

    private String sender;
    private String client;
    private String channel;
    private String name;

    /**
     * The message.
     *
     * @throws IllegalArgumentException as the builder would, for an invalid id or name, or no target
     */
    BroadcastMessage message(Frame.Data h, Payload payload, Codec payloadCodec) {
        Ids.requireValid(h.id());
        if (h.client() == null && h.channel() == null) {
            throw new IllegalArgumentException("a message needs a target: a client, a channel or both; both were null");
        }
        if (!Objects.equals(h.sender(), sender)) {
            sender = Names.requireValidOrNull("sender", h.sender());
        }
        if (!Objects.equals(h.client(), client)) {
            client = Names.requireValidOrNull("client", h.client());
        }
        if (!Objects.equals(h.channel(), channel)) {
            channel = Names.requireValidOrNull("channel", h.channel());
        }
        if (!Objects.equals(h.name(), name)) {
            name = Names.requireValidOrNull("name", h.name());
        }
        long expires = h.expiresAt();
        // as the builder's expiresAt: 0 is never; anything at or before the epoch is already expired
        long expiresAt = expires == 0 ? 0 : Math.max(1, expires);
        return ReceivedMessages.create(h.id(), h.sender(), h.client(), h.channel(), h.name(), h.persistent(), expiresAt,
                h.has(Frame.Data.REDELIVERED), payload, payloadCodec);
    }
}
