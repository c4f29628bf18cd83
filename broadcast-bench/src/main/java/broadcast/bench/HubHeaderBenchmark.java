package broadcast.bench;

import broadcast.api.spi.Codec;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The hub's per-message work in a codec: decode the DATA header of every message it routes (the
 * payload bytes are forwarded untouched and never reach a codec), and encode a header when it
 * re-encodes for a recipient of another codec. The header is a typical one (id, sender, channel,
 * persistent, content type), read from a direct buffer as Netty hands it over; decoding goes
 * through a stream of {@value Fixtures#STREAM_LENGTH} such headers with different ids, a few
 * senders and channels ({@link Fixtures#stream}), as a hub thread reads them.
 *
 * <p>Target (issue 4): header-only decode at 5 M frames/s on one core for every codec.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HubHeaderBenchmark {

    @Param({"json", "protobuf", "kryo"})
    public String codec;

    private Codec c;
    private Frame.Data header;
    private ByteBuffer[] stream;
    private int next;
    private Sink sink;

    @Setup(Level.Trial)
    public void setUp() {
        c = Fixtures.codec(codec);
        header = Fixtures.header(c);
        Frame.Data[] headers = Fixtures.stream(c);
        stream = new ByteBuffer[headers.length];
        for (int i = 0; i < headers.length; i++) {
            stream[i] = Fixtures.direct(Fixtures.encodeHeader(c, headers[i]));
            if (!headers[i].equals(c.decodeHeader(FrameKind.DATA, stream[i].duplicate()))) {
                throw new IllegalStateException(codec + " does not round-trip the header");
            }
        }
        sink = new Sink();
    }

    /** Decodes the next DATA header of the stream, as the hub does for every message. */
    @Benchmark
    public Frame decodeDataHeader() {
        int i = next;
        next = i + 1 & Fixtures.STREAM_LENGTH - 1;
        return c.decodeHeader(FrameKind.DATA, stream[i].clear());
    }

    /** Encodes the DATA header, as a client does for every message it sends. */
    @Benchmark
    public int encodeDataHeader() throws IOException {
        sink.reset();
        c.encodeHeader(header, sink);
        return sink.size();
    }
}
