package broadcast.transport.tcp.internal.client;

import broadcast.api.BroadcastMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DedupeTest {

    @Test
    void remembersExactlyTheLastIdsLikeASetWithAnEvictionQueue() {
        for (int capacity : new int[] {1, 2, 3, 7, 64, 1000}) {
            Dedupe dedupe = new Dedupe(capacity);
            Set<String> model = new HashSet<>();
            ArrayDeque<String> order = new ArrayDeque<>();
            Random random = new Random(capacity);
            for (int i = 0; i < 50_000; i++) {
                // Few distinct ids, so that copies, evictions and long probe runs all happen.
                String id = "id-" + random.nextInt(capacity * 3 + 2);
                boolean expected = !model.contains(id);
                assertEquals(expected, dedupe.add(new String(id)), "capacity " + capacity + ", step " + i + ", id " + id);
                if (expected) {
                    model.add(id);
                    order.add(id);
                    if (order.size() > capacity) {
                        model.remove(order.poll());
                    }
                }
            }
        }
    }

    @Test
    void dropsACopyOfARealIdWithinTheWindowAndForgetsItAfter() {
        Dedupe dedupe = new Dedupe(16_384);
        String first = BroadcastMessage.createChannelMessage("c", "x").id();
        assertTrue(dedupe.add(first));
        for (int i = 0; i < 16_383; i++) {
            assertTrue(dedupe.add(BroadcastMessage.createChannelMessage("c", "x").id()));
        }
        assertFalse(dedupe.add(new String(first)), "still within the window");
        assertTrue(dedupe.add(BroadcastMessage.createChannelMessage("c", "x").id()));
        assertTrue(dedupe.add(first), "forgotten once 16384 newer ids came");
    }
}
