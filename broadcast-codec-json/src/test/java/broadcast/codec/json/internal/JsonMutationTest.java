package broadcast.codec.json.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;
import broadcast.api.spi.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded mutation fuzzing: valid headers and payloads with bytes flipped, replaced, inserted,
 * deleted, duplicated or cut decode either to a valid value or to a {@link CodecException}; never
 * another exception. A header that decodes must also encode again and decode to the same frame.
 */
class JsonMutationTest {

    private static final long SEED = 0x5EED_15_0DDL;
    private static final int HEADER_MUTATIONS = 100_000;
    private static final int PAYLOAD_MUTATIONS = 20_000;
    /** Bytes that change JSON structure, so mutations reach past the first syntax error. */
    private static final byte[] INTERESTING = "{}[]\":,\\0123456789-+.eEtrufalsn \t\u007f"
            .getBytes(StandardCharsets.US_ASCII);

    private final Codec codec = new JsonCodecProvider().create(ProviderConfig.empty());

    @Test
    void mutatedHeadersDecodeToAValidFrameOrACodecException() throws IOException {
        Random random = new Random(SEED);
        List<Sample> samples = headerSamples();
        int decoded = 0;
        for (int i = 0; i < HEADER_MUTATIONS; i++) {
            Sample sample = samples.get(random.nextInt(samples.size()));
            byte[] mutant = mutate(sample.bytes(), random);
            FrameKind kind = random.nextInt(8) == 0 ? FrameKind.values()[random.nextInt(FrameKind.values().length)]
                    : sample.kind();
            Frame frame;
            try {
                frame = codec.decodeHeader(kind, ByteBuffer.wrap(mutant));
            } catch (CodecException e) {
                assertTrue(e.getMessage().startsWith("invalid " + kind + " header: "), e.getMessage());
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + ": " + kind + " " + show(mutant), e);
            }
            decoded++;
            assertEquals(kind, frame.kind());
            assertEquals(frame, codec.decodeHeader(kind, ByteBuffer.wrap(encode(frame))), () -> show(mutant));
        }
        assertTrue(decoded > 1000, "some mutants are valid headers: " + decoded);
    }

    @Test
    void mutatedPayloadsDecodeToAValueOrACodecException() throws IOException {
        Random random = new Random(SEED + 1);
        List<byte[]> samples = new ArrayList<>();
        for (JsonGoldenTest.Entry entry : JsonGoldenTest.entries()) {
            if (entry.form().equals("payload")) {
                samples.add(entry.bytes());
            }
        }
        RandomFrames values = new RandomFrames(SEED + 2);
        for (int i = 0; i < 50; i++) {
            samples.add(codec.encodeData(values.value(0)));
        }
        for (int i = 0; i < PAYLOAD_MUTATIONS; i++) {
            byte[] mutant = mutate(samples.get(random.nextInt(samples.size())), random);
            try {
                codec.decodeData(ByteBuffer.wrap(mutant));
            } catch (CodecException e) {
                assertTrue(e.getMessage().startsWith("cannot decode JSON data as java.lang.Object: "), e.getMessage());
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + i + ": " + show(mutant), e);
            }
        }
    }

    private record Sample(FrameKind kind, byte[] bytes) {
    }

    private List<Sample> headerSamples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (JsonGoldenTest.Entry entry : JsonGoldenTest.entries()) {
            if (!entry.form().equals("payload")) {
                samples.add(new Sample(FrameKind.valueOf(entry.form().replace("accepts:", "")), entry.bytes()));
            }
        }
        RandomFrames frames = new RandomFrames(SEED + 3);
        for (int i = 0; i < 100; i++) {
            Frame frame = frames.frame();
            byte[] bytes = encode(frame);
            if (bytes.length < 600) {
                samples.add(new Sample(frame.kind(), bytes));
            }
        }
        return samples;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            bytes = mutateOnce(bytes, random);
        }
        return bytes;
    }

    private static byte[] mutateOnce(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {any(random)};
        }
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(7)) {
            case 0: { // flip one bit
                byte[] copy = bytes.clone();
                copy[at] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1: { // replace a byte
                byte[] copy = bytes.clone();
                copy[at] = any(random);
                return copy;
            }
            case 2: { // insert a byte
                byte[] copy = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                copy[at] = any(random);
                System.arraycopy(bytes, at, copy, at + 1, bytes.length - at);
                return copy;
            }
            case 3: { // delete a byte
                byte[] copy = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, copy, 0, at);
                System.arraycopy(bytes, at + 1, copy, at, bytes.length - at - 1);
                return copy;
            }
            case 4: { // repeat a slice
                int length = Math.min(bytes.length - at, 1 + random.nextInt(16));
                byte[] copy = Arrays.copyOf(bytes, bytes.length + length);
                System.arraycopy(bytes, at, copy, at + length, bytes.length - at);
                return copy;
            }
            case 5: // cut
                return Arrays.copyOf(bytes, at);
            default: { // swap two bytes
                byte[] copy = bytes.clone();
                int other = random.nextInt(bytes.length);
                byte b = copy[at];
                copy[at] = copy[other];
                copy[other] = b;
                return copy;
            }
        }
    }

    private static byte any(Random random) {
        return random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
    }

    private byte[] encode(Frame frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encodeHeader(frame, out);
        return out.toByteArray();
    }

    private static String show(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    @Test
    void theMutatorChangesItsInput() {
        Random random = new Random(1);
        byte[] original = "{\"ids\":[]}".getBytes(StandardCharsets.US_ASCII);
        int changed = 0;
        for (int i = 0; i < 100; i++) {
            if (!Arrays.equals(original, mutate(original, random))) {
                changed++;
            }
        }
        if (changed < 80) {
            fail("only " + changed + " of 100 mutants differ");
        }
    }
}
