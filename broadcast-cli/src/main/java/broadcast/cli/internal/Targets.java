package broadcast.cli.internal;

import broadcast.api.BroadcastMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The targets of {@code pub}, made into messages as the original's factories make them: one
 * channel and one client make one message to both; otherwise one message per channel and one per
 * client. Immutable.
 */
final class Targets {

    private final List<String> channels;
    private final List<String> clients;
    private final String messageName;
    private final boolean persistent;

    /** @throws CliException if there is no target, or a name is invalid (naming the option) */
    Targets(List<String> channels, List<String> clients, String messageName, boolean persistent) {
        if (channels.isEmpty() && clients.isEmpty()) {
            throw new CliException("give at least one --channel or --client to send to");
        }
        this.channels = List.copyOf(channels);
        this.clients = List.copyOf(clients);
        this.messageName = messageName;
        this.persistent = persistent;
        channels.forEach(channel -> Options.channel("--channel", channel));
        clients.forEach(client -> Options.client("--client", client));
        if (messageName != null) {
            Options.apply("--message-name", messageName,
                    () -> BroadcastMessage.builder().channel("x").name(messageName).build());
        }
    }

    /** The messages that carry this data, each with an id of its own. */
    List<BroadcastMessage> messages(Object data) {
        if (channels.size() == 1 && clients.size() == 1) {
            return List.of(BroadcastMessage.create(clients.get(0), channels.get(0), data, messageName, persistent));
        }
        List<BroadcastMessage> messages = new ArrayList<>(channels.size() + clients.size());
        for (String channel : channels) {
            messages.add(BroadcastMessage.createChannelMessage(channel, data, messageName, persistent));
        }
        for (String client : clients) {
            messages.add(BroadcastMessage.createClientMessage(client, data, messageName, persistent));
        }
        return messages;
    }
}
