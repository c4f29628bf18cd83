package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;

/**
 * A collection as {@code varint size} and then each element with its class id. Unlike Kryo's
 * {@code CollectionSerializer} every element takes at least one byte (its class id, 0 for null),
 * so a size larger than the bytes left is refused before anything is created, and the collection
 * is created empty and grows with the elements actually read. Stateless; thread-safe.
 */
final class BoundedCollectionSerializer extends Serializer<Collection<Object>> {

    @Override
    public void write(Kryo kryo, Output output, Collection<Object> collection) {
        output.writeVarInt(collection.size(), true);
        for (Object element : collection) {
            Scalars.write(kryo, output, element);
        }
    }

    @Override
    public Collection<Object> read(Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
        int size = input.readVarInt(true);
        ((BoundedInput) input).requireCount(size, 1, "elements");
        Collection<Object> collection = create(kryo, type);
        for (int i = 0; i < size; i++) {
            collection.add(Scalars.read(kryo, input, false));
        }
        return collection;
    }

    private static Collection<Object> create(Kryo kryo, Class<? extends Collection<Object>> requested) {
        Class<?> type = requested;
        if (type == ArrayList.class) {
            return new ArrayList<>();
        }
        if (type == HashSet.class) {
            return new HashSet<>();
        }
        if (type == LinkedHashSet.class) {
            return new LinkedHashSet<>();
        }
        return kryo.newInstance(requested);
    }
}
