package broadcast.codec.kryo.internal;

import broadcast.api.spi.Codec;
import broadcast.api.spi.CodecException;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The kryo codec: frame headers written field by field (see {@link FrameHeaders}), payload data as
 * a Kryo object graph of registered classes only.
 *
 * <p>Kryo instances are not thread-safe and are costly to make (every registration), so payloads
 * borrow one from a bounded {@link Pool}, together with its buffers. Headers need no Kryo, only an
 * {@link Output} and an {@link BoundedInput}; they are on the path of every frame the hub routes, so
 * each thread keeps its own pair in a thread-local rather than paying for the pool's queue.
 * Buffers that grew past {@value BoundedInput#RETAINED_BYTES} bytes are dropped after use, so
 * neither keeps a large message's memory.
 *
 * <p>Thread-safe: one instance serves every connection.
 */
final class KryoCodec implements Codec {

    static final String NAME = "kryo";
    static final String CONTENT_TYPE = "application/x-kryo";

    private static final int POOL_CAPACITY = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    private static final int INITIAL_OUTPUT = 256;

    private final KryoFactory factory;
    private final Pool<Session> sessions;
    private final ThreadLocal<Buffers> headerBuffers = ThreadLocal.withInitial(Buffers::new);

    /** @param first a Kryo made by the factory, the pool's first */
    KryoCodec(KryoFactory factory, Kryo first) {
        this.factory = factory;
        this.sessions = new Pool<>(true, false, POOL_CAPACITY) {
            @Override
            protected Session create() {
                return new Session(factory.newKryo());
            }
        };
        sessions.free(new Session(first));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public void encodeHeader(Frame frame, OutputStream out) throws IOException {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(out, "out");
        if (frame.kind() == FrameKind.PING || frame.kind() == FrameKind.PONG) {
            return;
        }
        Buffers buffers = headerBuffers.get();
        Output output = buffers.output;
        output.reset();
        FrameHeaders.write(frame, output);
        out.write(output.getBuffer(), 0, output.position());
        buffers.trim();
    }

    @Override
    public Frame decodeHeader(FrameKind kind, ByteBuffer header) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(header, "header");
        BoundedInput input = headerBuffers.get().input;
        input.wrap(header);
        try {
            Frame frame = FrameHeaders.read(kind, input);
            requireEnd(input, "its end");
            header.position(header.limit());
            return frame;
        } catch (RuntimeException e) {
            throw Failures.badHeader("kryo " + kind + " header", e);
        } finally {
            input.release();
        }
    }

    @Override
    public byte[] encodeData(Object data) {
        Session session = sessions.obtain();
        boolean reusable = true;
        try {
            Output output = session.buffers.output;
            output.reset();
            session.kryo.writeClassAndObject(output, data);
            return output.toBytes();
        } catch (RuntimeException e) {
            session.kryo.reset();
            throw Failures.cannotEncode(data, e, factory.maxDepth());
        } catch (StackOverflowError | LinkageError e) {
            reusable = false;
            throw Failures.cannotEncode(data, e, factory.maxDepth());
        } finally {
            session.buffers.trim();
            if (reusable) {
                sessions.free(session);
            }
        }
    }

    @Override
    public Object decodeData(ByteBuffer payload) {
        Objects.requireNonNull(payload, "payload");
        Session session = sessions.obtain();
        boolean reusable = true;
        BoundedInput input = session.buffers.input;
        input.wrap(payload);
        try {
            Object value = session.kryo.readClassAndObject(input);
            requireEnd(input, "its value");
            return value;
        } catch (RuntimeException e) {
            session.kryo.reset();
            throw Failures.badPayload(e, factory.maxDepth());
        } catch (StackOverflowError | LinkageError e) {
            reusable = false;
            throw Failures.badPayload(e, factory.maxDepth());
        } finally {
            input.release();
            if (reusable) {
                sessions.free(session);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T decodeData(ByteBuffer payload, Class<T> type) {
        Objects.requireNonNull(type, "type");
        Object value = decodeData(payload);
        Class<?> boxed = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
        if (value == null && !type.isPrimitive()) {
            return null;
        }
        if (boxed.isInstance(value)) {
            return (T) value;
        }
        throw new CodecException("kryo payload holds " + (value == null ? "null" : "a " + value.getClass().getName())
                + ", not a " + type.getName());
    }

    private static void requireEnd(BoundedInput input, String what) {
        if (input.remaining() != 0) {
            throw new BadInputException("has " + input.remaining() + " more bytes after " + what + " at offset "
                    + input.offset());
        }
    }

    @Override
    public String toString() {
        return "kryo codec (" + CONTENT_TYPE + ", maxDepth " + factory.maxDepth() + ")";
    }

    /** An output and an input, reused by one thread at a time. */
    private static final class Buffers {
        final Output output = new Output(INITIAL_OUTPUT, -1);
        final BoundedInput input = new BoundedInput();

        void trim() {
            if (output.getBuffer().length > BoundedInput.RETAINED_BYTES) {
                output.setBuffer(new byte[INITIAL_OUTPUT], -1);
            }
        }
    }

    /** A Kryo with its buffers, borrowed from the pool for one payload. */
    private static final class Session {
        final Kryo kryo;
        final Buffers buffers = new Buffers();

        Session(Kryo kryo) {
            this.kryo = kryo;
        }
    }
}
