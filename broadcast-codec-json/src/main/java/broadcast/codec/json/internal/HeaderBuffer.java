package broadcast.codec.json.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer that a header is generated into, so that the caller's stream gets the
 * whole header in one write or, when encoding fails, nothing. Unsynchronized, unlike
 * {@link java.io.ByteArrayOutputStream}. Not thread-safe; one per thread.
 */
final class HeaderBuffer extends OutputStream {

    /** A buffer grown beyond this by one large header is not kept for the next. */
    static final int KEEP_LIMIT = 64 * 1024;

    private byte[] bytes = new byte[512];
    private int count;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    private void ensure(int more) {
        if (more > bytes.length - count) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }
    }

    void reset() {
        count = 0;
    }

    boolean oversized() {
        return bytes.length > KEEP_LIMIT;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, count);
    }
}
