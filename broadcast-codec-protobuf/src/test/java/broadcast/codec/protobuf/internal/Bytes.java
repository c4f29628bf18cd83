package broadcast.codec.protobuf.internal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/** Hand-made protobuf bytes for bad-input tests. */
final class Bytes {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    /** Writes protobuf bytes. */
    interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private Bytes() {
    }

    static byte[] of(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void tag(CodedOutputStream out, int field, int wireType) throws IOException {
        out.writeUInt32NoTag(field << 3 | wireType);
    }

    /** A length-delimited field holding raw bytes. */
    static void field(CodedOutputStream out, int field, byte[] content) throws IOException {
        tag(out, field, LENGTH_DELIMITED);
        out.writeUInt32NoTag(content.length);
        out.writeRawBytes(content);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The offsets at which a top-level field of the message ends, and 0. */
    static Set<Integer> fieldEnds(byte[] message) {
        Set<Integer> ends = new TreeSet<>();
        ends.add(0);
        try {
            CodedInputStream in = CodedInputStream.newInstance(message);
            while (!in.isAtEnd()) {
                in.skipField(in.readTag());
                ends.add(in.getTotalBytesRead());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ends;
    }
}
