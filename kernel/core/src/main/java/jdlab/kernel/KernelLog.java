package jdlab.kernel;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The kernel's log: its standard error, which Jupyter shows in the terminal it runs in. Quiet by
 * default: warnings and errors, a library's each said once, one line each (with a stack trace only when the
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
    // java.util.logging holds loggers weakly: a level set on one nobody holds is lost before DJL asks for it.
    private static final List<Logger> HELD = new CopyOnWriteArrayList<>();

    private KernelLog() {
    }

    /** Sends every logger to the stream at the configured level; call before anything logs. */
    static void configure(PrintStream stream, String configuredLevel) {
        Level level = parse(configuredLevel);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = new OnceEachHandler(stream, level);
        root.addHandler(handler);
        if (level.intValue() >= DEFAULT.intValue()) {
            QUIETER.forEach((name, quieter) -> {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(quieter);
                HELD.add(logger);
            });
        }
    }

    /** The level a setting names, or the default for none or nonsense. */
    static Level parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT;
        }
        String name = configured.strip().toUpperCase(Locale.ROOT);
        if (NAMES.containsKey(name)) {
            return NAMES.get(name);
        }
        try {
            return Level.parse(name);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }

    /** The level from {@code jdlab.log.level}, else {@code JDLAB_LOG_LEVEL}. */
    static String configuredLevel() {
        return System.getProperty("jdlab.log.level", System.getenv("JDLAB_LOG_LEVEL"));
    }

    // Writes to the stream the kernel started with, which cells' System.err replaces right after;
    // closing the handler never closes that stream.
    private static final class OnceEachHandler extends java.util.logging.StreamHandler {
        private final Set<String> said = ConcurrentHashMap.newKeySet();

        OnceEachHandler(PrintStream stream, Level level) {
            super(stream, new OneLine(level));
            setLevel(level);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            // A library's warning is said once (DJL repeats its own); the kernel's are each an event,
            // such as a dropped message, and are all said.
            boolean quiet = getLevel().intValue() >= DEFAULT.intValue();
            boolean library = record.getLoggerName() == null || !record.getLoggerName().startsWith("jdlab.");
            if (quiet && library && !said.add(record.getLoggerName() + '\u0000' + record.getMessage())) {
                return;
            }
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
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
