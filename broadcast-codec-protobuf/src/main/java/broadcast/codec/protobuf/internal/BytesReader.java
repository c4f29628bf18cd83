package broadcast.codec.protobuf.internal;

import broadcast.api.spi.AsciiStrings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The shared part of the hand-written readers ({@link DataHeaders}, {@link StructReader}): varints,
 * lengths and strings read from an array, each checked against a limit, never failing. A reader
 * that meets anything it does not expect gives up (a method returns -1, {@code null} or sets
 * {@link #failed}) and its caller leaves the bytes to the generated parser.
 *
 * <p>Not thread-safe: each thread reads with instances of its own.
 */
abstract class BytesReader {

    /** Buffers without an array are copied into this first; larger ones are not read by hand. */
    static final int SCRATCH_BYTES = 1024;

    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final AsciiStrings names = new AsciiStrings();

    byte[] bytes;
    int pos;
    /** Set by {@link #varint} on a malformed varint. */
    boolean failed;

    /**
     * Starts reading the remaining bytes of a buffer, in place or from a copy, leaving its position
     * alone. Returns where they end in {@link #bytes}, or -1 if the buffer is too large to copy.
     */
    final int start(ByteBuffer buffer) {
        failed = false;
        int length = buffer.remaining();
        if (buffer.hasArray()) {
            bytes = buffer.array();
            pos = buffer.arrayOffset() + buffer.position();
            return pos + length;
        }
        if (length > SCRATCH_BYTES) {
            return -1;
        }
        buffer.get(buffer.position(), scratch, 0, length);
        bytes = scratch;
        pos = 0;
        return length;
    }

    /** Forgets the caller's array. */
    final void finish() {
        bytes = null;
    }

    /** A varint of up to ten bytes, as protobuf reads it; sets {@link #failed} if it is malformed. */
    final long varint(int limit) {
        long value = 0;
        for (int shift = 0; shift < 64 && pos < limit; shift += 7) {
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        failed = true;
        return 0;
    }

    /** Reads a length and returns where it ends, or -1 if it does not fit before {@code limit}. */
    final int end(int limit) {
        int length = length(limit);
        return length < 0 || length > limit - pos ? -1 : pos + length;
    }

    /** A varint length of at most five bytes below 2^31, or -1. */
    private int length(int limit) {
        int value = 0;
        for (int shift = 0; shift < 35 && pos < limit; shift += 7) {
            int b = bytes[pos++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                return shift == 28 && (b & 0x78) != 0 ? -1 : value;
            }
        }
        return -1;
    }

    /**
     * A length-prefixed UTF-8 string ending at or before {@code limit}, or {@code null} if it does
     * not fit or is not valid UTF-8.
     *
     * @param repeated whether the string's values repeat from message to message (names, content
     *     types, map keys: they come from a small cache), unlike ids
     */
    final String string(int limit, boolean repeated) {
        int end = end(limit);
        if (end < 0) {
            return null;
        }
        int start = pos;
        pos = end;
        for (int i = start; i < end; i++) {
            if (bytes[i] < 0) {
                String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                // Java replaces malformed UTF-8 with U+FFFD where protobuf refuses it; let protobuf decide.
                return text.indexOf('\uFFFD') >= 0 ? null : text;
            }
        }
        return repeated ? names.get(bytes, start, end - start)
                : new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
