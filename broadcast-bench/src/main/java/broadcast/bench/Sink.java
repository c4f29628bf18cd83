package broadcast.bench;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A reusable, unsynchronized byte sink that headers are encoded into, standing in for the
 * transport's output buffer. Not thread-safe; one per benchmark thread.
 */
final class Sink extends OutputStream {

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

    int size() {
        return count;
    }

    /** Copies what was written into a buffer, cleared first, and flips it for reading. */
    ByteBuffer copyTo(ByteBuffer target) {
        target.clear();
        target.put(bytes, 0, count);
        return target.flip();
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, count);
    }
}
