package broadcast.codec.kryo.internal;

import broadcast.api.ErrorCode;
import broadcast.api.Outcome;
import broadcast.api.Payload;

import java.util.List;

/**
 * The fixed wire codes of the kryo header: error codes, outcome statuses and reasons, and the
 * content types that travel as one byte. Documented in {@code docs/protocol.md}; a new constant
 * goes at the end. Immutable; thread-safe.
 */
final class WireCodes {

    static final WireEnum<ErrorCode> ERROR_CODES = new WireEnum<>("error code", ErrorCode.class, List.of(
            ErrorCode.PROTOCOL_ERROR, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.UNKNOWN_CODEC, ErrorCode.CODEC_ERROR,
            ErrorCode.FRAME_TOO_LARGE, ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN, ErrorCode.INVALID_NAME,
            ErrorCode.LIMIT_EXCEEDED, ErrorCode.HANDSHAKE_TIMEOUT, ErrorCode.HEARTBEAT_TIMEOUT, ErrorCode.TAKEN_OVER,
            ErrorCode.SLOW_CONSUMER, ErrorCode.SHUTTING_DOWN, ErrorCode.INTERNAL_ERROR));

    static final WireEnum<Outcome.Status> STATUSES = new WireEnum<>("outcome status", Outcome.Status.class,
            List.of(Outcome.Status.DELIVERED, Outcome.Status.QUEUED, Outcome.Status.NOT_DELIVERED));

    static final WireEnum<Outcome.Reason> REASONS = new WireEnum<>("outcome reason", Outcome.Reason.class, List.of(
            Outcome.Reason.NO_RECIPIENT, Outcome.Reason.QUEUE_FULL, Outcome.Reason.STORE_FAILED,
            Outcome.Reason.FORBIDDEN, Outcome.Reason.EXPIRED, Outcome.Reason.TOO_LARGE, Outcome.Reason.INVALID,
            Outcome.Reason.OUTBOX_FULL, Outcome.Reason.CLOSED, Outcome.Reason.OTHER));

    /** Content type code 0: the content type follows as a string. */
    static final int LITERAL_CONTENT_TYPE = 0;

    /** The content types with a one-byte code; index = code. */
    private static final String[] CONTENT_TYPES = {
        null,
        KryoCodec.CONTENT_TYPE,
        Payload.OCTET_STREAM,
        Payload.TEXT,
        "application/json",
        "application/x-protobuf",
    };

    private WireCodes() {
    }

    /** The code of a content type, or {@link #LITERAL_CONTENT_TYPE}. */
    static int contentTypeCode(String contentType) {
        for (int code = 1; code < CONTENT_TYPES.length; code++) {
            if (CONTENT_TYPES[code].equals(contentType)) {
                return code;
            }
        }
        return LITERAL_CONTENT_TYPE;
    }

    /** The content type of a code other than {@link #LITERAL_CONTENT_TYPE}, or {@code null}. */
    static String contentTypeOrNull(int code) {
        return code > 0 && code < CONTENT_TYPES.length ? CONTENT_TYPES[code] : null;
    }
}
