package broadcast.codec.protobuf.internal;

import broadcast.api.spi.Frame;
import broadcast.codec.protobuf.internal.proto.DataHeader;
import com.google.protobuf.CodedOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Writes and reads the {@code DataHeader} message of {@code broadcast.proto} field by field with
 * {@link CodedOutputStream} and by hand ({@link BytesReader}), without the generated message and its
 * builder: the hub reads a DATA header for every message it routes, and a client writes one for
 * every message it sends.
 *
 * <p>The bytes written are those of the generated {@code DataHeader.toByteArray()}: fields in
 * number order, an absent optional string and a default scalar left out. Reading takes the common
 * form only: known fields with their own wire type, each at most once, in any order, strings in
 * valid UTF-8, at most {@value BytesReader#SCRATCH_BYTES} bytes from a direct buffer. On anything
 * else (an unknown field number, a wrong wire type, a repeated field, truncation, a missing
 * required field) {@link #read} gives up and returns {@code null}, and the caller parses the header
 * with the generated parser, which accepts or refuses it with the message it always gave. So this
 * class changes no result (a test compares the two on mutated headers).
 *
 * <p>Thread-safe: each thread reads with a reader of its own, which keeps no input between calls.
 */
final class DataHeaders {

    private static final int ID = 10;
    private static final int SENDER = 18;
    private static final int CLIENT = 26;
    private static final int CHANNEL = 34;
    private static final int NAME = 42;
    private static final int PERSISTENT = 48;
    private static final int EXPIRES_AT = 56;
    private static final int CONTENT_TYPE = 66;
    private static final int FLAGS = 72;

    /** Headers up to this size are written through a per-thread array. */
    private static final int SCRATCH_BYTES = 512;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

    private DataHeaders() {
    }

    /** Writes the header of a DATA frame, as {@code DataHeader.toByteArray()} would, in one call. */
    static void write(Frame.Data data, OutputStream out) throws IOException {
        int size = size(data);
        byte[] bytes = size <= SCRATCH_BYTES ? SCRATCH.get() : new byte[size];
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes, 0, size);
        writeString(coded, DataHeader.ID_FIELD_NUMBER, data.id());
        writeString(coded, DataHeader.SENDER_FIELD_NUMBER, data.sender());
        writeString(coded, DataHeader.CLIENT_FIELD_NUMBER, data.client());
        writeString(coded, DataHeader.CHANNEL_FIELD_NUMBER, data.channel());
        writeString(coded, DataHeader.NAME_FIELD_NUMBER, data.name());
        if (data.persistent()) {
            coded.writeBool(DataHeader.PERSISTENT_FIELD_NUMBER, true);
        }
        if (data.expiresAt() != 0) {
            coded.writeInt64(DataHeader.EXPIRES_AT_FIELD_NUMBER, data.expiresAt());
        }
        writeString(coded, DataHeader.CONTENT_TYPE_FIELD_NUMBER, data.contentType());
        if (data.flags() != 0) {
            coded.writeUInt32(DataHeader.FLAGS_FIELD_NUMBER, data.flags());
        }
        coded.checkNoSpaceLeft();
        out.write(bytes, 0, size);
    }

    private static int size(Frame.Data data) {
        int size = stringSize(DataHeader.ID_FIELD_NUMBER, data.id())
                + stringSize(DataHeader.SENDER_FIELD_NUMBER, data.sender())
                + stringSize(DataHeader.CLIENT_FIELD_NUMBER, data.client())
                + stringSize(DataHeader.CHANNEL_FIELD_NUMBER, data.channel())
                + stringSize(DataHeader.NAME_FIELD_NUMBER, data.name())
                + stringSize(DataHeader.CONTENT_TYPE_FIELD_NUMBER, data.contentType());
        if (data.persistent()) {
            size += CodedOutputStream.computeBoolSize(DataHeader.PERSISTENT_FIELD_NUMBER, true);
        }
        if (data.expiresAt() != 0) {
            size += CodedOutputStream.computeInt64Size(DataHeader.EXPIRES_AT_FIELD_NUMBER, data.expiresAt());
        }
        if (data.flags() != 0) {
            size += CodedOutputStream.computeUInt32Size(DataHeader.FLAGS_FIELD_NUMBER, data.flags());
        }
        return size;
    }

    private static int stringSize(int field, String value) {
        return value == null ? 0 : CodedOutputStream.computeStringSize(field, value);
    }

    private static void writeString(CodedOutputStream coded, int field, String value) throws IOException {
        if (value != null) {
            coded.writeString(field, value);
        }
    }

    /**
     * The DATA header in the remaining bytes, or {@code null} if they are not in the common form
     * (the caller then parses them with the generated parser). Leaves the buffer's position alone.
     */
    static Frame.Data read(ByteBuffer header) {
        Reader reader = READERS.get();
        try {
            return reader.read(reader.start(header));
        } finally {
            reader.finish();
        }
    }

    private static final ThreadLocal<Reader> READERS = ThreadLocal.withInitial(Reader::new);

    /**
     * Reads the fields straight from the bytes (copied first from a direct buffer). Repeating
     * strings (sender, client, channel, name, content type) come from the reader's small cache; the
     * id is new every time. Not thread-safe: one per thread.
     */
    private static final class Reader extends BytesReader {

        Frame.Data read(int end) {
            if (end < 0) {
                return null;
            }
            String id = null;
            String sender = null;
            String client = null;
            String channel = null;
            String name = null;
            boolean persistent = false;
            long expiresAt = 0;
            String contentType = null;
            int flags = 0;
            int seen = 0;
            while (pos < end) {
                int tag = bytes[pos++];
                int bit = 1 << (tag >>> 3 & 31);
                if ((seen & bit) != 0) {
                    return null;
                }
                seen |= bit;
                switch (tag) {
                    case ID -> id = required(string(end, false));
                    case SENDER -> sender = required(string(end, true));
                    case CLIENT -> client = required(string(end, true));
                    case CHANNEL -> channel = required(string(end, true));
                    case NAME -> name = required(string(end, true));
                    case PERSISTENT -> persistent = varint(end) != 0;
                    case EXPIRES_AT -> expiresAt = varint(end);
                    case CONTENT_TYPE -> contentType = required(string(end, true));
                    case FLAGS -> flags = (int) varint(end);
                    default -> {
                        return null;
                    }
                }
                if (failed) {
                    return null;
                }
            }
            if (id == null || contentType == null) {
                return null;
            }
            return new Frame.Data(id, sender, client, channel, name, persistent, expiresAt, contentType, flags);
        }

        /** A string read, or {@code null} after marking the read failed. */
        private String required(String value) {
            if (value == null) {
                failed = true;
            }
            return value;
        }
    }
}
