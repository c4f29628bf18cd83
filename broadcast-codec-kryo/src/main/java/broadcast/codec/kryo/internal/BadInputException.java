package broadcast.codec.kryo.internal;

import com.esotericsoftware.kryo.KryoException;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes from the network that this codec refuses: truncated, a length beyond the bytes left, a
 * class id nobody registered. Thrown inside Kryo's call stack so that Kryo's serializers add
 * their trace (which field, of which class), and turned into a {@code CodecException} at the
 * codec's boundary.
 */
final class BadInputException extends KryoException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final transient List<String> trace = new ArrayList<>(2);

    /** @param reason what is wrong, a phrase that follows "kryo payload" or "kryo DATA header" */
    BadInputException(String reason) {
        super(reason);
        this.reason = reason;
    }

    @Override
    public void addTrace(String info) {
        super.addTrace(info);
        trace.add(info);
    }

    /** The reason and, when Kryo added one, where in the value it happened. */
    String describe() {
        return trace.isEmpty() ? reason : reason + " (in " + String.join(" < ", trace) + ")";
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Thrown for every bad frame a peer sends; the reason says all, a stack trace would only cost.
        return this;
    }
}
