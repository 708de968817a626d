package jdlab.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A progress bar in the cell's output, updated in place while a loop counts its steps:
 * {@code try (var p = progress(1000, "rows")) { for (...) { ...; p.step(); } }}.
 *
 * <p>{@link #step()} only writes a counter; a daemon thread shows the count at most ten times a
 * second (see {@link ProgressTicker}), and {@link #close()} shows the final count. The thread that
 * steps first owns a plain counter, so its steps cost neither a lock nor an atomic instruction;
 * other threads (a parallel stream) add to a {@link LongAdder}, so counts from several threads are
 * exact too.
 *
 * <p>Why a thread samples the counter, rather than the loop reading the clock every N steps and
 * publishing itself: the cell's thread then never renders, takes the output's locks or writes to the
 * kernel's socket, so a step cannot block; an interrupt stops the cell's threads mid-loop, and only
 * a thread outside them can still show where the loop stopped; and a slow loop's bar still updates
 * at its steps without choosing an N that suits both a 10 ns and a 10 s step.
 *
 * <p>A bar that is not closed (an interrupted cell, a {@code break}, a forgotten {@code close()})
 * shows where its counting thread stopped once that thread has ended, and stops updating; a later
 * step starts it again.
 */
public final class Progress implements AutoCloseable {

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Progress.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String label;
    private final long total;
    private final ProgressTicker ticker;
    private final long startNanos;
    private final DisplayHandle handle;
    private final Function<Object, DisplayHandle> show;

    // The owner's steps: written only by the owner, with an opaque write so that the ticker sees them
    // soon and the JIT cannot keep them in a register for a whole loop; no fence, no lock.
    private volatile Thread owner;
    private long count;
    private volatile LongAdder others;

    // Guarded by this: what the output shows now.
    private long shownCount;
    private ProgressSnapshot.State shownState = ProgressSnapshot.State.RUNNING;
    private long shownNanos;
    private boolean closed;

    private Progress(String label, long total, Function<Object, DisplayHandle> show, ProgressTicker ticker) {
        if (label == null) {
            throw new IllegalArgumentException("progress: the label is null; pass \"\" for a bar without one");
        }
        this.label = label;
        this.total = total;
        this.ticker = ticker;
        this.startNanos = ticker.now();
        this.shownNanos = startNanos;
        this.show = show;
        this.handle = show.apply(new ProgressSnapshot(label, 0, total, 0, ProgressSnapshot.State.RUNNING));
    }

    /**
     * Shows a new bar at 0 and returns it.
     *
     * @param total the steps expected, 0 or more
     * @param show shows a value (the first snapshot; the final state for text clients) and returns the
     *     handle that updates it
     */
    static Progress open(String label, long total, Function<Object, DisplayHandle> show, ProgressTicker ticker) {
        if (total < 0) {
            throw new IllegalArgumentException("progress: the total is " + total
                    + "; give 0 or more steps, or call progress(label) when the total is not known");
        }
        return new Progress(label, total, show, ticker);
    }

    /** Shows a new bar at 0 that does not know how many steps will come. */
    static Progress openWithoutTotal(String label, Function<Object, DisplayHandle> show, ProgressTicker ticker) {
        return new Progress(label, ProgressSnapshot.UNKNOWN, show, ticker);
    }

    /**
     * Items that count themselves: each item handed out is a step once the loop asks for the next one,
     * and the bar closes when the items run out. The bar is shown when the loop starts, one per loop;
     * its total is the size of a {@link Collection}, unknown for other iterables.
     */
    static <T> Iterable<T> over(Iterable<T> items, String label, Function<Object, DisplayHandle> show,
            ProgressTicker ticker) {
        if (items == null) {
            throw new IllegalArgumentException("progress: the items to count are null");
        }
        if (label == null) {
            throw new IllegalArgumentException("progress: the label is null; pass \"\" for a bar without one");
        }
        return () -> new CountingIterator<>(items.iterator(), items instanceof Collection<?> c
                ? open(label, c.size(), show, ticker) : openWithoutTotal(label, show, ticker));
    }

    /** Counts one step; cheap enough for the innermost loop. */
    public void step() {
        if (owner == Thread.currentThread()) {
            COUNT.setOpaque(this, count + 1);
        } else {
            stepFromAnotherThread(1);
        }
    }

    /** Counts {@code steps} steps at once (a batch of rows, say). */
    public void step(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("progress: step(" + steps + ") goes backwards; steps must be 0 or more");
        }
        if (owner == Thread.currentThread()) {
            COUNT.setOpaque(this, count + steps);
        } else {
            stepFromAnotherThread(steps);
        }
    }

    /** The steps counted so far, from every thread. */
    public long count() {
        LongAdder fromOthers = others;
        return (long) COUNT.getOpaque(this) + (fromOthers == null ? 0 : fromOthers.sum());
    }

    /** The steps expected, or {@link ProgressSnapshot#UNKNOWN}. */
    public long total() {
        return total;
    }

    /** What the bar counts. */
    public String label() {
        return label;
    }

    /** The display id of the bar's output. */
    public String displayId() {
        return handle.id();
    }

    /** The bar as it stands now, as the next update would show it. */
    public ProgressSnapshot snapshot() {
        synchronized (this) {
            return snapshot(ticker.now(), count(), closed ? ProgressSnapshot.State.DONE : shownState);
        }
    }

    /**
     * Shows the final count and stops updating; closing twice does nothing. Steps after it are
     * counted but not shown. Text clients, which show no updates, get the final line as an output
     * of its own ({@link TextClients}).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            publish(ticker.now(), count(), ProgressSnapshot.State.DONE);
            show.apply(TextClients.finalState(snapshot(shownNanos, shownCount, shownState).toString()));
        }
        ticker.remove(this);
    }

    /** The plain-text line of the bar as it stands now. */
    @Override
    public String toString() {
        return snapshot().toString();
    }

    // The first step, a step after the owner's thread ended, or a step of another thread.
    private void stepFromAnotherThread(long steps) {
        if (owner == null) {
            synchronized (this) {
                if (owner == null && !closed) {
                    owner = Thread.currentThread();
                    ticker.add(this);
                }
            }
            if (owner == Thread.currentThread()) {
                COUNT.setOpaque(this, count + steps);
                return;
            }
        }
        LongAdder fromOthers = others;
        if (fromOthers == null) {
            synchronized (this) {
                if (others == null) {
                    others = new LongAdder();
                }
                fromOthers = others;
            }
        }
        fromOthers.add(steps);
    }

    /**
     * Called by the ticker: shows the count if it moved and the last update is an interval old.
     *
     * @return whether the ticker should keep ticking this bar; not once it is closed, nor once the
     *     thread that counts has ended (interrupted, or the loop is over) and its last count is shown
     */
    synchronized boolean tick(long now) {
        if (closed) {
            return false;
        }
        Thread counting = owner;
        boolean ended = counting == null || !counting.isAlive();
        ProgressSnapshot.State state = ended && ticker.interrupted()
                ? ProgressSnapshot.State.INTERRUPTED : ProgressSnapshot.State.RUNNING;
        long current = count();
        if (current != shownCount || state != shownState) {
            if (now - shownNanos < ProgressTicker.INTERVAL_NANOS) {
                return true;
            }
            publish(now, current, state);
        }
        if (ended) {
            owner = null; // the next step, from any thread, owns the counter and starts ticking again
            return false;
        }
        return true;
    }

    private void publish(long now, long current, ProgressSnapshot.State state) {
        handle.update(snapshot(now, current, state));
        shownCount = current;
        shownState = state;
        shownNanos = now;
    }

    private ProgressSnapshot snapshot(long now, long current, ProgressSnapshot.State state) {
        return new ProgressSnapshot(label, current, total, Math.max(0, now - startNanos), state);
    }

    /** Steps the bar for each item the loop is done with and closes it when the items run out. */
    private static final class CountingIterator<T> implements Iterator<T> {

        private final Iterator<T> items;
        private final Progress bar;
        private boolean handedOut;

        CountingIterator(Iterator<T> items, Progress bar) {
            this.items = items;
            this.bar = bar;
        }

        @Override
        public boolean hasNext() {
            boolean more = items.hasNext();
            if (!more) {
                finishLast();
                bar.close();
            }
            return more;
        }

        @Override
        public T next() {
            finishLast();
            T item = items.next();
            handedOut = true;
            return item;
        }

        @Override
        public void remove() {
            items.remove();
        }

        private void finishLast() {
            if (handedOut) {
                bar.step();
                handedOut = false;
            }
        }
    }
}
