package broadcast.codec.kryo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** One codec shared by many threads, as a hub shares it between its connections. */
class KryoConcurrencyTest {

    private final Codec codec = TestCodecs.codec();

    @Test
    void shouldEncodeAndDecodeFromManyThreadsAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(threads.submit(() -> roundTrips(seed)));
            }
            for (Future<Integer> result : results) {
                assertEquals(1_000, result.get(60, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private int roundTrips(long seed) {
        Generators random = new Generators(seed);
        int done = 0;
        for (int i = 0; i < 1_000; i++) {
            Frame frame = random.frame();
            assertEquals(frame, codec.decodeHeader(frame.kind(), ByteBuffer.wrap(TestCodecs.header(codec, frame))));
            Object value = random.value(3);
            SameValue.assertSameValue(value, codec.decodeData(ByteBuffer.wrap(codec.encodeData(value))));
            if (i % 10 == 0) {
                // Failures on one thread leave the pooled Kryo usable for the others.
                CodecException expected = assertThrows(CodecException.class,
                        () -> codec.decodeData(ByteBuffer.wrap(new byte[] {(byte) 0xf6, 0x07})));
                assertTrue(expected.getMessage().startsWith("kryo payload names class id 1012"));
            }
            done++;
        }
        return done;
    }
}
