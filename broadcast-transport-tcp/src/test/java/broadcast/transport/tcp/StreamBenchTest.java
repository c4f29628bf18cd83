package broadcast.transport.tcp;

import broadcast.api.BroadcastMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough figure for a 1→1 stream of 128-byte messages over loopback, hub and both clients in this
 * JVM; not a benchmark (see {@code broadcast bench}). Runs only with {@code -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class StreamBenchTest {

    @Test
    void transientStream() throws Exception {
        run(false, 2_000_000);
    }

    @Test
    void persistentStream() throws Exception {
        run(true, 500_000);
    }

    private static void run(boolean persistent, int n) throws Exception {
        boolean json = "json".equals(System.getProperty("bench.codec"));
        try (TestHub hub = json ? TestHub.startInstalled(TestHub.config().codec("json").build()) : TestHub.start()) {
            AtomicLong received = new AtomicLong();
            broadcast.api.spi.Codec codec = json ? broadcast.transport.tcp.internal.Codecs.installed(hub.config)
                    .codec("json") : TestCodec.BIN;
            BroadcastTcpClient sub = hub.client("sub", hub.clientConfig().build(), codec);
            sub.onMessage("bench", m -> received.incrementAndGet());
            sub.connect(Duration.ofSeconds(10));
            BroadcastTcpClient pub = hub.client("pub", hub.clientConfig().outboxMessages(100_000).build(), codec);
            java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (BroadcastTcpClient c : List.of(sub, pub)) {
                c.onConnectionState((cl, p, n2, cause) -> events.add(cl.name() + " " + p + "->" + n2 + " " + cause));
                c.onFailure(new broadcast.api.FailureListener() {
                    @Override
                    public void onDropped(broadcast.api.BroadcastClient cl, String id, String reason) {
                        if (events.size() < 50) {
                            events.add(cl.name() + " dropped " + reason);
                        }
                    }

                    @Override
                    public void onError(broadcast.api.BroadcastClient cl, broadcast.api.BroadcastException f) {
                        events.add(cl.name() + " error " + f);
                    }
                });
            }
            pub.connect(Duration.ofSeconds(10));
            byte[] payload = new byte[128];
            int batch = 1000;
            for (int round = 0; round < 2; round++) {
                received.set(0);
                long start = System.nanoTime();
                int sent = 0;
                while (sent < n) {
                    List<BroadcastMessage> messages = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        messages.add(BroadcastMessage.createChannelMessage("bench", payload, null, persistent));
                    }
                    var stages = pub.sendMessages(messages);
                    sent += batch;
                    long waitStart = System.nanoTime();
                    while (sent - received.get() > 50_000) {
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                        if (System.nanoTime() - waitStart > 5_000_000_000L) {
                            throw new AssertionError("stalled: sent " + sent + ", received " + received.get() + "; "
                                    + hub.server + "; " + pub + "; " + sub + "; last outcome "
                                    + stages.get(stages.size() - 1).toCompletableFuture().getNow(null));
                        }
                    }
                    if (persistent) {
                        stages.get(stages.size() - 1).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    }
                }
                Eventually.until(() -> received.get() >= n, Duration.ofSeconds(60), () -> "received " + received.get()
                        + "; " + hub.server + "; " + pub + "; " + sub + "; events " + events);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("BENCH " + codec.name() + " %s 1->1, 128 B: %d messages in %.2f s = %.0f msg/s%n",
                        persistent ? "persistent" : "transient", n, seconds, n / seconds);
            }
        }
    }
}
