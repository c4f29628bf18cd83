package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.codec.protobuf.internal.testproto.Order;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded mutations of valid headers and payloads decode to a valid value or fail with a
 * {@link CodecException}, never with anything else.
 */
class MutationTest {

    private static final int HEADERS = 100_000;
    private static final int PAYLOADS = 20_000;

    private final Codec codec = TestCodecs.withTestTypes();

    @Test
    void shouldDecodeMutatedHeadersToAFrameOrACodecErrorOnly() throws Throwable {
        onShallowStack(this::mutateHeaders);
    }

    @Test
    void shouldDecodeMutatedPayloadsToAValueOrACodecErrorOnly() throws Throwable {
        onShallowStack(this::mutatePayloads);
    }

    /**
     * Runs a check on a new thread: most cases throw, and filling in a stack trace costs in
     * proportion to the depth of the stack, which JUnit makes deep.
     */
    private static void onShallowStack(Runnable check) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                check.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "mutation-test");
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    private void mutateHeaders() {
        Random random = new Random(0x3D7A7EL);
        RandomFrames frames = new RandomFrames(random);
        List<FrameKind> kinds = RandomFrames.HEADER_KINDS;
        List<List<byte[]>> valid = new ArrayList<>();
        for (FrameKind kind : kinds) {
            List<byte[]> headers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                headers.add(TestCodecs.header(codec, frames.frame(kind)));
            }
            valid.add(headers);
        }
        int failed = 0;
        for (int i = 0; i < HEADERS; i++) {
            int k = i % kinds.size();
            FrameKind kind = kinds.get(k);
            byte[] mutated = mutate(valid.get(k).get(random.nextInt(40)), random);
            try {
                Frame frame = codec.decodeHeader(kind, ByteBuffer.wrap(mutated));
                assertEquals(kind, frame.kind());
                assertEquals(frame, TestCodecs.decode(codec, kind, TestCodecs.header(codec, frame)));
            } catch (CodecException expected) {
                failed++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + ": " + kind + " header " + TestCodecs.hex(mutated)
                        + " threw " + e, e);
            }
        }
        assertTrue(failed > HEADERS / 10 && failed < HEADERS * 9 / 10,
                "both outcomes are exercised: " + failed + " of " + HEADERS + " failed");
    }

    private void mutatePayloads() {
        Random random = new Random(0x9A710ADL);
        RandomData data = new RandomData(random);
        List<byte[]> valid = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            valid.add(codec.encodeData(data.value()));
        }
        int failed = 0;
        for (int i = 0; i < PAYLOADS; i++) {
            byte[] mutated = mutate(valid.get(random.nextInt(valid.size())), random);
            try {
                if (i % 2 == 0) {
                    codec.decodeData(ByteBuffer.wrap(mutated));
                } else {
                    codec.decodeData(ByteBuffer.wrap(mutated), Order.class);
                }
            } catch (CodecException expected) {
                failed++;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + ": payload " + TestCodecs.hex(mutated) + " threw " + e, e);
            }
        }
        assertTrue(failed > PAYLOADS / 10, failed + " of " + PAYLOADS + " failed");
    }

    /** One to three random edits: a flipped bit, a random byte, an insertion, a deletion, a cut, a copied run. */
    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0:
                    if (bytes.length > 0) {
                        bytes = bytes.clone();
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 1:
                    if (bytes.length > 0) {
                        bytes = bytes.clone();
                        bytes[at] = (byte) random.nextInt(256);
                    }
                    break;
                case 2:
                    bytes = Bytes.concat(Arrays.copyOf(bytes, at), new byte[] {(byte) random.nextInt(256)},
                            Arrays.copyOfRange(bytes, at, bytes.length));
                    break;
                case 3:
                    if (bytes.length > 0) {
                        bytes = Bytes.concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at + 1, bytes.length));
                    }
                    break;
                case 4:
                    bytes = Arrays.copyOf(bytes, at);
                    break;
                default:
                    int length = Math.min(bytes.length - at, 1 + random.nextInt(8));
                    bytes = Bytes.concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, at, at + length),
                            Arrays.copyOfRange(bytes, at, bytes.length));
            }
        }
        return bytes;
    }
}
