package broadcast.codec.json.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.Frame;
import broadcast.api.spi.FrameKind;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the plain form of ACK and OUTCOME headers without Jackson: a persistent message costs one
 * id in an ACK and one outcome in an OUTCOME, read by the hub and by the sender for every message.
 *
 * <p>The plain form is what {@link PlainListHeaderWriter} writes, with JSON whitespace allowed
 * between tokens: {@code {"ids":[...]}} with plain strings (printable ASCII without escapes, at
 * most {@value JsonCodec#HEADER_MAX_STRING_LENGTH} characters), and {@code {"outcomes":[...]}}
 * whose objects have the fields {@code id}, {@code status}, {@code reason} and {@code detail}, each
 * at most once, in any order, with plain strings, a known status and a reason exactly when the
 * status is {@code NOT_DELIVERED}. Anything else (an unknown or repeated field, {@code null}, an
 * escape, bad syntax, trailing data) gives {@code null}, and the caller reads the header with
 * Jackson, which accepts or refuses it as it always did; a test checks that both agree on
 * mutated headers.
 *
 * <p>Thread-safe: each thread scans with an instance of its own, which keeps no input between calls.
 */
final class ListHeaderScanner extends PlainScanner {

    private static final byte[] IDS = ascii("ids\"");
    private static final byte[] OUTCOMES = ascii("outcomes\"");
    private static final byte[] ID = ascii("id\"");
    private static final byte[] STATUS = ascii("status\"");
    private static final byte[] REASON = ascii("reason\"");
    private static final byte[] DETAIL = ascii("detail\"");

    private static final ThreadLocal<ListHeaderScanner> SCANNERS = ThreadLocal.withInitial(ListHeaderScanner::new);

    private ListHeaderScanner() {
    }

    /** The ACK or OUTCOME header in {@code bytes[start..end)}, or {@code null} if it is not in the plain form. */
    static Frame scan(FrameKind kind, byte[] bytes, int start, int end) {
        return SCANNERS.get().scanArray(kind, bytes, start, end);
    }

    /**
     * The ACK or OUTCOME header in the remaining bytes of a buffer without an accessible array, or
     * {@code null} as {@link #scan}; on success the buffer is consumed.
     */
    static Frame scan(FrameKind kind, ByteBuffer header) {
        int length = header.remaining();
        if (length > SCRATCH_BYTES) {
            return null;
        }
        ListHeaderScanner scanner = SCANNERS.get();
        Frame frame = scanner.scanArray(kind, scanner.copy(header), 0, length);
        if (frame != null) {
            header.position(header.limit());
        }
        return frame;
    }

    private Frame scanArray(FrameKind kind, byte[] input, int start, int stop) {
        start(input, start, stop);
        try {
            Frame frame;
            if (kind == FrameKind.ACK) {
                List<String> ids = field(IDS) ? ids() : null;
                frame = ids == null ? null : new Frame.Ack(ids);
            } else {
                List<Outcome> outcomes = field(OUTCOMES) ? outcomes() : null;
                frame = outcomes == null ? null : new Frame.Outcomes(outcomes);
            }
            if (frame == null || !skipWhitespaceTo('}')) {
                return null;
            }
            skipWhitespace();
            return at == end ? frame : null;
        } finally {
            finish();
        }
    }

    /** The opening brace and the one field's name and colon. */
    private boolean field(byte[] quotedName) {
        return skipWhitespaceTo('{') && skipWhitespaceTo('"') && skipName(quotedName) && skipWhitespaceTo(':');
    }

    /** An array of plain strings, or null. */
    private List<String> ids() {
        if (!skipWhitespaceTo('[')) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        if (skipWhitespaceTo(']')) {
            return ids;
        }
        do {
            skipWhitespace();
            String id = string(false);
            if (id == null) {
                return null;
            }
            ids.add(id);
        } while (skipWhitespaceTo(','));
        return skipWhitespaceTo(']') ? ids : null;
    }

    /** An array of outcome objects, or null. */
    private List<Outcome> outcomes() {
        if (!skipWhitespaceTo('[')) {
            return null;
        }
        List<Outcome> outcomes = new ArrayList<>();
        if (skipWhitespaceTo(']')) {
            return outcomes;
        }
        do {
            Outcome outcome = outcome();
            if (outcome == null) {
                return null;
            }
            outcomes.add(outcome);
        } while (skipWhitespaceTo(','));
        return skipWhitespaceTo(']') ? outcomes : null;
    }

    /** One outcome object, or null. */
    private Outcome outcome() {
        if (!skipWhitespaceTo('{')) {
            return null;
        }
        String id = null;
        String status = null;
        String reason = null;
        String detail = null;
        do {
            if (!skipWhitespaceTo('"')) {
                return null;
            }
            int field = skipName(ID) ? 0 : skipName(STATUS) ? 1 : skipName(REASON) ? 2 : skipName(DETAIL) ? 3 : -1;
            if (field < 0 || !skipWhitespaceTo(':')) {
                return null;
            }
            skipWhitespace();
            String value = string(field != 0);
            if (value == null || (field == 0 ? id : field == 1 ? status : field == 2 ? reason : detail) != null) {
                return null; // not a plain string, or a repeated field
            }
            switch (field) {
                case 0 -> id = value;
                case 1 -> status = value;
                case 2 -> reason = value;
                default -> detail = value;
            }
        } while (skipWhitespaceTo(','));
        if (!skipWhitespaceTo('}') || id == null || status == null) {
            return null;
        }
        return outcome(id, status, reason, detail);
    }

    /** The outcome, as Jackson's reader makes it; null where that reader would refuse it. */
    private static Outcome outcome(String id, String statusName, String reasonName, String detail) {
        Outcome.Status status = switch (statusName) {
            case "DELIVERED" -> Outcome.Status.DELIVERED;
            case "QUEUED" -> Outcome.Status.QUEUED;
            case "NOT_DELIVERED" -> Outcome.Status.NOT_DELIVERED;
            default -> null;
        };
        if (status == null || (status == Outcome.Status.NOT_DELIVERED) != (reasonName != null)) {
            return null;
        }
        Outcome.Reason reason = null;
        if (reasonName != null) {
            try {
                reason = Outcome.Reason.valueOf(reasonName);
            } catch (IllegalArgumentException e) {
                reason = Outcome.Reason.OTHER; // as the Jackson reader: a newer hub's reason
            }
        }
        return new Outcome(id, status, reason, detail);
    }
}
