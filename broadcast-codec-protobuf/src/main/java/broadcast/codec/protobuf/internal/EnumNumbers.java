package broadcast.codec.protobuf.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.spi.CodecException;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;

import java.util.Arrays;

/**
 * The wire numbers of an API enum: constant {@code X} of the API is {@code PREFIX_X} of the
 * {@code broadcast.proto} enum, matched by name once, so the numbers stay fixed when the API's
 * order changes. Immutable; thread-safe.
 *
 * @param <E> the API enum
 */
final class EnumNumbers<E extends Enum<E>> {

    static final EnumNumbers<ErrorCode> ERROR_CODES = new EnumNumbers<>(ErrorCode.class,
            broadcast.codec.protobuf.internal.proto.ErrorCode.getDescriptor(), "ERROR_CODE_");
    static final EnumNumbers<Outcome.Status> STATUSES = new EnumNumbers<>(Outcome.Status.class,
            broadcast.codec.protobuf.internal.proto.OutcomeStatus.getDescriptor(), "OUTCOME_STATUS_");
    static final EnumNumbers<Outcome.Reason> REASONS = new EnumNumbers<>(Outcome.Reason.class,
            broadcast.codec.protobuf.internal.proto.OutcomeReason.getDescriptor(), "OUTCOME_REASON_");

    private static final int NONE = -1;

    private final Class<E> type;
    private final String protoName;
    private final int[] numberByOrdinal;
    private final E[] byNumber;

    private EnumNumbers(Class<E> type, EnumDescriptor proto, String prefix) {
        this.type = type;
        this.protoName = proto.getFullName();
        E[] constants = type.getEnumConstants();
        this.numberByOrdinal = new int[constants.length];
        int max = 0;
        for (EnumValueDescriptor value : proto.getValues()) {
            max = Math.max(max, value.getNumber());
        }
        this.byNumber = Arrays.copyOf(constants, max + 1);
        Arrays.fill(byNumber, null);
        for (E constant : constants) {
            EnumValueDescriptor value = proto.findValueByName(prefix + constant.name());
            numberByOrdinal[constant.ordinal()] = value == null ? NONE : value.getNumber();
            if (value != null) {
                byNumber[value.getNumber()] = constant;
            }
        }
    }

    /**
     * The wire number of a constant.
     *
     * @throws CodecException if {@code broadcast.proto} has no number for it
     */
    int number(E constant) {
        int number = numberByOrdinal[constant.ordinal()];
        if (number == NONE) {
            throw new CodecException(type.getSimpleName() + "." + constant.name() + " has no number in "
                    + protoName + " of the protobuf codec");
        }
        return number;
    }

    /** The constant with a wire number, or {@code null} when none has it (0 is never a constant). */
    E constant(int number) {
        return number > 0 && number < byNumber.length ? byNumber[number] : null;
    }
}
