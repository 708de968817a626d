package jdlab.kernel.eval;

import java.io.Closeable;
import java.util.HashSet;
import java.util.Set;

/**
 * What woven cell code calls (see {@link CellWeaver}): {@link #check()} on entering a method and
 * before each jump back, {@link #opened} for each socket it makes. Public because cell classes are
 * defined by another loader; {@link CellClassLoader} hands them this very class.
 */
public final class Interrupts {

    /** Thrown in a stopped cell's threads; it keeps coming at every check, so catching it does not help. */
    static final class CellStopped extends Error {

        private static final long serialVersionUID = 1L;

        CellStopped() {
            super("the cell was interrupted", null, false, false);
        }
    }

    // While no stopped group has threads left, a check costs one volatile read.
    private static volatile boolean stopping;
    private static final Set<CellGroup> STOPPED = new HashSet<>();

    private Interrupts() {
    }

    /** Throws in a thread of a stopped cell. */
    public static void check() {
        if (stopping && Thread.currentThread().getThreadGroup() instanceof CellGroup group && group.isStopped()) {
            throw new CellStopped();
        }
    }

    /** Remembers a socket a cell thread made, so that an interrupt can close it (blocked reads ignore Thread.interrupt). */
    public static void opened(Object socket) {
        if (Thread.currentThread().getThreadGroup() instanceof CellGroup group) {
            group.opened((Closeable) socket);
        }
    }

    static synchronized void stopping(CellGroup group) {
        STOPPED.add(group);
        stopping = true;
    }

    /** Forgets stopped groups whose threads have all ended; called as a cell begins. */
    static synchronized void forgetFinished() {
        STOPPED.removeIf(group -> group.activeCount() == 0);
        stopping = !STOPPED.isEmpty();
    }
}
