package broadcast.transport.tcp;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small binary codec for the transport's tests, so they do not depend on a codec module. Two
 * instances with different names stand for two codecs (the hub transcodes between them). Data:
 * null, Boolean, Integer, Long, Map of String, List. Thread-safe.
 */
final class TestCodec implements Codec {

    static final TestCodec BIN = new TestCodec("bin");
    static final TestCodec ALT = new TestCodec("alt");

    private final String name;

    TestCodec(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String contentType() {
        return "application/x-test-" + name;
    }

    @Override
    public void encodeHeader(Frame frame, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(stream);
        out.writeUTF(name); // a codec-specific marker, so re-encoding is visible
        if (frame instanceof Frame.Data d) {
            out.writeUTF(d.id());
            opt(out, d.sender());
            opt(out, d.client());
            opt(out, d.channel());
            opt(out, d.name());
            out.writeBoolean(d.persistent());
            out.writeLong(d.expiresAt());
            out.writeUTF(d.contentType());
            out.writeInt(d.flags());
        } else if (frame instanceof Frame.Subscribe s) {
            out.writeLong(s.requestId());
            strings(out, s.channels());
        } else if (frame instanceof Frame.Unsubscribe u) {
            out.writeLong(u.requestId());
            strings(out, u.channels());
        } else if (frame instanceof Frame.SubAck a) {
            out.writeLong(a.requestId());
            out.writeInt(a.refused().size());
            for (Frame.Refusal r : a.refused()) {
                out.writeUTF(r.channel());
                out.writeUTF(r.code().name());
                out.writeUTF(r.message());
            }
        } else if (frame instanceof Frame.Ack a) {
            strings(out, a.ids());
        } else if (frame instanceof Frame.Outcomes o) {
            out.writeInt(o.outcomes().size());
            for (Outcome x : o.outcomes()) {
                out.writeUTF(x.messageId());
                out.writeUTF(x.status().name());
                opt(out, x.reason() == null ? null : x.reason().name());
                out.writeUTF(x.detail());
            }
        } else if (frame instanceof Frame.Error e) {
            out.writeUTF(e.code().name());
            out.writeUTF(e.message());
        }
        out.flush();
    }

    private static void opt(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            out.writeUTF(s);
        }
    }

    @Override
    public Frame decodeHeader(FrameKind kind, ByteBuffer in) {
        try {
            String marker = utf(in);
            if (!marker.equals(name)) {
                throw new CodecException("codec " + name + " cannot read a header written by codec " + marker);
            }
            return switch (kind) {
                case DATA -> new Frame.Data(utf(in), optUtf(in), optUtf(in), optUtf(in), optUtf(in), in.get() != 0,
                        in.getLong(), utf(in), in.getInt());
                case SUBSCRIBE -> new Frame.Subscribe(in.getLong(), strings(in));
                case UNSUBSCRIBE -> new Frame.Unsubscribe(in.getLong(), strings(in));
                case SUBACK -> {
                    long id = in.getLong();
                    int n = count(in);
                    List<Frame.Refusal> refused = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        refused.add(new Frame.Refusal(utf(in), ErrorCode.valueOf(utf(in)), utf(in)));
                    }
                    yield new Frame.SubAck(id, refused);
                }
                case ACK -> new Frame.Ack(strings(in));
                case OUTCOME -> {
                    int n = count(in);
                    List<Outcome> list = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String id = utf(in);
                        Outcome.Status status = Outcome.Status.valueOf(utf(in));
                        String reason = optUtf(in);
                        list.add(new Outcome(id, status, reason == null ? null : Outcome.Reason.valueOf(reason), utf(in)));
                    }
                    yield new Frame.Outcomes(list);
                }
                case ERROR -> new Frame.Error(ErrorCode.valueOf(utf(in)), utf(in));
                case PING -> Frame.Ping.INSTANCE;
                case PONG -> Frame.Pong.INSTANCE;
            };
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException e) {
            throw new CodecException("codec " + name + " cannot read a " + kind + " header: " + e, e);
        }
    }

    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new CodecException("bad count " + n);
        }
        return n;
    }

    private static List<String> strings(ByteBuffer in) {
        int n = count(in);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(utf(in));
        }
        return list;
    }

    private static String utf(ByteBuffer in) {
        int len = Short.toUnsignedInt(in.getShort());
        if (len > in.remaining()) {
            throw new CodecException("string of " + len + " bytes beyond the end");
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String optUtf(ByteBuffer in) {
        return in.get() != 0 ? utf(in) : null;
    }

    @Override
    public byte[] encodeData(Object data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, data);
        } catch (IOException e) {
            throw new CodecException("cannot encode", e);
        }
        return bytes.toByteArray();
    }

    private static void write(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte('n');
        } else if (v instanceof Boolean b) {
            out.writeByte('b');
            out.writeBoolean(b);
        } else if (v instanceof Integer i) {
            out.writeByte('i');
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte('l');
            out.writeLong(l);
        } else if (v instanceof String s) {
            out.writeByte('s');
            out.writeUTF(s);
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte('m');
            out.writeInt(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.writeUTF(String.valueOf(e.getKey()));
                write(out, e.getValue());
            }
        } else if (v instanceof List<?> list) {
            out.writeByte('a');
            out.writeInt(list.size());
            for (Object o : list) {
                write(out, o);
            }
        } else {
            throw new CodecException("codec test cannot encode a " + v.getClass().getName());
        }
    }

    @Override
    public Object decodeData(ByteBuffer payload) {
        try {
            return read(payload);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CodecException("cannot decode data: " + e, e);
        }
    }

    private static Object read(ByteBuffer in) {
        byte tag = in.get();
        return switch (tag) {
            case 'n' -> null;
            case 'b' -> in.get() != 0;
            case 'i' -> in.getInt();
            case 'l' -> in.getLong();
            case 's' -> utf(in);
            case 'm' -> {
                int n = count(in);
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(utf(in), read(in));
                }
                yield m;
            }
            case 'a' -> {
                int n = count(in);
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                yield list;
            }
            default -> throw new CodecException("bad tag " + tag);
        };
    }

    @Override
    public <T> T decodeData(ByteBuffer payload, Class<T> type) {
        Object value = decodeData(payload);
        if (!type.isInstance(value)) {
            throw new CodecException("data is a " + (value == null ? "null" : value.getClass().getName()) + ", not " + type);
        }
        return type.cast(value);
    }
}
