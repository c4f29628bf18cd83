package broadcast.transport.tcp;

import broadcast.api.BroadcastConfig;
import broadcast.api.BroadcastMessage;
import broadcast.api.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's hub and two clients, through the public constructors with the installed codec
 * (json from the module path) and store (memory); port 0 instead of 9000.
 */
class ReadmeExampleTest {

    @Test
    void aHubAndTwoClientsExchangeChannelAndDirectMessages() throws Exception {
        BroadcastConfig config = BroadcastConfig.builder().port(0).build();
        List<String> seenByHub = Collections.synchronizedList(new ArrayList<>());
        try (BroadcastTcpServer hub = new BroadcastTcpServer(config)) {
            hub.onMessage((sender, message) -> seenByHub.add(sender.name() + " sent " + message.data()));
            hub.start();
            BroadcastConfig clients = config.toBuilder().port(hub.port()).build();

            Inbox quotes = new Inbox();
            Inbox direct = new Inbox();
            try (BroadcastTcpClient prices = new BroadcastTcpClient(clients, "prices");
                 BroadcastTcpClient trader = new BroadcastTcpClient(clients, "trader")) {
                prices.onMessage("quotes", quotes);
                prices.onDirectMessage(direct);
                prices.connect(Duration.ofSeconds(5));
                trader.connect(Duration.ofSeconds(5));

                Outcome o = trader.sendMessage(BroadcastMessage.createChannelMessage("quotes", "EURUSD 1.0842"))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(Outcome.Status.DELIVERED, o.status());
                trader.sendMessage(BroadcastMessage.createClientMessage("prices", Map.of("order", 42)));
                trader.sendMessage(BroadcastMessage.create("prices", "quotes", "to the channel and to prices: once"));

                assertEquals(List.of("EURUSD 1.0842", "to the channel and to prices: once"),
                        DeliveryRulesTest.texts(quotes.await(2)));
                assertEquals(List.of("{order=42}", "to the channel and to prices: once"),
                        DeliveryRulesTest.texts(direct.await(2)));
                assertEquals("application/json", direct.messages().get(0).payload().orElseThrow().contentType());
                Eventually.until(() -> seenByHub.size() == 3, "the hub saw three messages");
                assertEquals("trader sent EURUSD 1.0842", seenByHub.get(0));
            }
        }
    }
}
