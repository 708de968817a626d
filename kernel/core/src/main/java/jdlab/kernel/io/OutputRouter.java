package jdlab.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Replaces {@code System.out} and {@code System.err} so that output reaches the cell that made it.
 *
 * <p>The cell's streams are inherited by every thread the cell starts, so a background thread keeps
 * writing to its own cell; threads that never saw a cell write to the running one. A timer sends
 * what was written every {@value #FLUSH_MILLIS} ms, so fast printing becomes a few messages.
 */
public final class OutputRouter implements AutoCloseable {

    static final long FLUSH_MILLIS = 50;

    private final InheritableThreadLocal<CellStreams> owner = new InheritableThreadLocal<>();
    private final Set<CellStreams> written = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jdlab-output");
        t.setDaemon(true);
        return t;
    });
    private final PrintStream fallback;
    private volatile CellStreams current;

    /** Output written while no cell runs goes to the fallback (the kernel's own stderr log). */
    public OutputRouter(PrintStream fallback) {
        this.fallback = fallback;
        flusher.scheduleWithFixedDelay(this::flushAll, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A print stream for {@code System.out} ({@code error == false}) or {@code System.err}. */
    public PrintStream stream(boolean error) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                CellStreams target = owner.get();
                if (target == null) {
                    target = current;
                }
                if (target == null) {
                    fallback.write(bytes, offset, length);
                    return;
                }
                target.write(error, bytes, offset, length);
                written.add(target);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** Makes these the streams of the calling thread, the threads it starts, and strays. */
    public void enter(CellStreams streams) {
        owner.set(streams);
        current = streams;
    }

    /** Sends the cell's remaining output and the truncation note; later writes still reach it. */
    public void leave(CellStreams streams) {
        System.out.flush();
        System.err.flush();
        streams.finish();
        owner.remove();
        current = null;
    }

    private void flushAll() {
        for (CellStreams streams : written) {
            written.remove(streams);
            streams.flush();
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flushAll();
    }
}
