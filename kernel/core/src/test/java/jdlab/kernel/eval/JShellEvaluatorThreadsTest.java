package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import jdlab.api.SafePoints;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Where cells run and how they stop: one owner thread evaluates, another interrupts.
 *
 * <p>Cells run in this JVM, so they signal the test through system properties.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class JShellEvaluatorThreadsTest {

    private static final String BUSY = "jdlab.test.busy";
    private static final String SPINNER = "jdlab.test.spinner";
    private static final String LATCH = "jdlab.test.latch";
    private static final String FIRST_SNIPPET = "jdlab.test.first-snippet";
    private static final String SAFE_POINTS = "jdlab.test.safe-points";
    private static final String STOPPED_CLEANLY = "jdlab.test.stopped-cleanly";
    private static final long WAIT_SECONDS = 20;

    private volatile Thread ownerThread;
    private final ExecutorService owner = Executors.newSingleThreadExecutor(r -> {
        ownerThread = new Thread(r, "test-evaluator-owner");
        ownerThread.setDaemon(true);
        return ownerThread;
    });
    private final JShellEvaluator evaluator = onOwner(() -> new JShellEvaluator());
    private int cell;

    @AfterEach
    void clearSignals() {
        System.getProperties().remove(BUSY);
        System.getProperties().remove(SPINNER);
        System.getProperties().remove(LATCH);
        System.getProperties().remove(FIRST_SNIPPET);
        System.getProperties().remove(SAFE_POINTS);
        System.getProperties().remove(STOPPED_CLEANLY);
    }

    @AfterAll
    void close() {
        onOwner(() -> {
            evaluator.close();
            return null;
        });
        owner.shutdownNow();
    }

    @Test
    void interruptStopsABusyLoopWithinASecond() throws Exception {
        Future<CellResult> running = startBusyLoop();

        evaluator.interrupt();

        CellResult result = running.get(1, TimeUnit.SECONDS);
        CellResult.Failure failure = assertInstanceOf(CellResult.Failure.class, result);
        assertEquals("InterruptedException", failure.name());
        assertTrue(failure.value().contains("interrupted"), failure.value());
    }

    @Test
    void codeAtSafePointsReturnsOnItsOwnAfterAnInterrupt() throws Exception {
        Future<CellResult> running = startSafePointLoop("if (interrupted.getAsBoolean()) break;");

        evaluator.interrupt();

        CellResult result = running.get(1, TimeUnit.SECONDS);
        assertEquals("InterruptedException", assertInstanceOf(CellResult.Failure.class, result).name());
        assertEquals("after " + "the loop", System.getProperty(STOPPED_CLEANLY), "the code ran to its end, not stopped by force");
    }

    @Test
    void codeThatClaimsSafePointsButNeverPollsIsStoppedAfterTheGrace() throws Exception {
        Future<CellResult> running = startSafePointLoop("if (interrupted == null) break;"); // never true
        long start = System.nanoTime();

        evaluator.interrupt();

        CellResult result = running.get(SafePoints.GRACE_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals("InterruptedException", assertInstanceOf(CellResult.Failure.class, result).name());
        assertTrue(waited >= SafePoints.GRACE_MILLIS - 100, "stopped after " + waited + " ms, before the grace was over");
        assertEquals(null, System.getProperty(STOPPED_CLEANLY));
    }

    @Test
    void theEvaluatorKeepsItsStateAndWorksAfterAnInterrupt() throws Exception {
        eval("int keptAcrossInterrupt = 41;");
        Future<CellResult> running = startBusyLoop();
        evaluator.interrupt();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);

        CellResult.Value value = assertInstanceOf(CellResult.Value.class, eval("keptAcrossInterrupt + 1"));

        assertEquals(42, value.value());
        assertFalse(evaluator.interrupted(), "the next cell starts uninterrupted");
    }

    @Test
    void anInterruptWhileJShellCompilesTheNextStatementStillStopsIt() throws Exception {
        Future<CellResult> running = submit(
                "System.getProperties().put(\"" + FIRST_SNIPPET + "\", Thread.currentThread());\n"
                + "while (true) {\n" + slowToCompile() + "}");
        Thread firstSnippet = (Thread) awaitProperty(FIRST_SNIPPET);
        firstSnippet.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        boolean compiling = awaitOwnerIn("jdk.jshell.Eval", "compileAndLoad");

        evaluator.interrupt(); // the first statement is over and the loop is not running yet

        try {
            CellResult result = running.get(5, TimeUnit.SECONDS);
            assertEquals("InterruptedException", assertInstanceOf(CellResult.Failure.class, result).name());
        } catch (TimeoutException lost) {
            evaluator.interrupt(); // frees the owner thread for the other tests
            running.get(WAIT_SECONDS, TimeUnit.SECONDS);
            fail(compiling ? "the interrupt was lost: the loop ran on until a second interrupt"
                    : "never caught JShell compiling the loop");
        }
    }

    @Test
    void aLoopThatCatchesThrowableIsStoppedAllTheSame() throws Exception {
        Future<CellResult> running = submit("{\n    System.setProperty(\"" + BUSY + "\", \"yes\");\n"
                + "    while (true) { try { while (true) { } } catch (Throwable ignored) { } }\n}");
        awaitProperty(BUSY);

        evaluator.interrupt();

        assertStoppedItsThread(running.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void recursionWithoutALoopIsStopped() throws Exception {
        eval("long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }"); // shallow, and never done
        Future<CellResult> running = submit("System.setProperty(\"" + BUSY + "\", \"yes\");\nfib(90)");
        awaitProperty(BUSY);
        Thread.sleep(300); // into the calls

        evaluator.interrupt();

        assertStoppedItsThread(running.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aReadBlockedOnASocketTheCellOpenedEndsOnInterrupt() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Future<CellResult> running = submit("var socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), "
                    + server.getLocalPort() + ");\n"
                    + "System.setProperty(\"" + BUSY + "\", \"yes\");\n"
                    + "socket.getInputStream().read()");
            try (java.net.Socket accepted = server.accept()) {
                awaitProperty(BUSY);
                Thread.sleep(200); // into the read

                evaluator.interrupt();

                assertStoppedItsThread(running.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aLongJdkCallIsLeftToReturnAndTheCellEndsAtOnce() throws Exception {
        // No checks are woven into the JDK: its call runs on, and the snippet's thread ends as it returns.
        Future<CellResult> running = submit("System.getProperties().put(\"" + FIRST_SNIPPET + "\", Thread.currentThread());\n"
                + "java.math.BigInteger.valueOf(3).pow(8_000_000).bitLength()");
        Thread snippet = (Thread) awaitProperty(FIRST_SNIPPET);
        awaitAThreadInside("java.math.BigInteger"); // a fixed sleep could end first on a loaded machine

        evaluator.interrupt();
        long asked = System.nanoTime();
        CellResult result = running.get(WAIT_SECONDS, TimeUnit.SECONDS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);

        CellResult.Failure failure = assertInstanceOf(CellResult.Failure.class, result);
        assertTrue(failure.value().contains("stops when that call returns"), failure.value());
        assertTrue(waitedMillis < 3_000, "the cell ended " + waitedMillis + " ms after the interrupt");
        snippet.join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(snippet.isAlive(), "the snippet's thread ran on after the JDK call");
    }

    @Test
    void aPluginThatReturnedOnAnInterruptStillEvaluatesAndItsCellStaysInterrupted() throws Exception {
        CellResult.Value after = owner.submit(() -> {
            evaluator.beginCell();
            try (SafePoints held = evaluator.stopAtSafePoints()) {
                evaluator.interrupt(); // a training loop at a safe point sees it and returns on its own
            }
            return evaluator.evalForValue("\"the model's variables, defined after the loop\"", 1);
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals("the model's variables, defined after the loop", after.value());
        assertTrue(evaluator.interrupted(), "the interrupt holds until the next cell begins");
    }

    /** The cell ended as interrupted, and its thread with it (not left running past the wait). */
    private static void assertStoppedItsThread(CellResult result) {
        CellResult.Failure failure = assertInstanceOf(CellResult.Failure.class, result);
        assertEquals("InterruptedException", failure.name());
        assertFalse(failure.value().contains("stops when that call returns"), failure.value());
    }

    /** Waits until the owner thread is inside the given method; false if it never got there. */
    private boolean awaitOwnerIn(String className, String method) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            for (StackTraceElement frame : ownerThread.getStackTrace()) {
                if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                    return true;
                }
            }
            Thread.onSpinWait();
        }
        return false;
    }

    /** Statements that never run but take JShell a good fraction of a second to compile. */
    private static String slowToCompile() {
        StringBuilder code = new StringBuilder("    if (System.nanoTime() < 0) {\n");
        for (int i = 0; i < 30; i++) {
            code.append("        java.util.stream.IntStream.range(0, 3).boxed().map(x -> x + ").append(i)
                    .append(").filter(x -> x > 1).collect(java.util.stream.Collectors.toList());\n");
        }
        return code.append("    }\n").toString();
    }

    @Test
    void interruptAlsoStopsThreadsTheCellStarted() throws Exception {
        Future<CellResult> running = submit("{\n"
                + "    Thread spinner = new Thread(() -> { while (true) { } });\n"
                + "    System.getProperties().put(\"" + SPINNER + "\", spinner);\n"
                + "    spinner.start();\n"
                + "    System.setProperty(\"" + BUSY + "\", \"yes\");\n"
                + "    while (true) { }\n"
                + "}");
        awaitProperty(BUSY);

        evaluator.interrupt();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);

        Thread spinner = (Thread) System.getProperties().get(SPINNER);
        spinner.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertFalse(spinner.isAlive(), "the cell's background thread still runs");
    }

    @Test
    void aCellReturnsWithoutWaitingForThreadsItStarted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put(LATCH, release);
        try {
            CellResult result = eval("var latch = (java.util.concurrent.CountDownLatch) System.getProperties().get(\"" + LATCH + "\");\n"
                    + "new Thread(() -> { try { latch.await(); } catch (InterruptedException e) { } }).start();\n"
                    + "\"returned\"");

            assertEquals("returned", assertInstanceOf(CellResult.Value.class, result).value());
        } finally {
            release.countDown();
        }
    }

    @Test
    void evaluatingCellsLeavesNoThreadGroupsBehind() {
        int before = onOwner(() -> Thread.currentThread().getThreadGroup().activeGroupCount());
        for (int i = 0; i < 20; i++) {
            eval("int group" + i + " = " + i + ";");
        }

        // The last cell's group is kept for its next snippet. JDK 17 drops the others as their last thread
        // ends; JDK 19 and later once they are unreachable, so the collector is asked until it has run.
        int after = Integer.MAX_VALUE;
        for (int tries = 0; tries < 50 && after > before + 1; tries++) {
            System.gc();
            after = onOwner(() -> Thread.currentThread().getThreadGroup().activeGroupCount());
        }

        assertTrue(after <= before + 1, "thread groups grew from " + before + " to " + after + " over 20 cells");
    }

    /** A busy loop in one snippet, so the interrupt lands while it runs. */
    private Future<CellResult> startBusyLoop() {
        Future<CellResult> running = submit("{\n    System.setProperty(\"" + BUSY + "\", \"yes\");\n    while (true) { }\n}");
        awaitProperty(BUSY);
        return running;
    }

    /** A loop holding safe points (handed to the cell as JDK types, since it cannot see the kernel's). */
    private Future<CellResult> startSafePointLoop(String poll) {
        java.util.function.Supplier<AutoCloseable> safePoints = evaluator::stopAtSafePoints;
        java.util.function.BooleanSupplier interrupted = evaluator::interrupted;
        System.getProperties().put(SAFE_POINTS, List.of(safePoints, interrupted));
        Future<CellResult> running = submit("{\n"
                + "    var hooks = (java.util.List<?>) System.getProperties().get(\"" + SAFE_POINTS + "\");\n"
                + "    var safe = ((java.util.function.Supplier<AutoCloseable>) hooks.get(0)).get();\n"
                + "    var interrupted = (java.util.function.BooleanSupplier) hooks.get(1);\n"
                + "    System.setProperty(\"" + BUSY + "\", \"yes\");\n"
                + "    while (true) { " + poll + " }\n"
                + "    try { safe.close(); } catch (Exception e) { }\n"
                + "    System.setProperty(\"" + STOPPED_CLEANLY + "\", \"after the loop\");\n"
                + "}");
        awaitProperty(BUSY);
        return running;
    }

    private Future<CellResult> submit(String code) {
        int number = ++cell;
        return owner.submit(() -> {
            evaluator.beginCell(); // as the kernel does, once per cell
            return evaluator.eval(code, number);
        });
    }

    private CellResult eval(String code) {
        try {
            return submit(code).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cell did not finish: " + code, e);
        }
    }

    private <T> T onOwner(java.util.concurrent.Callable<T> task) {
        try {
            return owner.submit(task).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Object awaitProperty(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        Object value;
        while ((value = System.getProperties().get(name)) == null) {
            if (System.nanoTime() > deadline) {
                fail("the cell never set " + name);
            }
            Thread.onSpinWait();
        }
        return value;
    }

    /** Waits until a thread runs code of {@code className}, as its stack shows. */
    private static void awaitAThreadInside(String className) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (Thread.getAllStackTraces().values().stream().flatMap(java.util.Arrays::stream)
                .noneMatch(f -> f.getClassName().equals(className))) {
            if (System.nanoTime() > until) {
                throw new AssertionError("no thread ran " + className);
            }
            Thread.sleep(10);
        }
    }
}
