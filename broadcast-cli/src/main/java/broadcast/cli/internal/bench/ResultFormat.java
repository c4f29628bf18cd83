package broadcast.cli.internal.bench;

import broadcast.cli.internal.Json;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as a table for people (a line per workload as soon as it ran), or as JSON lines for
 * scripts: one object per workload with
 * the keys {@code workload}, {@code messages}, {@code size}, {@code lost}, {@code duplicates},
 * {@code msgs_per_s}, {@code mb_per_s}, {@code p50_us}, {@code p99_us}, {@code p999_us},
 * {@code rss_kib_per_client} and more, a figure that does not apply being {@code null} (backlog adds
 * {@code hub_heap_mib_filled}, {@code _draining}, {@code _peak} and {@code _end}). Stateless.
 */
final class ResultFormat {

    private static final String[] HEADER = {"workload", "messages", "size", "codec", "mode", "msgs/s", "MB/s",
        "p50 us", "p99 us", "p99.9 us", "KiB/client rss/heap", "lost", "dup", "result"};
    private static final int[] WIDTHS = {11, 11, 6, 8, 15, 11, 7, 8, 8, 9, 18, 9, 5, 6};

    private ResultFormat() {
    }

    /** One JSON object on one line. */
    static String json(Result r) {
        Settings s = r.settings();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.generator(out)) {
            g.writeStartObject();
            g.writeStringField("workload", s.workload().label());
            g.writeNumberField("messages", s.count());
            g.writeNumberField("size", s.workload() == Workload.CONNECTIONS ? 0 : s.size());
            g.writeStringField("payload", s.workload() == Workload.CONNECTIONS ? null : s.payload().name().toLowerCase(Locale.ROOT));
            g.writeStringField("codec", s.codec());
            g.writeStringField("hub", r.hub());
            g.writeStringField("store", r.store());
            g.writeBooleanField("persistent", s.persistent());
            g.writeNumberField("subscribers", s.subscribers());
            g.writeNumberField("window", s.window());
            g.writeNumberField("deliveries", r.deliveries());
            g.writeNumberField("lost", r.lost());
            g.writeNumberField("duplicates", r.duplicates());
            g.writeNumberField("out_of_order", r.outOfOrder());
            g.writeNumberField("rejected", r.rejected());
            number(g, "seconds", round(r.seconds(), 3));
            number(g, "msgs_per_s", r.msgsPerSecond() == null ? null : (double) Math.round(r.msgsPerSecond()));
            number(g, "mb_per_s", round(r.mbPerSecond(), 1));
            number(g, "p50_us", round(r.p50Micros(), 1));
            number(g, "p99_us", round(r.p99Micros(), 1));
            number(g, "p999_us", round(r.p999Micros(), 1));
            number(g, "rss_kib_per_client", round(r.rssKibPerClient(), 1));
            number(g, "heap_kib_per_client", round(r.heapKibPerClient(), 1));
            if (r.heap() != null) {
                number(g, "hub_heap_mib_filled", round(r.heap().filledMib(), 1));
                number(g, "hub_heap_mib_draining", round(r.heap().drainingMib(), 1));
                number(g, "hub_heap_mib_peak", round(r.heap().peakMib(), 1));
                number(g, "hub_heap_mib_end", round(r.heap().endMib(), 1));
            }
            g.writeBooleanField("ok", r.ok());
            g.writeStringField("note", r.note());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator g, String key, Double value) throws IOException {
        g.writeFieldName(key);
        if (value == null) {
            g.writeNull();
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            g.writeNumber(value.longValue());
        } else {
            g.writeNumber(value);
        }
    }

    private static Double round(Double value, int decimals) {
        if (value == null || !Double.isFinite(value)) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** The table's header. */
    static String header() {
        return line(HEADER);
    }

    /** A workload's line of the table, printed as soon as it ran: the columns have fixed widths. */
    static String row(Result r) {
        Settings s = r.settings();
        boolean connections = s.workload() == Workload.CONNECTIONS;
        String mode = connections ? "-" : (s.persistent() ? "persistent" : "transient")
                + (s.subscribers() > 1 ? " x" + s.subscribers() : "");
        return line(new String[] {s.workload().label(), String.format(Locale.ROOT, "%,d", s.count()),
            connections ? "-" : size(s.size()), s.codec(), mode, whole(r.msgsPerSecond()), decimal(r.mbPerSecond()),
            decimal(r.p50Micros()), decimal(r.p99Micros()), decimal(r.p999Micros()), memory(r),
            String.format(Locale.ROOT, "%,d", r.lost()), String.format(Locale.ROOT, "%,d", r.duplicates()),
            r.ok() ? "ok" : "FAILED"});
    }

    /** What went wrong in the runs that failed, one line each. */
    static List<String> notes(List<Result> results) {
        List<String> lines = new ArrayList<>();
        for (Result r : results) {
            if (r.note() != null) {
                lines.add(r.settings().workload().label() + ": " + r.note());
            } else if (!r.ok()) {
                lines.add(r.settings().workload().label() + ": " + r.lost() + " lost, " + r.duplicates()
                        + " duplicates, " + r.outOfOrder() + " out of order, " + r.rejected() + " refused or malformed");
            }
        }
        return lines;
    }

    private static String line(String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean left = i == 0 || i == 3 || i == 4 || i == cells.length - 1;
            String format = "%" + (left ? "-" : "") + WIDTHS[i] + "s";
            sb.append(String.format(Locale.ROOT, format, cells[i])).append(i == cells.length - 1 ? "" : "  ");
        }
        return sb.toString().stripTrailing();
    }

    static String size(int bytes) {
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    private static String memory(Result r) {
        if (r.heap() != null) {
            return "heap MiB " + whole(r.heap().drainingMib()) + " / " + whole(r.heap().endMib());
        }
        if (r.rssKibPerClient() == null && r.heapKibPerClient() == null) {
            return "-";
        }
        return decimal(r.rssKibPerClient()) + " / " + decimal(r.heapKibPerClient());
    }

    private static String whole(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    private static String decimal(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.1f", v);
    }
}
