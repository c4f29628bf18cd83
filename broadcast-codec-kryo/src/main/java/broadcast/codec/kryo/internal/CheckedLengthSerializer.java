package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Wraps one of Kryo's primitive array serializers, which write {@code varint length+1} (0 for
 * null) and then the elements, and checks that length against the bytes left before Kryo
 * allocates the array. Kryo's {@code boolean[]} serializer allocates directly, without going
 * through {@link BoundedInput}; the others are checked there too. Stateless; thread-safe.
 */
final class CheckedLengthSerializer<T> extends Serializer<T> {

    private final Serializer<T> delegate;
    private final int bytesEach;
    private final String what;

    /**
     * @param bytesEach the fewest bytes one element takes
     * @param what the elements, for messages, e.g. "booleans"
     */
    CheckedLengthSerializer(Serializer<T> delegate, int bytesEach, String what) {
        super(delegate.getAcceptsNull(), delegate.isImmutable());
        this.delegate = delegate;
        this.bytesEach = bytesEach;
        this.what = what;
    }

    @Override
    public void write(Kryo kryo, Output output, T object) {
        delegate.write(kryo, output, object);
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        BoundedInput bounded = (BoundedInput) input;
        int start = bounded.position();
        int lengthPlusOne = bounded.readVarInt(true);
        if (lengthPlusOne != Kryo.NULL) {
            bounded.requireCount(lengthPlusOne - 1, bytesEach, what);
        }
        bounded.setPosition(start);
        return delegate.read(kryo, input, type);
    }
}
