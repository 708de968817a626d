package jdlab.kernel.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Refuses {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} from cells, which would
 * otherwise end the kernel and lose the session.
 *
 * <p>Cells run in the kernel's JVM. The JDK's one veto on exit, a SecurityManager, warns on every
 * start of JDK 17 to 23, and JDK 24 and later refuse to start with one. So this Java agent,
 * which the kernel jar's manifest starts before {@code main} ({@code Launcher-Agent-Class}: no
 * command-line flag, no warning), redefines {@link Runtime} once: exit and halt first look at the
 * calling thread's group. Cells run in thread groups named {@value #CELL_THREADS}, and the threads a
 * cell starts join its group, so a call from a cell, a library it calls or a thread it started is
 * refused, while the kernel's own exit at shutdown, on a thread of its own, goes through. The
 * thread is the whole policy: nothing to install, switch off or forget, and only java.base classes
 * are named in Runtime's new code, which the boot loader that defines Runtime can see. (Virtual
 * threads all share one group, so one that a cell starts is not refused.)
 */
public final class ExitGuard {

    /** The name of the thread groups cells run in; a call from any thread below one is refused. */
    public static final String CELL_THREADS = "jdlab-cell";

    private static volatile CompletableFuture<Void> guarded; // set when the JVM starts the agent

    private ExitGuard() {
    }

    /** Starts guarding the JVM; run by the JVM before the kernel's main, as the jar's manifest asks. */
    public static void agentmain(String args, Instrumentation instrumentation) {
        // ASM is compiled for Java 5, which no class-data archive holds: loading it and rewriting
        // Runtime took 100 ms before main (measured with -Xlog:class+load), so it runs beside the
        // kernel's start, and the kernel waits for it before the first cell. This class names no
        // ASM type, so that verifying it loads none on this thread.
        CompletableFuture<Void> done = new CompletableFuture<>();
        guarded = done;
        Thread thread = new Thread(() -> {
            try {
                // A redefinition, not a transformer: with no transformer registered, the classes
                // loaded after this one come straight from the class-data archive, as without an agent.
                byte[] guardedRuntime = ExitRefusal.inject(classFile(Runtime.class));
                instrumentation.redefineClasses(new ClassDefinition(Runtime.class, guardedRuntime));
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "jdlab-exit-guard");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until exit and halt refuse cells; if they never will, says so in the kernel's log. */
    public static void awaitGuarded() {
        CompletableFuture<Void> done = guarded;
        if (done == null) {
            log().log(System.Logger.Level.WARNING, "System.exit in a cell will end the kernel: the JVM did not start"
                    + " the jar's agent; start the kernel with java -jar jdlab.jar");
            return;
        }
        try {
            done.join();
        } catch (CompletionException e) {
            log().log(System.Logger.Level.WARNING, "System.exit in a cell will end the kernel: " + e.getCause(), e.getCause());
        }
    }

    private static System.Logger log() { // only when something is wrong: a logger costs the start classes
        return System.getLogger(ExitGuard.class.getName());
    }

    private static byte[] classFile(Class<?> type) throws IOException {
        // Class files are never encapsulated in their module, so java.base hands out its own.
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IOException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        }
    }
}
