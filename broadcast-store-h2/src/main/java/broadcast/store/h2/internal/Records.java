package broadcast.store.h2.internal;

import broadcast.api.spi.StoredMessage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a stored message as the value of the messages map:
 *
 * <pre>
 * byte    format (1)
 * byte    flags: 1 if the message is in the expiry index (it has its own expiry, earlier than the retention)
 * long    expiresAt, epoch ms, 0 for none   (fixed offset 2: read without decoding the rest)
 * long    size, as StoredMessage.size()    (fixed offset 10)
 * varint  n, then n varlongs: the ids of the queues the message was appended to
 * 6 texts id, sender, client, channel, name, content type: varint (UTF-8 length + 1), 0 for null
 * varint  payload length, then the payload
 * </pre>
 *
 * The list of queues is written once, at append: a queue that later acknowledged the message still
 * appears in it, so readers check the queue's entry. The body (texts and payload) is encoded before
 * the store's lock is taken; the header is added under it. Stateless.
 */
final class Records {

    static final byte FORMAT = 1;
    private static final byte INDEXED = 1;
    private static final int FLAGS = 1;
    private static final int EXPIRES_AT = 2;
    private static final int SIZE = 10;
    private static final int QUEUES = 18;

    private Records() {
    }

    /** The texts and payload of a message, without the header. */
    static byte[] body(StoredMessage m) {
        byte[][] texts = {utf8(m.id()), utf8(m.sender()), utf8(m.client()), utf8(m.channel()), utf8(m.name()),
                utf8(m.contentType())};
        int length = varIntLength(m.payload().length) + m.payload().length;
        for (byte[] t : texts) {
            length += t == null ? 1 : varIntLength(t.length + 1) + t.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] t : texts) {
            if (t == null) {
                out.put((byte) 0);
            } else {
                putVarInt(out, t.length + 1);
                out.put(t);
            }
        }
        putVarInt(out, m.payload().length);
        out.put(m.payload());
        return out.array();
    }

    /** A whole record: the header, then the body made by {@link #body}. */
    static byte[] record(long expiresAt, boolean indexed, long size, long[] queues, int queueCount, byte[] body) {
        int header = QUEUES + varIntLength(queueCount);
        for (int i = 0; i < queueCount; i++) {
            header += varLongLength(queues[i]);
        }
        ByteBuffer out = ByteBuffer.allocate(header + body.length);
        out.put(FORMAT).put(indexed ? INDEXED : 0).putLong(expiresAt).putLong(size);
        putVarInt(out, queueCount);
        for (int i = 0; i < queueCount; i++) {
            putVarLong(out, queues[i]);
        }
        out.put(body);
        return out.array();
    }

    static long expiresAt(byte[] record) {
        return ByteBuffer.wrap(record).getLong(EXPIRES_AT);
    }

    /** Whether the message is in the expiry index; if not, only its age (the retention) expires it. */
    static boolean indexed(byte[] record) {
        return (record[FLAGS] & INDEXED) != 0;
    }

    static long size(byte[] record) {
        return ByteBuffer.wrap(record).getLong(SIZE);
    }

    static boolean expiredAt(byte[] record, long nowMillis) {
        long expiresAt = expiresAt(record);
        return expiresAt != 0 && expiresAt <= nowMillis;
    }

    /** The ids of the queues the message was appended to. */
    static long[] queues(byte[] record) {
        ByteBuffer in = checked(record);
        in.position(QUEUES);
        long[] queues = new long[getVarInt(in)];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = getVarLong(in);
        }
        return queues;
    }

    static String id(byte[] record) {
        ByteBuffer in = afterQueues(record);
        return text(in);
    }

    /** The whole message. */
    static StoredMessage message(byte[] record) {
        ByteBuffer in = afterQueues(record);
        String id = text(in);
        String sender = text(in);
        String client = text(in);
        String channel = text(in);
        String name = text(in);
        String contentType = text(in);
        byte[] payload = new byte[getVarInt(in)];
        in.get(payload);
        return new StoredMessage(id, sender, client, channel, name, expiresAt(record), contentType, payload);
    }

    private static ByteBuffer afterQueues(byte[] record) {
        ByteBuffer in = checked(record);
        in.position(QUEUES);
        for (int n = getVarInt(in); n > 0; n--) {
            getVarLong(in);
        }
        return in;
    }

    private static ByteBuffer checked(byte[] record) {
        if (record.length < QUEUES || record[0] != FORMAT) {
            throw new IllegalStateException("unknown message record format "
                    + (record.length == 0 ? "(empty)" : Byte.toString(record[0])));
        }
        return ByteBuffer.wrap(record);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer in) {
        int n = getVarInt(in);
        if (n == 0) {
            return null;
        }
        String s = new String(in.array(), in.position(), n - 1, StandardCharsets.UTF_8);
        in.position(in.position() + n - 1);
        return s;
    }

    static int varIntLength(int v) {
        return varLongLength(v & 0xFFFFFFFFL);
    }

    static int varLongLength(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static void putVarInt(ByteBuffer out, int v) {
        putVarLong(out, v & 0xFFFFFFFFL);
    }

    private static void putVarLong(ByteBuffer out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }

    private static int getVarInt(ByteBuffer in) {
        return (int) getVarLong(in);
    }

    private static long getVarLong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }
}
