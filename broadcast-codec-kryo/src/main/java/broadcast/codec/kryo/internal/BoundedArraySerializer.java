package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

import java.lang.reflect.Array;

/**
 * An array of references ({@code String[]}, {@code Object[]}, {@code Order[]}) as {@code varint
 * length} and then each element with its class id. The length is checked against the bytes left
 * before the array is allocated (Kryo's own array serializers allocate first), and each element
 * read must fit the array's component type. Stateless; thread-safe.
 */
final class BoundedArraySerializer extends Serializer<Object[]> {

    @Override
    public void write(Kryo kryo, Output output, Object[] array) {
        output.writeVarInt(array.length, true);
        for (Object element : array) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public Object[] read(Kryo kryo, Input input, Class<? extends Object[]> type) {
        int length = input.readVarInt(true);
        ((BoundedInput) input).requireCount(length, 1, "array elements");
        Class<?> component = type.getComponentType();
        Object[] array = (Object[]) Array.newInstance(component, length);
        for (int i = 0; i < length; i++) {
            Object element = kryo.readClassAndObject(input);
            if (element != null && !component.isInstance(element)) {
                throw new BadInputException("puts a " + element.getClass().getName() + " into an array of "
                        + component.getName());
            }
            array[i] = element;
        }
        return array;
    }
}
