package broadcast.codec.kryo.internal;

import broadcast.api.spi.CodecException;

import com.esotericsoftware.kryo.KryoException;

/**
 * Turns whatever Kryo or a guard threw into the one {@link CodecException} callers see, with a
 * message that says what was wrong and, when the fix is a setting, which one. Stateless.
 */
final class Failures {

    private static final String MAX_DEPTH_MESSAGE = "Max depth exceeded";
    private static final String KRYO_TRACE = "Serialization trace:";

    private Failures() {
    }

    /** A header that could not be read; {@code what} is e.g. "kryo DATA header". */
    static CodecException badHeader(String what, Throwable failure) {
        BadInputException bad = find(failure, BadInputException.class);
        if (bad != null) {
            return new CodecException(what + " " + bad.describe(), failure);
        }
        return new CodecException(what + " is not valid: " + rootMessage(failure), failure);
    }

    /** A payload that could not be read. */
    static CodecException badPayload(Throwable failure, int maxDepth) {
        BadInputException bad = find(failure, BadInputException.class);
        if (bad != null) {
            return new CodecException("kryo payload " + bad.describe(), failure);
        }
        UnregisteredClassException unregistered = find(failure, UnregisteredClassException.class);
        if (unregistered != null) {
            return new CodecException("kryo payload holds " + unregistered.type().getTypeName() + ", which is not"
                    + " registered here; add it to the codec setting classes", failure);
        }
        if (tooDeep(failure)) {
            return new CodecException("kryo payload nests deeper than " + maxDepth + " levels (codec setting "
                    + KryoSettings.MAX_DEPTH + ")", failure);
        }
        return new CodecException("kryo payload is not valid: " + rootMessage(failure), failure);
    }

    /** A value that could not be written. */
    static CodecException cannotEncode(Object data, Throwable failure, int maxDepth) {
        String what = "the kryo codec cannot encode " + (data == null ? "null" : "a " + data.getClass().getTypeName());
        UnregisteredClassException unregistered = find(failure, UnregisteredClassException.class);
        if (unregistered != null && ClassRules.isJdk(unregistered.type())) {
            return new CodecException(what + ": class " + unregistered.type().getTypeName() + " is not one the codec"
                    + " supports, and JDK classes cannot be registered; send a supported value instead (see the"
                    + " documentation of module broadcast.codec.kryo)", failure);
        }
        if (unregistered != null) {
            String name = unregistered.type().getTypeName();
            return new CodecException(what + ": class " + name + " is not registered; add it to the codec setting "
                    + KryoSettings.CLASSES + " of the sender and of every receiver, with the same id (e.g. "
                    + KryoSettings.CLASSES + "=" + BuiltIns.FIRST_USER_ID + ":" + name + ")", failure);
        }
        if (tooDeep(failure)) {
            return new CodecException(what + ": it nests deeper than " + maxDepth + " levels (codec setting "
                    + KryoSettings.MAX_DEPTH + "), or refers to itself", failure);
        }
        return new CodecException(what + ": " + rootMessage(failure), failure);
    }

    private static boolean tooDeep(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StackOverflowError
                    || t.getMessage() != null && t.getMessage().startsWith(MAX_DEPTH_MESSAGE)) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        String what = message.isEmpty() ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + message;
        String trace = kryoTrace(failure);
        return trace.isEmpty() ? what : what + " (in " + trace + ")";
    }

    /** The serialization trace Kryo appends to its messages: which field of which class. */
    private static String kryoTrace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            int at = message == null ? -1 : message.indexOf(KRYO_TRACE);
            if (t instanceof KryoException && at >= 0) {
                return String.join(" < ", message.substring(at + KRYO_TRACE.length()).strip().lines()
                        .map(String::strip).toList());
            }
        }
        return "";
    }
}
