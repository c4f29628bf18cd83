package broadcast.codec.protobuf.internal;

import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.codec.protobuf.internal.proto.DataHeader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written DATA header writes the generated message's bytes, and reads what the generated
 * parser reads: the same frame, or it leaves the bytes to that parser.
 */
class DataHeadersTest {

    private static final byte[] CONTENT_TYPE = Bytes.of(out -> out.writeString(8, "x"));
    private static final byte[] ID = Bytes.of(out -> out.writeString(1, "m"));

    @Test
    void shouldWriteTheBytesOfTheGeneratedMessageAndReadThemBack() throws IOException {
        RandomFrames frames = new RandomFrames(new Random(21));
        for (int i = 0; i < 5000; i++) {
            Frame.Data frame = frames.data();
            byte[] bytes = write(frame);
            assertArrayEquals(generated(frame), bytes, frame::toString);
            assertEquals(frame, DataHeaders.read(ByteBuffer.wrap(bytes)));
            assertEquals(frame, DataHeaders.read(direct(bytes)));
        }
        Frame.Data big = new Frame.Data("i".repeat(600), null, null, "c".repeat(70_000), null, true, -1, "t", -1);
        assertArrayEquals(generated(big), write(big));
    }

    @Test
    void shouldLeaveAnythingButTheCommonFormToTheGeneratedParser() {
        byte[] unknownField = Bytes.of(out -> out.writeString(99, "later"));
        byte[] wrongWireType = Bytes.of(out -> out.writeUInt32(2, 1));
        byte[] twice = Bytes.of(out -> out.writeString(4, "a"));
        byte[] endGroup = Bytes.of(out -> Bytes.tag(out, 1, Bytes.END_GROUP));
        byte[] badUtf8 = Bytes.of(out -> Bytes.field(out, 2, new byte[] {(byte) 0xC3}));
        byte[] cut = Bytes.of(out -> out.writeString(4, "abc"));
        List<byte[]> cases = List.of(
                CONTENT_TYPE,
                ID,
                Bytes.concat(ID, CONTENT_TYPE, unknownField),
                Bytes.concat(ID, wrongWireType, CONTENT_TYPE),
                Bytes.concat(ID, twice, twice, CONTENT_TYPE),
                Bytes.concat(ID, CONTENT_TYPE, ID),
                Bytes.concat(ID, CONTENT_TYPE, endGroup, ID),
                Bytes.concat(ID, badUtf8, CONTENT_TYPE),
                Bytes.concat(ID, CONTENT_TYPE, java.util.Arrays.copyOf(cut, cut.length - 1)),
                new byte[] {0},
                new byte[] {(byte) 0x80});
        for (byte[] header : cases) {
            assertNull(DataHeaders.read(ByteBuffer.wrap(header)), TestCodecs.hex(header));
            assertSameAsGeneratedParser(header);
        }
    }

    /** Whatever the hand-written reader reads from a mutated header, the generated parser reads the same. */
    @Test
    void shouldAgreeWithTheGeneratedParserOnMutatedHeaders() throws IOException {
        Random random = new Random(0xDA7A);
        RandomFrames frames = new RandomFrames(random);
        List<byte[]> samples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            samples.add(write(frames.data()));
        }
        int read = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] mutant = MutationTest.mutate(samples.get(random.nextInt(samples.size())), random);
            Frame.Data frame = DataHeaders.read(ByteBuffer.wrap(mutant));
            if (frame != null) {
                read++;
                assertEquals(HeaderDecoder.parseData(ByteBuffer.wrap(mutant)), frame, TestCodecs.hex(mutant));
            }
            if (i % 10 == 0) {
                assertSameAsGeneratedParser(mutant);
            }
        }
        assertTrue(read > 5_000, "mutants read by hand: " + read);
    }

    @Test
    void shouldLeaveTheBufferPositionAlone() {
        byte[] bytes = Bytes.concat(ID, CONTENT_TYPE);
        ByteBuffer heap = ByteBuffer.wrap(bytes);
        ByteBuffer direct = direct(bytes);
        assertEquals(new Frame.Data("m", null, null, null, null, false, 0, "x", 0), DataHeaders.read(heap));
        DataHeaders.read(direct);
        assertEquals(0, heap.position());
        assertEquals(0, direct.position());
    }

    /** The codec (hand-written reader first) and the generated parser alone give the same frame, or the same error. */
    private static void assertSameAsGeneratedParser(byte[] header) {
        ProtobufCodec codec = (ProtobufCodec) TestCodecs.plain();
        Object viaCodec;
        Object viaGenerated;
        try {
            viaCodec = codec.decodeHeader(broadcast.api.spi.FrameKind.DATA, direct(header));
        } catch (CodecException e) {
            viaCodec = e.getMessage();
        }
        try {
            viaGenerated = HeaderDecoder.parseData(ByteBuffer.wrap(header));
        } catch (CodecException e) {
            viaGenerated = e.getMessage();
        }
        assertEquals(viaGenerated, viaCodec, TestCodecs.hex(header));
    }

    private static byte[] generated(Frame.Data data) {
        DataHeader.Builder header = DataHeader.newBuilder().setId(data.id()).setPersistent(data.persistent())
                .setExpiresAt(data.expiresAt()).setContentType(data.contentType()).setFlags(data.flags());
        if (data.sender() != null) {
            header.setSender(data.sender());
        }
        if (data.client() != null) {
            header.setClient(data.client());
        }
        if (data.channel() != null) {
            header.setChannel(data.channel());
        }
        if (data.name() != null) {
            header.setName(data.name());
        }
        return header.build().toByteArray();
    }

    private static byte[] write(Frame.Data frame) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataHeaders.write(frame, out);
        return out.toByteArray();
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
}
