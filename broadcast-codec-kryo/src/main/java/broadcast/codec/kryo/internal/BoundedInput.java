package broadcast.codec.kryo.internal;

import broadcast.api.spi.AsciiStrings;

import com.esotericsoftware.kryo.io.Input;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Kryo {@link Input} over exactly the bytes of one header or payload, which refuses every length
 * that the remaining bytes cannot hold <em>before</em> anything of that length is allocated.
 *
 * <p>Kryo reads a length and then allocates ({@code new byte[length]}, {@code new char[count]},
 * {@code new int[length]}): with a length from the network that is an allocation of up to 16 GiB
 * driven by five bytes. Every such read of Kryo's goes through the methods overridden here, which
 * compare the length with the bytes left (each element takes at least one byte, or its fixed
 * width). Running out of bytes is a {@link BadInputException}, never a refill: there is no stream
 * behind this input.
 *
 * <p>Not thread-safe; one instance per thread or per pooled Kryo.
 */
final class BoundedInput extends Input {

    /** Buffers larger than this are dropped after use rather than kept for the next call. */
    static final int RETAINED_BYTES = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final int DEFAULT_CHARS = 32;

    private final AsciiStrings names = new AsciiStrings();
    private byte[] scratch = EMPTY;
    private int start;

    BoundedInput() {
        setBuffer(EMPTY);
    }

    /** Reads the remaining bytes of a buffer: in place when it has an accessible array, else from a copy. */
    void wrap(ByteBuffer bytes) {
        int count = bytes.remaining();
        if (bytes.hasArray()) {
            start = bytes.arrayOffset() + bytes.position();
            setBuffer(bytes.array(), start, count);
            return;
        }
        if (scratch.length < count) {
            scratch = new byte[count];
        }
        bytes.duplicate().get(scratch, 0, count);
        start = 0;
        setBuffer(scratch, 0, count);
    }

    /** Reads a whole array. */
    void wrap(byte[] bytes) {
        start = 0;
        setBuffer(bytes, 0, bytes.length);
    }

    /** Forgets the caller's bytes and drops large buffers. */
    void release() {
        setBuffer(EMPTY);
        if (scratch.length > RETAINED_BYTES) {
            scratch = EMPTY;
        }
        if (chars.length > RETAINED_BYTES) {
            chars = new char[DEFAULT_CHARS];
        }
    }

    /** The bytes not read yet. */
    int remaining() {
        return limit - position;
    }

    /** The offset of the next byte from the start of the wrapped bytes. */
    int offset() {
        return position - start;
    }

    @Override
    protected int require(int required) {
        int remaining = limit - position;
        if (remaining >= required) {
            return remaining;
        }
        throw new BadInputException("is truncated: needs " + required + " more byte" + (required == 1 ? "" : "s")
                + " at offset " + offset() + ", has " + remaining);
    }

    /**
     * Refuses a count of elements the remaining bytes cannot hold.
     *
     * @param what what is counted, e.g. "elements of a list"
     * @param bytesEach the fewest bytes one element takes on the wire
     */
    void requireCount(int count, int bytesEach, String what) {
        if (count < 0 || (long) count * bytesEach > remaining()) {
            throw new BadInputException("announces " + Integer.toUnsignedString(count) + " " + what + " at offset "
                    + offset() + " but only " + remaining() + " bytes remain");
        }
    }

    /** A header string: a varint byte count, then that many bytes of UTF-8. */
    String readUtf8(String field) {
        int length = readVarInt(true);
        if (length < 0 || length > remaining()) {
            throw new BadInputException("field " + field + " announces " + Integer.toUnsignedString(length)
                    + " bytes at offset " + offset() + " but only " + remaining() + " remain");
        }
        String value = length == 0 ? "" : new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** A header string as {@link #readUtf8}, whose values repeat (names, content types): ASCII ones come from a cache. */
    String readRepeatedUtf8(String field) {
        int mark = position;
        int length = readVarInt(true);
        if (length > 0 && length <= AsciiStrings.MAX_LENGTH && length <= remaining() && ascii(position, length)) {
            String value = names.get(buffer, position, length, false);
            position += length;
            return value;
        }
        position = mark;
        return readUtf8(field);
    }

    /**
     * A string as {@link #readString} reads it; one in Kryo's short ASCII form (bytes below 0x80,
     * the last one marked with its high bit) comes from a cache.
     */
    String readRepeatedString() {
        if (position < limit && (buffer[position] & 0x80) == 0) {
            int end = Math.min(limit, position + AsciiStrings.MAX_LENGTH);
            for (int i = position; i < end; i++) {
                if (buffer[i] < 0) {
                    String value = names.get(buffer, position, i + 1 - position, true);
                    position = i + 1;
                    return value;
                }
            }
        }
        return readString();
    }

    private boolean ascii(int from, int length) {
        for (int i = from, end = from + length; i < end; i++) {
            if (buffer[i] < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String readString() {
        clearChars(requireStringFits());
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        clearChars(requireStringFits());
        return super.readStringBuilder();
    }

    /**
     * Kryo decodes a non-ASCII string into its reused char buffer and skips a malformed byte
     * without writing its char, which would then show what an earlier string (of another message)
     * left there: those chars read U+FFFD instead, as Java's own UTF-8 decoder gives them.
     */
    private void clearChars(int charCount) {
        if (charCount > 0 && charCount <= chars.length) {
            java.util.Arrays.fill(chars, 0, charCount, '\uFFFD');
        }
    }

    /**
     * Kryo writes a non-ASCII string as a char count (a varint whose first byte has the high bit
     * set) and then the chars, each one to three bytes; it allocates the count before reading.
     * ASCII strings end at a marked byte and never allocate ahead, so only the first form is
     * checked.
     *
     * @return the char count of a string in the first form, or -1
     */
    private int requireStringFits() {
        if (position == limit || (buffer[position] & 0x80) == 0) {
            return -1;
        }
        int mark = position;
        int charCount = readVarIntFlag(true);
        int left = remaining();
        position = mark;
        if (charCount < 0 || charCount - 1 > left) {
            throw new BadInputException("announces a string of " + Integer.toUnsignedString(charCount - 1)
                    + " chars at offset " + offset() + " but only " + left + " bytes remain");
        }
        return charCount - 1;
    }

    @Override
    public byte[] readBytes(int length) {
        requireCount(length, 1, "bytes");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        requireCount(length, Integer.BYTES, "ints");
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireCount(length, varEncoding ? 1 : Integer.BYTES, "ints");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireCount(length, Long.BYTES, "longs");
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireCount(length, varEncoding ? 1 : Long.BYTES, "longs");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        requireCount(length, Float.BYTES, "floats");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireCount(length, Double.BYTES, "doubles");
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireCount(length, Short.BYTES, "shorts");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        requireCount(length, Character.BYTES, "chars");
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireCount(length, 1, "booleans");
        return super.readBooleans(length);
    }
}
