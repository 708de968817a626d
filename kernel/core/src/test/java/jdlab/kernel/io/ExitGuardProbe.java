package jdlab.kernel.io;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The main class of ExitGuardTest's jar: prints what System.exit, Runtime.exit and Runtime.halt said
 * on a cell's thread and on a thread the cell started, then exits from its own thread, as the kernel does.
 */
public final class ExitGuardProbe {

    public static void main(String[] args) throws Exception {
        ExitGuard.awaitGuarded(); // as the kernel does before its first cell
        ThreadGroup cell = new ThreadGroup(ExitGuard.CELL_THREADS);
        System.out.println(onThreadOf(cell, attempt(() -> System.exit(3))));
        System.out.println(onThreadOf(cell, attempt(() -> Runtime.getRuntime().exit(4))));
        System.out.println(onThreadOf(cell, attempt(() -> Runtime.getRuntime().halt(5))));
        // a thread that the cell's thread starts joins the cell's group
        System.out.println(onThreadOf(cell, () -> onThreadOf(null, attempt(() -> System.exit(6)))));
        System.exit(0);
    }

    private static Callable<String> attempt(Runnable exit) {
        return () -> {
            exit.run();
            return "not refused";
        };
    }

    /** What the call returned on a new thread of the group (the current thread's when null), or the refusal it met. */
    private static String onThreadOf(ThreadGroup group, Callable<String> call) throws Exception {
        CompletableFuture<String> said = new CompletableFuture<>();
        new Thread(group, () -> {
            try {
                said.complete(call.call());
            } catch (SecurityException e) {
                said.complete(e.getMessage());
            } catch (Exception e) {
                said.completeExceptionally(e);
            }
        }).start();
        return said.get();
    }
}
