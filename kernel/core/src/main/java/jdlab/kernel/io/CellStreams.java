package jdlab.kernel.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stdout and stderr of one cell: buffered, sent every flush, and capped.
 *
 * <p>Past the cap, bytes are only counted, so a cell printing millions of lines costs little and
 * the browser gets a note instead of the flood.
 */
public final class CellStreams {

    /** Publishes a chunk of a stream ({@code stdout} or {@code stderr}) for this cell. */
    public interface Sink {
        void stream(String name, String text);
    }

    /** The system property that sets the cap, in bytes per cell. */
    public static final String LIMIT_PROPERTY = "jdlab.output.limit";
    static final long DEFAULT_LIMIT = 1_000_000;

    private final Sink sink;
    private final long limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private long accepted;
    private long droppedBytes;
    private long droppedLines;

    public CellStreams(Sink sink, long limit) {
        this.sink = sink;
        this.limit = limit;
    }

    /** The cap the user set with {@value #LIMIT_PROPERTY}, or the default. */
    public static long configuredLimit() {
        try {
            return Long.parseLong(System.getProperty(LIMIT_PROPERTY, Long.toString(DEFAULT_LIMIT)).trim());
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    synchronized void write(boolean error, byte[] bytes, int offset, int length) {
        int kept = (int) Math.max(0, Math.min(length, limit - accepted));
        (error ? err : out).write(bytes, offset, kept);
        accepted += kept;
        if (kept < length) {
            droppedBytes += length - kept;
            for (int i = offset + kept; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    droppedLines++;
                }
            }
        }
    }

    /**
     * Sends what has been written since the last flush. Draining and handing to the sink happen
     * under one lock, so the timer's flush and the cell's last one cannot swap their text: output
     * never reaches the client after the cell's reply.
     */
    public synchronized void flush() {
        String stdout = drain(out);
        String stderr = drain(err);
        if (!stdout.isEmpty()) {
            sink.stream("stdout", stdout);
        }
        if (!stderr.isEmpty()) {
            sink.stream("stderr", stderr);
        }
    }

    /** Flushes, then says how much the cap held back, if anything. */
    public void finish() {
        flush();
        long bytes;
        long lines;
        synchronized (this) {
            bytes = droppedBytes;
            lines = droppedLines;
            droppedBytes = 0;
            droppedLines = 0;
        }
        if (bytes > 0) {
            sink.stream("stderr", String.format(
                    "%n[jdlab] output truncated: %,d more bytes (%,d lines) not shown, past the cap of %,d bytes per cell."
                            + " Raise it with System.setProperty(\"%s\", \"%d\");%n",
                    bytes, lines, limit, LIMIT_PROPERTY, limit * 10));
        }
    }

    synchronized boolean hasPending() {
        return out.size() > 0 || err.size() > 0;
    }

    private static String drain(ByteArrayOutputStream buffer) {
        if (buffer.size() == 0) {
            return "";
        }
        byte[] bytes = buffer.toByteArray();
        int complete = Utf8.completePrefix(bytes, bytes.length);
        buffer.reset();
        buffer.write(bytes, complete, bytes.length - complete);
        return new String(bytes, 0, complete, StandardCharsets.UTF_8);
    }
}
