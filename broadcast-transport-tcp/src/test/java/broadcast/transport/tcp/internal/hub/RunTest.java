package broadcast.transport.tcp.internal.hub;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Frames forwarded as runs: what is written, in what order, and that every reference comes back. */
class RunTest {

    private EmbeddedChannel channel;
    private ChannelHandlerContext ctx;
    private ByteBuf received;

    @BeforeEach
    void setUp() {
        channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ctx = channel.pipeline().firstContext();
        received = Unpooled.directBuffer(64).writeBytes("aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Test
    void lentFramesBackToBackAreOneWriteAndGiveTheirReferencesBack() {
        Run run = new Run();
        run.addLent(received, 0, 4, ctx);
        run.addLent(received, 4, 4, ctx);
        run.addLent(received, 8, 4, ctx);
        run.writeTo(ctx);

        assertEquals(List.of("aaaabbbbcccc"), written());
        assertEquals(1, received.refCnt(), "only the receiver's own reference is left");
    }

    @Test
    void aGapStartsANewRunAndOrderHolds() {
        Run run = new Run();
        run.addLent(received, 0, 4, ctx);
        run.addLent(received, 8, 4, ctx);
        run.addLent(received, 12, 4, ctx);
        run.addLent(received, 4, 4, ctx);
        run.writeTo(ctx);

        assertEquals(List.of("aaaa", "ccccdddd", "bbbb"), written());
        assertEquals(1, received.refCnt());
    }

    @Test
    void ownedAndLentFramesOfOneBufferJoinOneRun() {
        Run run = new Run();
        assertEquals(true, run.add(received.retainedSlice(0, 4), ctx));
        run.addLent(received, 4, 4, ctx);
        assertEquals(true, run.add(received.retainedSlice(8, 4), ctx));
        run.writeTo(ctx);

        assertEquals(List.of("aaaabbbbcccc"), written());
        assertEquals(1, received.refCnt());
    }

    @Test
    void aDroppedRunGivesItsReferenceBack() {
        Run run = new Run();
        run.addLent(received, 0, 8, ctx);
        assertEquals(2, received.refCnt(), "the run holds the buffer while it is not written");
        run.release();
        assertEquals(1, received.refCnt());
    }

    private List<String> written() {
        channel.flush();
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }
}
