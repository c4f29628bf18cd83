package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A Kryo that requires registration, keeps no references between objects, ignores generic type
 * information (so the bytes of a value never depend on the declared type of a field) and caps the
 * nesting depth.
 *
 * <p>A {@code List}, {@code Set} or {@code Map} of a class nobody registered ({@code List.of()},
 * {@code TreeMap}, {@code Collections.unmodifiableList}) is written as the registered stand-in
 * {@code ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap}, in its iteration order, and
 * is read back as that stand-in; an unregistered array of objects ({@code Integer[]}) is written
 * as an {@code Object[]}, and read back as one (or, as a record component, as the component's
 * array type). Any other unregistered class fails with an
 * {@link UnregisteredClassException} naming it.
 *
 * <p>Not thread-safe: one instance per thread at a time (the codec pools them).
 */
final class StrictKryo extends Kryo {

    private final int maxDepth;

    StrictKryo(int maxDepth) {
        super(new StrictClassResolver(), null);
        this.maxDepth = maxDepth;
        setRegistrationRequired(true);
        setReferences(false);
        setOptimizedGenerics(false);
        setMaxDepth(maxDepth);
    }

    /** How deep objects may nest: Kryo refuses to begin an object at this depth. */
    int maxDepth() {
        return maxDepth;
    }

    /** How deep the object being written or read is. */
    int depth() {
        return getDepth();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Registration getRegistration(Class type) {
        Registration registration = getClassResolver().getRegistration(type);
        if (registration != null) {
            return registration;
        }
        Class<?> standIn = standIn(type);
        if (standIn != null) {
            registration = getClassResolver().getRegistration(standIn);
            if (registration != null) {
                return registration;
            }
        }
        try {
            return super.getRegistration(type);
        } catch (IllegalArgumentException e) {
            throw new UnregisteredClassException(type);
        }
    }

    /** The registered class that carries an unregistered collection or map, or {@code null}. */
    static Class<?> standIn(Class<?> type) {
        if (type.isArray() && !type.getComponentType().isPrimitive()) {
            return Object[].class;
        }
        if (Map.class.isAssignableFrom(type)) {
            return LinkedHashMap.class;
        }
        if (Set.class.isAssignableFrom(type)) {
            return LinkedHashSet.class;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return ArrayList.class;
        }
        return null;
    }
}
