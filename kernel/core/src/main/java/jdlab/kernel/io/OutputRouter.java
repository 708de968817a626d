package jdlab.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
    private final Thread flusher = new Thread(this::flushEvery, "jdlab-output");
    private final Object pending = new Object(); // signalled when a cell writes after a flush
    private final PrintStream fallback;
    private volatile CellStreams current;

    /** Output written while no cell runs goes to the fallback (the kernel's own stderr log). */
    public OutputRouter(PrintStream fallback) {
        this.fallback = fallback;
        flusher.setDaemon(true);
        flusher.start();
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
                if (written.add(target)) {
                    synchronized (pending) {
                        pending.notifyAll();
                    }
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * Sends what the calling thread's cell has written so far, so that what the kernel publishes next
     * (a display, a clear) follows it. {@code System.out.flush()} cannot: the streams flush on every
     * line, so theirs is left to the coalescing timer.
     */
    public void flushCell() {
        CellStreams target = owner.get();
        if (target == null) {
            target = current;
        }
        if (target != null) {
            target.flush();
        }
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

    // Sleeps until something is written, so an idle kernel never wakes, then waits out the coalescing
    // window, so fast printing becomes one message per window. A plain thread rather than an executor:
    // an executor's worker can die of OutOfMemoryError when a cell fills the heap, and every later
    // flush with it; this loop just tries again.
    private void flushEvery() {
        while (true) {
            try {
                synchronized (pending) {
                    while (written.isEmpty()) {
                        pending.wait();
                    }
                }
                Thread.sleep(FLUSH_MILLIS);
                flushAll();
            } catch (InterruptedException e) {
                return;
            } catch (OutOfMemoryError e) {
                // What was written stays buffered and goes out with a later flush.
            }
        }
    }

    private void flushAll() {
        for (CellStreams streams : written) {
            written.remove(streams);
            streams.flush();
        }
    }

    @Override
    public void close() {
        flusher.interrupt();
        flushAll();
    }
}
