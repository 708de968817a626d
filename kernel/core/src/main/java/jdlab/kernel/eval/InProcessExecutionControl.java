package jdlab.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs each snippet on a fresh thread of its own group inside this JVM and keeps its live value.
 *
 * <p>JDK 17's {@code LocalExecutionControl} does the same but throws the value away (JShell only
 * passes strings on), replaces the JVM-wide uncaught-exception handler on every snippet, and
 * waits for every thread in its group; this one keeps the object and waits only for the
 * snippet's own thread.
 */
final class InProcessExecutionControl extends DirectExecutionControl {

    /** Marks "this snippet produced no value", which {@code null} cannot. */
    static final Object NO_VALUE = new Object();

    // Cells share the kernel's heap. A cell that fills it (and keeps it full through a variable) would
    // leave the kernel unable to send even the error, so this much is held back and let go when a
    // cell runs out of memory.
    private static final int RESERVE_BYTES = (int) Math.min(Runtime.getRuntime().maxMemory() / 16, 32L << 20);

    // How long a stopped snippet may take to reach its next check. One inside a long JDK call (a sort,
    // a regex) reaches it only when the call returns; the cell ends without it, and the thread stops then.
    private static final long STOP_WAIT_MILLIS = 500;

    private final Object stopLock = new Object();
    private volatile byte[] reserve = new byte[RESERVE_BYTES];
    private CellGroup running;
    // Each snippet runs in a group of its own, but a thread made by one snippet of a cell may be
    // waited on by the next (new Thread, then start and join), so an interrupt stops the whole cell's.
    private final List<CellGroup> cellGroups = new ArrayList<>();
    private volatile boolean stopped;
    private volatile Thread stillRunning;
    private volatile Object lastValue = NO_VALUE;
    private volatile Throwable lastThrown;
    private final ClassLoader cellLoader;

    InProcessExecutionControl(CellLoaderDelegate loaderDelegate) {
        super(loaderDelegate);
        cellLoader = loaderDelegate.loader();
    }

    /** Clears the previous snippet's value, before the next {@code eval}. */
    void clearValue() {
        lastValue = NO_VALUE;
        lastThrown = null;
    }

    /** Forgets an earlier interrupt and the previous cell's threads, before a new cell. */
    void startCell() {
        synchronized (stopLock) {
            stopped = false;
            stillRunning = null;
            cellGroups.clear();
        }
        Interrupts.forgetFinished();
    }

    Object lastValue() {
        return lastValue;
    }

    /** What the previous snippet threw, as thrown (JShell passes on only its name, message and frames). */
    Throwable lastThrown() {
        return lastThrown;
    }

    boolean wasStopped() {
        return stopped;
    }

    /** Where the interrupted snippet's thread was when the cell gave up waiting for it, or null when it stopped. */
    StackTraceElement stillRunningAt() {
        Thread thread = stillRunning;
        StackTraceElement[] frames = thread == null || !thread.isAlive() ? new StackTraceElement[0] : thread.getStackTrace();
        return frames.length == 0 ? null : frames[0];
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        retakeReserve();
        CellGroup group = new CellGroup();
        AtomicReference<Object> value = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread snippet = new Thread(group, () -> {
            try {
                value.set(doit.invoke(null));
            } catch (InvocationTargetException e) {
                failure.set(e.getCause());
            } catch (Throwable e) {
                failure.set(e);
            }
            if (failure.get() instanceof OutOfMemoryError) {
                reserve = null;
            }
        }, "jdlab-cell");
        // Libraries that look things up through the context loader (ServiceLoader, JDBC) see the cell's jars.
        snippet.setContextClassLoader(cellLoader);
        synchronized (stopLock) {
            // An interrupt that came while JShell compiled this snippet stops it before it starts.
            if (stopped) {
                throw new StoppedException();
            }
            running = group;
            cellGroups.add(group);
        }
        try {
            snippet.start();
            awaitEnd(snippet);
        } finally {
            synchronized (stopLock) {
                running = null;
            }
        }
        Throwable thrown = failure.get();
        if (thrown instanceof Interrupts.CellStopped || stopped) {
            stopped = true;
            throw new StoppedException();
        }
        if (thrown != null) {
            lastThrown = thrown;
            if (thrown instanceof Exception ex) {
                throw new InvocationTargetException(ex);
            }
            throw new InvocationTargetException(thrown);
        }
        lastValue = value.get();
        return valueString(value.get());
    }

    private void awaitEnd(Thread snippet) throws InterruptedException {
        long giveUpAt = Long.MAX_VALUE;
        while (snippet.isAlive()) {
            if (stopped && giveUpAt == Long.MAX_VALUE) {
                giveUpAt = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
            }
            if (System.nanoTime() > giveUpAt) {
                stillRunning = snippet;
                return;
            }
            snippet.join(50);
        }
    }

    // Taken back only while the heap has room to spare; taking it from a full heap would starve the kernel.
    private void retakeReserve() {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (reserve == null && free > 4L * RESERVE_BYTES) {
            try {
                reserve = new byte[RESERVE_BYTES];
            } catch (OutOfMemoryError e) {
                // Still too full; the next snippet tries again.
            }
        }
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        // A bare variable name is read here, not through invoke; keep its object too.
        try {
            Field field = findClass(className).getField(varName);
            field.setAccessible(true);
            Object value = field.get(null);
            lastValue = value;
            return valueString(value);
        } catch (ReflectiveOperationException e) {
            throw new InternalException("cannot read " + varName + ": " + e);
        }
    }

    /**
     * Stops the running snippet's thread and every thread its cell started, or the cell's next
     * snippet if none runs yet; called from another thread.
     */
    @Override
    public void stop() {
        synchronized (stopLock) {
            stopped = true;
            if (running != null) {
                cellGroups.forEach(CellGroup::halt);
            }
        }
    }
}
