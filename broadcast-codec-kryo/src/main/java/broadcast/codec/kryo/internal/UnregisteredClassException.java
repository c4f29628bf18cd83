package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.KryoException;

/** A value of a class nobody registered was about to be written or read. */
final class UnregisteredClassException extends KryoException {

    private static final long serialVersionUID = 1L;

    private final transient Class<?> type;

    UnregisteredClassException(Class<?> type) {
        super("class " + type.getTypeName() + " is not registered");
        this.type = type;
    }

    /** The class nobody registered. */
    Class<?> type() {
        return type;
    }
}
