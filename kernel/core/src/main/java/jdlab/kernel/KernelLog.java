package jdlab.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The kernel's log: its standard error, which Jupyter shows in the terminal it runs in. Quiet by
 * default: warnings and errors, each said once, one line each (with a stack trace only when the
 * level is turned up). The kernel's own logging, DJL's (through slf4j's JDK binding) and anything
 * else using {@code java.util.logging} land here.
 *
 * <p>{@code JDLAB_LOG_LEVEL} (environment, or the {@code jdlab.log.level} system property) turns it
 * up: {@code INFO}, {@code DEBUG} (or {@code FINE}), {@code ALL}.
 */
final class KernelLog {

    /** The default level: what a user should read, not what the kernel is doing. */
    static final Level DEFAULT = Level.WARNING;
    private static final Map<String, Level> NAMES = Map.of("DEBUG", Level.FINE, "TRACE", Level.FINEST,
            "WARN", Level.WARNING, "ERROR", Level.SEVERE);
    // DJL's probe for a GPU warns, thrice, on every machine without a CUDA driver; %devices says the same once.
    private static final Map<String, Level> QUIETER = Map.of("ai.djl.util.cuda.CudaUtils", Level.SEVERE);

    private KernelLog() {
    }

    /** Sends every logger to the stream at the configured level; call before anything logs. */
    static void configure(PrintStream stream, String configuredLevel) {
        Level level = parse(configuredLevel);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new StreamHandler(stream, level);
        root.addHandler(handler);
        if (level.intValue() >= DEFAULT.intValue()) {
            QUIETER.forEach((name, quieter) -> Logger.getLogger(name).setLevel(quieter));
        }
    }

    /** The level a setting names, or the default for none or nonsense. */
    static Level parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT;
        }
        String name = configured.strip().toUpperCase(Locale.ROOT);
        try {
            return NAMES.getOrDefault(name, Level.parse(name));
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }

    /** The level from {@code jdlab.log.level}, else {@code JDLAB_LOG_LEVEL}. */
    static String configuredLevel() {
        return System.getProperty("jdlab.log.level", System.getenv("JDLAB_LOG_LEVEL"));
    }

    // A ConsoleHandler writes to System.err as it is when the handler is made; the kernel replaces
    // System.err with the cells' stream right after, so the handler keeps the stream it was given.
    private static final class StreamHandler extends ConsoleHandler {
        private final Set<String> said = ConcurrentHashMap.newKeySet();

        StreamHandler(PrintStream stream, Level level) {
            setOutputStream(stream);
            setLevel(level);
            setFormatter(new OneLine(level));
        }

        @Override
        public synchronized void publish(LogRecord record) {
            boolean quiet = getLevel().intValue() >= DEFAULT.intValue();
            if (quiet && !said.add(record.getLoggerName() + '\u0000' + record.getMessage())) {
                return; // warnings that matter are said once
            }
            super.publish(record);
            flush();
        }
    }

    private static final class OneLine extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final boolean traces;

        OneLine(Level level) {
            traces = level.intValue() < DEFAULT.intValue();
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder("[jdlab ").append(LocalTime.now().format(TIME)).append(' ')
                    .append(record.getLevel().getName()).append(' ').append(shortName(record.getLoggerName()))
                    .append("] ").append(formatMessage(record));
            Throwable thrown = record.getThrown();
            if (thrown != null) {
                line.append(": ").append(thrown);
                if (traces) {
                    for (StackTraceElement frame : thrown.getStackTrace()) {
                        line.append("\n    at ").append(frame);
                    }
                }
            }
            return line.append('\n').toString();
        }

        private static String shortName(String logger) {
            return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
        }
    }
}
