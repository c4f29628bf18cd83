package broadcast.it;

import broadcast.api.BroadcastConfig;
import broadcast.api.Payload;
import broadcast.transport.tcp.BroadcastTcpClient;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A client configured from the environment, subscribed to one channel, that prints each message it
 * gets as {@code MESSAGE <id> <content type> <payload in base64> DATA <class> <value>}, or
 * {@code ... ERROR <exception class>: <message>} when {@code data()} fails. Arguments: its name and
 * the channel. Prints {@code READY} once subscribed.
 */
public final class ReceiverMain {

    private ReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        BroadcastTcpClient client = new BroadcastTcpClient(BroadcastConfig.fromEnvironment(null), args[0]);
        var subscription = client.onMessage(args[1], m -> {
            Payload p = m.payload().orElseThrow();
            String data;
            try {
                Object value = m.data();
                data = "DATA " + (value == null ? "null" : value.getClass().getName() + " " + value);
            } catch (RuntimeException e) {
                data = "ERROR " + e.getClass().getName() + ": " + e.getMessage();
            }
            System.out.println("MESSAGE " + m.id() + " " + p.contentType() + " " + Base64.getEncoder().encodeToString(p.bytes())
                    + " " + data);
            System.out.flush();
        });
        client.connect(Duration.ofSeconds(20));
        subscription.ready().toCompletableFuture().get(20, TimeUnit.SECONDS);
        System.out.println("READY");
        System.out.flush();
        Thread.currentThread().join();
    }
}
