package broadcast.transport.tcp.internal.auth;

import broadcast.api.spi.Frame;

import java.util.HashMap;

/**
 * What one connection may do: publish to which channels, send to clients directly, subscribe to
 * which channels. Decisions on publishing are cached per channel, so the check on each message is
 * one hash lookup. {@link #ALL} allows everything (no users file) and costs one comparison. Not
 * thread-safe: one instance per connection, used on its event loop ({@link #ALL} is shared and
 * stateless).
 */
public final class Grant {

    /** Allows everything. */
    public static final Grant ALL = new Grant(null);

    /** Channels whose publish decision is remembered; past it the memory starts again. */
    static final int CACHED_CHANNELS = 1024;

    private final User user;
    private final HashMap<String, Boolean> publish;

    Grant(User user) {
        this.user = user;
        this.publish = user == null ? null : new HashMap<>();
    }

    /** The reason the connection may not send this message, or {@code null} when it may. */
    public String publishRefusal(Frame.Data header) {
        if (user == null) {
            return null;
        }
        String channel = header.channel();
        if (channel != null && !mayPublish(channel)) {
            return "user '" + user.name() + "' may not send to channel '" + channel + "'";
        }
        if (header.client() != null && !user.direct()) {
            return "user '" + user.name() + "' may not send to clients directly (to '" + header.client() + "')";
        }
        return null;
    }

    private boolean mayPublish(String channel) {
        Boolean known = publish.get(channel);
        if (known != null) {
            return known;
        }
        if (publish.size() >= CACHED_CHANNELS) {
            publish.clear();
        }
        boolean allowed = user.publish().matches(channel);
        publish.put(channel, allowed);
        return allowed;
    }

    /** The reason the connection may not subscribe to the channel, or {@code null} when it may. */
    public String subscribeRefusal(String channel) {
        if (user == null || user.subscribe().matches(channel)) {
            return null;
        }
        return "user '" + user.name() + "' may not subscribe to channel '" + channel + "'";
    }
}
