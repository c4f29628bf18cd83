package broadcast.transport.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The transport's hot-path figures ({@link TransportBench}), printed as {@code BENCH ...} lines.
 * Opt-in: runs only with {@code -Dbench=true}; {@code -Dbench.codec=json} picks the codec.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TransportBenchTest {

    private final TransportBench bench = new TransportBench();

    @Test
    void transientStream() throws Exception {
        bench.run("stream", false);
    }

    @Test
    void persistentStream() throws Exception {
        bench.run("stream", true);
    }

    @Test
    void transientFanOut() throws Exception {
        bench.run("fanout", false);
    }

    @Test
    void persistentFanOut() throws Exception {
        bench.run("fanout", true);
    }

    @Test
    void transientPingPong() throws Exception {
        bench.run("pingpong", false);
    }

    @Test
    void persistentPingPong() throws Exception {
        bench.run("pingpong", true);
    }

    @Test
    void transientLarge() throws Exception {
        bench.run("large", false);
    }

    @Test
    void persistentLarge() throws Exception {
        bench.run("large", true);
    }
}
