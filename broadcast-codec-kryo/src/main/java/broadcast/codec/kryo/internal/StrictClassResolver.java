package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/**
 * Reads class ids and nothing else. Kryo's resolver also accepts a class <em>name</em> from the
 * stream (id 1) and loads it with {@code Class.forName} before it checks the registration; this
 * one refuses names, and turns an id nobody registered into a {@link BadInputException} that says
 * what to do. Not thread-safe, like the Kryo it belongs to.
 */
final class StrictClassResolver extends DefaultClassResolver {

    private static final int NAME_ID = DefaultClassResolver.NAME + 2;

    @Override
    public Registration readClass(Input input) {
        int id = input.readVarInt(true);
        if (id == Kryo.NULL) {
            return null;
        }
        if (id == NAME_ID) {
            throw new BadInputException("names a class by its name, which this codec never accepts");
        }
        Registration registration = getRegistration(id - 2);
        if (registration == null) {
            throw new BadInputException("names class id " + Integer.toUnsignedString(id - 2)
                    + ", which is not registered here; sender and receiver must register the same classes with"
                    + " the same ids (codec setting classes)");
        }
        return registration;
    }

    @Override
    protected Registration readName(Input input) {
        throw new BadInputException("names a class by its name, which this codec never accepts");
    }
}
