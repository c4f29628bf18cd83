package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map as {@code varint size} and then each key and value with its class id, in iteration order
 * (common scalars the short way, {@link Scalars}).
 * Every entry takes at least two bytes, so a size larger than the bytes left allow is refused
 * before anything is created; the map is created empty (Kryo's serializer sizes a {@code HashMap}
 * by the announced size) and grows with the entries actually read. Stateless; thread-safe.
 */
final class BoundedMapSerializer extends Serializer<Map<Object, Object>> {

    @Override
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
        output.writeVarInt(map.size(), true);
        for (Map.Entry<Object, Object> entry : map.entrySet()) {
            Scalars.write(kryo, output, entry.getKey());
            Scalars.write(kryo, output, entry.getValue());
        }
    }

    @Override
    public Map<Object, Object> read(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
        int size = input.readVarInt(true);
        ((BoundedInput) input).requireCount(size, 2, "map entries");
        Map<Object, Object> map = create(kryo, type);
        for (int i = 0; i < size; i++) {
            Object key = Scalars.read(kryo, input, true);
            map.put(key, Scalars.read(kryo, input, false));
        }
        return map;
    }

    private static Map<Object, Object> create(Kryo kryo, Class<? extends Map<Object, Object>> requested) {
        Class<?> type = requested;
        if (type == HashMap.class) {
            return new HashMap<>();
        }
        if (type == LinkedHashMap.class) {
            return new LinkedHashMap<>();
        }
        return kryo.newInstance(requested);
    }
}
