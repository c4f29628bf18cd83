package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.DefaultSerializer;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;

import java.util.Collection;
import java.util.Map;

/**
 * Makes identically configured Kryo instances from a codec's settings: the built-in classes, then
 * the user's classes with their ids. Immutable; thread-safe.
 */
final class KryoFactory {

    private final KryoSettings settings;

    KryoFactory(KryoSettings settings) {
        this.settings = settings;
    }

    int maxDepth() {
        return settings.maxDepth();
    }

    /**
     * A new Kryo.
     *
     * @throws IllegalArgumentException if Kryo cannot serialize a user class (the message names it)
     */
    Kryo newKryo() {
        StrictKryo kryo = new StrictKryo(settings.maxDepth());
        BuiltIns.register(kryo);
        for (KryoSettings.UserClass user : settings.classes()) {
            try {
                kryo.register(new Registration(user.type(), serializerFor(kryo, user.type()), user.id()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot register " + user.type().getName() + ": " + e.getMessage(), e);
            }
        }
        return kryo;
    }

    /**
     * Collections, maps and arrays get this codec's bounded serializers; records, enums and other
     * classes get Kryo's default (RecordSerializer, EnumSerializer, FieldSerializer), unless the
     * class chose its own serializer.
     */
    private static Serializer<?> serializerFor(Kryo kryo, Class<?> type) {
        if (type.isArray()) {
            return new BoundedArraySerializer();
        }
        boolean ownSerializer = type.isAnnotationPresent(DefaultSerializer.class)
                || KryoSerializable.class.isAssignableFrom(type);
        if (!ownSerializer && Map.class.isAssignableFrom(type)) {
            return new BoundedMapSerializer();
        }
        if (!ownSerializer && Collection.class.isAssignableFrom(type)) {
            return new BoundedCollectionSerializer();
        }
        return kryo.getDefaultSerializer(type);
    }
}
