package jdlab.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Publishes the progress bars that are counting, about ten times a second, from a daemon thread of
 * its own, so that {@link Progress#step()} is only a counter write on the cell's thread.
 *
 * <p>The thread lives only while some bar counts: it starts with the first one and ends when the
 * last is closed or its counting thread has ended. It belongs to the JVM's root thread group, not to
 * the cell's: an interrupt stops every thread of the cell's groups, and this one must outlive it to
 * show where the loop stopped.
 */
final class ProgressTicker {

    /** The least time between two updates of one bar, and the thread's pace. */
    private static final System.Logger LOG = System.getLogger(ProgressTicker.class.getName());

    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final LongSupplier clock;
    private final BooleanSupplier interrupted;
    private final boolean threaded;
    private final Set<Progress> active = new LinkedHashSet<>();
    private Thread thread; // guarded by this

    /**
     * A ticker on this clock.
     *
     * @param clock nanoseconds, as {@link System#nanoTime()}
     * @param interrupted whether the running cell was interrupted; read when a bar's thread has ended
     * @param threaded whether a thread of its own ticks it; tests tick by hand instead
     */
    ProgressTicker(LongSupplier clock, BooleanSupplier interrupted, boolean threaded) {
        this.clock = clock;
        this.interrupted = interrupted;
        this.threaded = threaded;
    }

    long now() {
        return clock.getAsLong();
    }

    boolean interrupted() {
        return interrupted.getAsBoolean();
    }

    /** Starts ticking a bar, and the thread if it was not running. */
    synchronized void add(Progress bar) {
        active.add(bar);
        if (threaded && thread == null) {
            ThreadGroup root = Thread.currentThread().getThreadGroup();
            while (root.getParent() != null) {
                root = root.getParent();
            }
            thread = new Thread(root, this::run, "jdlab-progress");
            thread.setDaemon(true);
            // Not the cell's loader: the thread must not keep a cell's classes alive once it ends.
            thread.setContextClassLoader(ProgressTicker.class.getClassLoader());
            thread.start();
        }
    }

    synchronized void remove(Progress bar) {
        active.remove(bar);
    }

    synchronized int activeCount() {
        return active.size();
    }

    /** The ticking thread, or {@code null} when none runs; for tests of its life. */
    synchronized Thread thread() {
        return thread;
    }

    /**
     * Updates each counting bar whose count moved since it was last shown, at most once per interval.
     * A bar whose update fails is no longer ticked (its {@code close()} still tries to show it), so a
     * broken output costs one log line, not ten a second.
     */
    void tick() {
        List<Progress> bars;
        synchronized (this) {
            bars = new ArrayList<>(active);
        }
        long now = now();
        for (Progress bar : bars) {
            // Bars publish under their own lock, never under the ticker's, so a slow client of one bar
            // cannot hold back a cell that opens another.
            boolean keep;
            try {
                keep = bar.tick(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not update the progress bar " + bar.displayId(), e);
                keep = false;
            }
            if (!keep) {
                remove(bar);
            }
        }
    }

    private void run() {
        try {
            while (true) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(INTERVAL_NANOS));
                tick();
                synchronized (this) {
                    // Checked and cleared under the lock that add() starts a thread under, so that a bar
                    // added now either sees this thread running or starts a new one.
                    if (active.isEmpty()) {
                        thread = null;
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts it; if someone does, it ends
        } finally {
            synchronized (this) {
                if (thread == Thread.currentThread()) {
                    thread = null; // ended by surprise: the next add() starts another
                }
            }
        }
    }
}
