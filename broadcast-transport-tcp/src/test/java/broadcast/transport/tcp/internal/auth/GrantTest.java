package broadcast.transport.tcp.internal.auth;

import broadcast.api.spi.Frame;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GrantTest {

    static Frame.Data to(String client, String channel) {
        return new Frame.Data("m1", "me", client, channel, null, false, 0, "text/plain;charset=utf-8", 0);
    }

    static User user(String publish, String subscribe, boolean direct) {
        return new User("u", HashedToken.decoy(HashedToken.MIN_ITERATIONS), Patterns.of(List.of("u"), 256),
                Patterns.of(List.of(publish.split(",")), 256), Patterns.of(List.of(subscribe.split(",")), 256), direct);
    }

    @Test
    void allAllowsEverything() {
        assertNull(Grant.ALL.publishRefusal(to("x", "y")));
        assertNull(Grant.ALL.subscribeRefusal("y"));
    }

    @Test
    void decisionsStayTheSameOnceCachedAndPastTheCache() {
        Grant g = new Identity(user("a.*", "s", false)).grant();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < Grant.CACHED_CHANNELS + 10; i++) {
                assertNull(g.publishRefusal(to(null, "a." + i)));
                assertEquals("user 'u' may not send to channel 'b." + i + "'", g.publishRefusal(to(null, "b." + i)));
            }
        }
    }

    @Test
    void aMessageToAChannelAndAClientNeedsBoth() {
        Grant g = new Identity(user("c", "s", false)).grant();
        assertEquals("user 'u' may not send to clients directly (to 'x')", g.publishRefusal(to("x", "c")));
        assertEquals("user 'u' may not send to channel 'd'", g.publishRefusal(to("x", "d")));
        Grant direct = new Identity(user("c", "s", true)).grant();
        assertNull(direct.publishRefusal(to("x", "c")));
        assertNull(direct.publishRefusal(to("x", null)));
        assertEquals("user 'u' may not subscribe to channel 't'", direct.subscribeRefusal("t"));
        assertNull(direct.subscribeRefusal("s"));
    }
}
