package broadcast.cli.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the log of Broadcast's modules ({@code System.Logger}, whose default backend is
 * java.util.logging) to stderr, one line per record: {@code 2026-11-26 14:50:01.123 INFO message}.
 * Other libraries (Netty) log warnings and errors only. The command configures logging; the
 * libraries never do. Not thread-safe: called once, at the start of a command.
 */
public final class Logging {

    /** The log levels of {@code --log-level}. */
    public enum LogLevel {
        ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE), TRACE(Level.FINEST);

        final Level level;

        LogLevel(Level level) {
            this.level = level;
        }
    }

    /** Keeps the configured loggers from being collected, which would drop their levels. */
    private static final Logger BROADCAST = Logger.getLogger("broadcast");
    private static final Logger ROOT = Logger.getLogger("");

    private Logging() {
    }

    public static void configure(LogLevel level) {
        for (Handler h : ROOT.getHandlers()) {
            ROOT.removeHandler(h);
        }
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new LineFormatter(level.level.intValue() <= Level.FINE.intValue()));
        handler.setLevel(Level.ALL);
        ROOT.addHandler(handler);
        ROOT.setLevel(level.level.intValue() < Level.WARNING.intValue() ? Level.WARNING : level.level);
        BROADCAST.setLevel(level.level);
    }

    /** One line per record; a stack trace only at DEBUG and TRACE (the messages name the cause). */
    static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
        private final boolean traces;

        LineFormatter(boolean traces) {
            this.traces = traces;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(128)
                    .append(TIME.format(LocalDateTime.ofInstant(r.getInstant(), java.time.ZoneId.systemDefault())))
                    .append(' ').append(name(r.getLevel())).append(' ').append(formatMessage(r));
            if (r.getThrown() != null && traces) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                sb.append(System.lineSeparator()).append(trace.toString().stripTrailing());
            }
            return sb.append(System.lineSeparator()).toString();
        }

        static String name(Level level) {
            int v = level.intValue();
            if (v >= Level.SEVERE.intValue()) {
                return "ERROR";
            }
            if (v >= Level.WARNING.intValue()) {
                return "WARN";
            }
            if (v >= Level.INFO.intValue()) {
                return "INFO";
            }
            return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
        }
    }
}
