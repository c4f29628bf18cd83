package broadcast.bench;

import broadcast.api.Payload;
import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.Payloads;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole message through a codec on a client: the DATA header and the payload data, encoded as a
 * sender does ({@code encodeHeader} and {@link Payloads#encode}) and decoded as a recipient does
 * ({@code decodeHeader} from a direct buffer, as Netty gives it, and {@link Payloads#decode}).
 * The payload is the same map for every codec (see {@link Fixtures}).
 *
 * <p>Targets (issue 4): the 128-byte round trip at 1 M ops/s for protobuf and kryo, 0.5 M ops/s
 * for json, on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageBenchmark {

    @Param({"json", "protobuf", "kryo"})
    public String codec;

    @Param({"128B", "16KiB"})
    public String size;

    private Codec c;
    private Frame.Data header;
    private Map<String, Object> data;
    private Sink sink;
    private ByteBuffer headerIn;
    private ByteBuffer roundTripHeader;
    private Payload payload;

    @Setup(Level.Trial)
    public void setUp() {
        c = Fixtures.codec(codec);
        header = Fixtures.header(c);
        data = Fixtures.payload(size);
        sink = new Sink();
        byte[] headerBytes = Fixtures.encodeHeader(c, header);
        headerIn = Fixtures.direct(headerBytes);
        roundTripHeader = ByteBuffer.allocateDirect(4096);
        payload = Payloads.encode(data, c);
        Object decoded = Payloads.decode(payload, c);
        if (!(decoded instanceof Map) || !header.equals(c.decodeHeader(FrameKind.DATA, headerIn.duplicate()))) {
            throw new IllegalStateException(codec + " does not round-trip the fixtures");
        }
    }

    /** Encodes the header into the sink and the data into a payload. */
    @Benchmark
    public Payload encode() throws IOException {
        sink.reset();
        c.encodeHeader(header, sink);
        return Payloads.encode(data, c);
    }

    /** Decodes the header from a direct buffer and the payload to the codec's natural value. */
    @Benchmark
    public void decode(Blackhole bh) {
        bh.consume(c.decodeHeader(FrameKind.DATA, headerIn.clear()));
        bh.consume(Payloads.decode(payload, c));
    }

    /** Encodes, then decodes what was encoded. */
    @Benchmark
    public void roundTrip(Blackhole bh) throws IOException {
        sink.reset();
        c.encodeHeader(header, sink);
        Payload sent = Payloads.encode(data, c);
        bh.consume(c.decodeHeader(FrameKind.DATA, sink.copyTo(roundTripHeader)));
        bh.consume(Payloads.decode(sent, c));
    }
}
