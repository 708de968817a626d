package jdlab.kernel.eval;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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

    private final Object stopLock = new Object();
    private ThreadGroup running;
    private volatile boolean stopped;
    private volatile Object lastValue = NO_VALUE;

    /** Clears what the previous snippet left, before the next {@code eval}. */
    void reset() {
        lastValue = NO_VALUE;
        stopped = false;
    }

    Object lastValue() {
        return lastValue;
    }

    boolean wasStopped() {
        return stopped;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        ThreadGroup group = new ThreadGroup("jdlab-cell");
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
        }, "jdlab-cell");
        synchronized (stopLock) {
            running = group;
        }
        try {
            snippet.start();
            snippet.join();
        } finally {
            synchronized (stopLock) {
                running = null;
            }
        }
        Throwable thrown = failure.get();
        if (thrown instanceof ThreadDeath || stopped) {
            stopped = true;
            throw new StoppedException();
        }
        if (thrown != null) {
            if (thrown instanceof Exception ex) {
                throw new InvocationTargetException(ex);
            }
            throw new InvocationTargetException(thrown);
        }
        lastValue = value.get();
        return valueString(value.get());
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

    /** Stops the running snippet's thread and every thread it started; called from another thread. */
    @Override
    @SuppressWarnings("removal")
    public void stop() {
        synchronized (stopLock) {
            if (running != null) {
                stopped = true;
                running.stop();
            }
        }
    }
}
