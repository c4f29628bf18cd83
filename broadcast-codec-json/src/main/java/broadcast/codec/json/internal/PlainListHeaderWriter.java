package broadcast.codec.json.internal;

import broadcast.api.Outcome;
import broadcast.api.spi.Frame;

/**
 * Writes ACK and OUTCOME headers whose strings are all printable ASCII without a quote or a
 * backslash (ids always are, statuses and reasons too, details nearly always) without Jackson,
 * byte for byte as {@link HeaderWriter} writes them with Jackson. A header with any other string
 * is left to Jackson. A test compares the two writers. Stateless; thread-safe.
 */
final class PlainListHeaderWriter {

    private static final byte[] IDS = PlainScanner.ascii("{\"ids\":[");
    private static final byte[] OUTCOMES = PlainScanner.ascii("{\"outcomes\":[");
    private static final byte[] ID = PlainScanner.ascii("{\"id\":\"");
    private static final byte[] STATUS = PlainScanner.ascii("\",\"status\":\"");
    private static final byte[] REASON = PlainScanner.ascii("\",\"reason\":\"");
    private static final byte[] DETAIL = PlainScanner.ascii("\",\"detail\":\"");
    private static final byte[] END_OF_OUTCOME = PlainScanner.ascii("\"}");
    private static final byte[] END = PlainScanner.ascii("]}");

    private PlainListHeaderWriter() {
    }

    /** Writes an ACK header into the empty buffer if every id is plain. @return false otherwise (buffer state unknown) */
    static boolean write(Frame.Ack ack, HeaderBuffer out) {
        out.write(IDS);
        boolean first = true;
        for (String id : ack.ids()) {
            if (!PlainDataHeaderWriter.isPlain(id)) {
                return false;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write('"');
            out.writeAscii(id);
            out.write('"');
        }
        out.write(END);
        return true;
    }

    /** Writes an OUTCOME header into the empty buffer if every string is plain. @return false otherwise */
    static boolean write(Frame.Outcomes outcomes, HeaderBuffer out) {
        out.write(OUTCOMES);
        boolean first = true;
        for (Outcome o : outcomes.outcomes()) {
            if (!PlainDataHeaderWriter.isPlain(o.messageId()) || !PlainDataHeaderWriter.isPlain(o.detail())) {
                return false;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write(ID);
            out.writeAscii(o.messageId());
            out.write(STATUS);
            out.writeAscii(o.status().name());
            if (o.reason() != null) {
                out.write(REASON);
                out.writeAscii(o.reason().name());
            }
            if (!o.detail().isEmpty()) {
                out.write(DETAIL);
                out.writeAscii(o.detail());
            }
            out.write(END_OF_OUTCOME);
        }
        out.write(END);
        return true;
    }
}
