package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdlab.api.Display;
import jdlab.kernel.eval.JShellEvaluator;
import jdlab.kernel.history.HistoryStore;
import jdlab.kernel.io.ExitGuard;
import jdlab.kernel.io.OutputRouter;
import jdlab.kernel.io.StdinBridge;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.KernelSockets;
import jdlab.kernel.protocol.Message;
import jdlab.kernel.protocol.Signer;
import jdlab.kernel.protocol.WireCodec;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * A Jupyter kernel for Java: its lifecycle (start, parent watch, SIGINT, shutdown) and the table that
 * sends each request to its handler on its thread. The cells run in a {@link Session}.
 */
public final class Kernel {

    /** The kernel's version, from the jar's manifest when packaged. */
    public static final String VERSION = versionFromManifest();

    private static final System.Logger LOG = System.getLogger(Kernel.class.getName());

    /** The thread a request is served on. */
    private enum Lane {
        /** Answered at once, even while JShell warms up or a cell runs. */
        CONTROL,
        /** Queued one at a time: it touches JShell, which is not thread-safe, whatever its channel. */
        SHELL
    }

    private record Route(Lane lane, RequestHandler handler) { }

    private final KernelSockets sockets;
    private final Wire wire;
    private final HistoryStore history;
    private final OutputRouter output;
    private final StdinBridge stdin = new StdinBridge();
    private final ExecutorService shellThread = singleThread("jdlab-shell");
    private final ExecutorService controlThread = singleThread("jdlab-control");
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Session session; // made in start(), before any request is read
    private ExecuteHandler execute;
    private Map<String, Route> routes;

    private Kernel(KernelConnectionProperties connection, HistoryStore history, PrintStream kernelLog)
            throws IOException {
        this.history = history;
        Signer signer;
        try {
            signer = new Signer(connection.createHMACGenerator());
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot sign with " + connection.getSignatureScheme() + ": " + e.getMessage(), e);
        }
        this.sockets = new KernelSockets(connection, new WireCodec(signer));
        this.wire = new Wire(sockets);
        this.output = new OutputRouter(kernelLog);
    }

    /** Runs a kernel for a connection file until a client asks it to shut down, then exits the JVM. */
    public static void run(KernelConnectionProperties connection) throws Exception {
        PrintStream kernelLog = System.err; // before the cells' streams replace it
        KernelLog.configure(kernelLog, KernelLog.configuredLevel());
        LOG.log(Level.INFO, "jdlab " + VERSION + " starting on " + connection.getIp());
        Kernel kernel = new Kernel(connection, new HistoryStore(HistoryStore.defaultFile()), kernelLog);
        kernel.start();
        kernel.stopped.await();
        endProcessesCellsStarted();
        kernel.output.close();
        kernel.sockets.close();
        System.exit(0); // the main thread is no cell's, so ExitGuard lets it through
    }

    // The JVM leaves its child processes running when it exits; a kernel must not leave them behind.
    private static void endProcessesCellsStarted() throws InterruptedException {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }

    private void start() {
        System.setOut(output.stream(false));
        System.setErr(output.stream(true));
        System.setIn(stdin);
        // JShell's warm-up, the first cell's wait, runs on its thread while the magics and renderers load here.
        CompletableFuture<JShellEvaluator> jshell = CompletableFuture.supplyAsync(() -> {
            long started = System.nanoTime();
            JShellEvaluator evaluator = new JShellEvaluator();
            evaluator.warmUp();
            ExitGuard.awaitGuarded(); // cells run on this thread, after this
            LOG.log(Level.INFO, "JShell ready " + (System.nanoTime() - started) / 1_000_000 + " ms after the kernel started it");
            return evaluator;
        }, shellThread);
        session = new Session(jshell, Plugins.load(), output, stdin);
        Display.connect(session);
        execute = new ExecuteHandler(wire, session, history, output);
        routes = routes();
        installSigintHandler();
        sockets.start(this::route);
        endWithParent();
    }

    private Map<String, Route> routes() {
        CodeQueries queries = new CodeQueries(wire, session);
        Comms comms = new Comms(wire);
        return Map.ofEntries(
                Map.entry("kernel_info_request", new Route(Lane.CONTROL, new KernelInfo(wire))),
                Map.entry("interrupt_request", new Route(Lane.CONTROL, this::interrupt)),
                Map.entry("shutdown_request", new Route(Lane.CONTROL, this::shutdown)),
                Map.entry("execute_request", new Route(Lane.SHELL, execute)),
                Map.entry("complete_request", new Route(Lane.SHELL, queries::complete)),
                Map.entry("inspect_request", new Route(Lane.SHELL, queries::inspect)),
                Map.entry("is_complete_request", new Route(Lane.SHELL, queries::isComplete)),
                Map.entry("history_request", new Route(Lane.SHELL, new HistoryHandler(wire, history))),
                Map.entry("comm_info_request", new Route(Lane.SHELL, comms::info)),
                Map.entry("comm_open", new Route(Lane.SHELL, comms::open)),
                Map.entry("comm_msg", new Route(Lane.SHELL, comms::ignore)),
                Map.entry("comm_close", new Route(Lane.SHELL, comms::ignore)));
    }

    // Jupyter names its own pid in JPY_PARENT_PID. If that process dies without shutting the kernel
    // down (a killed notebook server), nobody can reach this kernel again, so it ends too, as
    // ipykernel's parent poller does; one look a second costs nothing.
    private void endWithParent() {
        long pid;
        try {
            pid = Long.parseLong(System.getenv().getOrDefault("JPY_PARENT_PID", ""));
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid); // empty if it died while the JVM started
        Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jdlab-parent-watch");
            t.setDaemon(true);
            return t;
        }).scheduleWithFixedDelay(() -> {
            if (!parent.map(ProcessHandle::isAlive).orElse(false)) {
                LOG.log(Level.WARNING, "Jupyter process " + pid + " is gone; shutting down");
                session.interrupt();
                stopped.countDown();
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    // A kernel runs in a session of its own, out of reach of a terminal's Ctrl-C, so every SIGINT it
    // gets is meant as an interrupt: it takes SIGINT back when started with it ignored (ipykernel, too,
    // answers SIGINT in a cell whatever it inherited). Before the sockets start, so that no client knows
    // the kernel yet while SIGINT has its default disposition.
    @SuppressWarnings("restriction")
    private void installSigintHandler() {
        sun.misc.Signal sigint = new sun.misc.Signal("INT");
        sun.misc.SignalHandler interrupt = signal -> session.interrupt();
        try {
            if (sun.misc.Signal.handle(sigint, interrupt) == sun.misc.SignalHandler.SIG_IGN) {
                LOG.log(Level.INFO, "SIGINT came ignored from the process that started the kernel; taking it back");
                DefaultSigint.restore();
                sun.misc.Signal.handle(sigint, interrupt);
            }
        } catch (IllegalArgumentException | LinkageError e) { // -Xrs, or no JNA or libc to restore SIGINT with
            LOG.log(Level.WARNING, "SIGINT cannot be handled here; interrupt by message only", e);
        }
    }

    // On the I/O thread: hand each message to the thread that serves it, never block here.
    private void route(Channel channel, Message message) {
        if (channel == Channel.STDIN) {
            if (message.type().equals("input_reply")) {
                execute.inputReplied(message);
            }
            return;
        }
        Route route = routes.get(message.type());
        if (route == null) {
            LOG.log(Level.WARNING, "no handler for " + message.type() + " on " + channel);
            return;
        }
        (route.lane() == Lane.CONTROL ? controlThread : shellThread).submit(() -> serve(route.handler(), channel, message));
    }

    private void serve(RequestHandler handler, Channel channel, Message request) {
        Publisher publisher = wire.publisherFor(request);
        publishStatus(publisher, "busy");
        try {
            handler.handle(channel, request);
        } catch (Throwable e) { // a failed request must never cost the kernel its shell or control thread
            LOG.log(Level.ERROR, "failed to serve " + request.type(), e);
            replyWithError(channel, request, e);
        } finally {
            publishStatus(publisher, "idle");
        }
    }

    // A client waiting for the reply must not wait forever because the kernel failed.
    private void replyWithError(Channel channel, Message request, Throwable e) {
        String type = request.type();
        if (!type.endsWith("_request")) {
            return;
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", e.getClass().getName());
        content.addProperty("evalue", String.valueOf(e.getMessage()));
        content.add("traceback", new JsonArray());
        wire.reply(channel, request, type.substring(0, type.length() - "_request".length()) + "_reply", content);
    }

    private static void publishStatus(Publisher publisher, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publisher.publish("status", content);
    }

    // ---- control -----------------------------------------------------------------------------

    private void interrupt(Channel channel, Message request) {
        session.interrupt();
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        wire.reply(channel, request, "interrupt_reply", content);
    }

    private void shutdown(Channel channel, Message request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("restart", request.bool("restart", false));
        wire.reply(channel, request, "shutdown_reply", content);
        session.interrupt();
        stopped.countDown();
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static String versionFromManifest() {
        String v = Kernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
