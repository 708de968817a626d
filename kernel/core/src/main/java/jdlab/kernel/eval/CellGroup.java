package jdlab.kernel.eval;

import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import jdlab.kernel.io.ExitGuard;

/**
 * The thread of one snippet and the threads it starts, which inherit its group. An interrupt stops
 * them without {@code Thread.stop} (gone from JDK 20): woven checks throw in the group's threads,
 * {@code Thread.interrupt} wakes sleeps and waits, and closing the sockets they made ends blocked reads.
 */
final class CellGroup extends ThreadGroup {

    private volatile boolean stopped;
    private final Queue<WeakReference<Closeable>> opened = new ConcurrentLinkedQueue<>();
    private final AtomicInteger openedCount = new AtomicInteger();

    @SuppressWarnings("removal")
    CellGroup() {
        super(ExitGuard.CELL_THREADS); // the name ExitGuard knows cell threads by
        setDaemon(true); // on JDK 17, destroyed with its last thread, so cells leave no groups behind
    }

    boolean isStopped() {
        return stopped;
    }

    void opened(Closeable socket) {
        opened.add(new WeakReference<>(socket));
        if (openedCount.incrementAndGet() % 256 == 0) {
            opened.removeIf(ref -> ref.get() == null); // a cell that opens sockets in a loop keeps no list of dead ones
        }
    }

    /** Stops the group's threads at their next check, wakes those that wait and closes their sockets. */
    void halt() {
        stopped = true;
        Interrupts.stopping(this);
        interrupt();
        for (WeakReference<Closeable> ref; (ref = opened.poll()) != null; ) {
            Closeable socket = ref.get();
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing is all an interrupt asks; a socket that fails to close is already unusable
                }
            }
        }
    }

    // A stopped thread ends quietly, as one ended by Thread.stop did.
    @Override
    public void uncaughtException(Thread thread, Throwable thrown) {
        if (!(thrown instanceof Interrupts.CellStopped)) {
            super.uncaughtException(thread, thrown);
        }
    }
}
