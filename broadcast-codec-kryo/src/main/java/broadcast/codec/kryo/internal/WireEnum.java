package broadcast.codec.kryo.internal;

import broadcast.api.spi.CodecException;

import java.util.Arrays;
import java.util.List;

/**
 * The one-byte wire codes of an enum's constants, fixed by this codec rather than taken from
 * {@link Enum#ordinal()}, so that reordering the enum never changes the protocol. Code 0 is never
 * used. Immutable; thread-safe.
 */
final class WireEnum<E extends Enum<E>> {

    private final String what;
    private final E[] byCode;
    private final int[] codeByOrdinal;

    /**
     * @param what how messages name the enum, e.g. "error code"
     * @param inWireOrder the constants with codes 1, 2, 3, ...
     */
    WireEnum(String what, Class<E> type, List<E> inWireOrder) {
        this.what = what;
        this.byCode = Arrays.copyOf(type.getEnumConstants(), inWireOrder.size() + 1);
        byCode[0] = null;
        for (int i = 0; i < inWireOrder.size(); i++) {
            byCode[i + 1] = inWireOrder.get(i);
        }
        this.codeByOrdinal = new int[type.getEnumConstants().length];
        for (int code = 1; code < byCode.length; code++) {
            codeByOrdinal[byCode[code].ordinal()] = code;
        }
    }

    /** @throws CodecException if this constant has no code (a constant newer than this table) */
    int code(E value) {
        int code = codeByOrdinal[value.ordinal()];
        if (code == 0) {
            throw new CodecException("the kryo codec has no wire code for " + what + " " + value);
        }
        return code;
    }

    /** The constant with that code, or {@code null}. */
    E valueOrNull(int code) {
        return code > 0 && code < byCode.length ? byCode[code] : null;
    }
}
