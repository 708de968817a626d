package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import jdlab.api.CellHandler;
import jdlab.api.SafePoints;
import jdlab.api.Display;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.api.Renderers;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import jdlab.kernel.eval.CellResult;
import jdlab.kernel.eval.EvaluationException;
import jdlab.kernel.eval.JShellEvaluator;
import jdlab.kernel.history.HistoryStore;
import jdlab.kernel.io.CellStreams;
import jdlab.kernel.io.ExitGuard;
import jdlab.kernel.io.OutputRouter;
import jdlab.kernel.io.StdinBridge;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Headers;
import jdlab.kernel.protocol.KernelSockets;
import jdlab.kernel.protocol.Message;
import jdlab.kernel.protocol.Signer;
import jdlab.kernel.protocol.WireCodec;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/** A Jupyter kernel for Java: answers the messaging protocol and runs cells with JShell. */
public final class Kernel implements KernelContext {

    /** The kernel's version, from the jar's manifest when packaged. */
    public static final String VERSION = versionFromManifest();

    private static final System.Logger LOG = System.getLogger(Kernel.class.getName());

    private final Headers headers = new Headers();
    private final KernelSockets sockets;
    private final HistoryStore history;
    private final OutputRouter output;
    private final StdinBridge stdin = new StdinBridge();
    private Plugins plugins; // loaded in start(), beside JShell's warm-up, before any request is read
    private final ExecutorService shellThread = singleThread("jdlab-shell");
    private final ExecutorService controlThread = singleThread("jdlab-control");
    private final BlockingQueue<Message> inputReplies = new LinkedBlockingQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, BiConsumer<Channel, Message>> handlers = Map.ofEntries(
            Map.entry("kernel_info_request", this::kernelInfo),
            Map.entry("execute_request", this::execute),
            Map.entry("complete_request", this::complete),
            Map.entry("inspect_request", this::inspect),
            Map.entry("is_complete_request", this::isComplete),
            Map.entry("history_request", this::history),
            Map.entry("comm_info_request", this::commInfo),
            Map.entry("comm_open", this::commOpen),
            Map.entry("comm_msg", this::commIgnored),
            Map.entry("comm_close", this::commIgnored),
            Map.entry("interrupt_request", this::interrupt),
            Map.entry("shutdown_request", this::shutdown));

    private volatile JShellEvaluator evaluator; // made on the shell thread, interrupted from the control thread
    private int executionCount;
    private volatile long abortReceivedBefore;
    private volatile JsonObject currentParent = new JsonObject();
    // IJava's display(x) returns the output's id; a cell that ends with it shows the output, not the id.
    private final Set<String> shownThisCell = ConcurrentHashMap.newKeySet();
    private CellResult.Value lastPluginEval; // shell thread only

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
        Display.connect(this);
        shellThread.submit(() -> {
            long started = System.nanoTime();
            evaluator = new JShellEvaluator();
            evaluator.warmUp();
            ExitGuard.awaitGuarded(); // cells run on this thread, after this
            LOG.log(Level.INFO, "JShell ready " + (System.nanoTime() - started) / 1_000_000 + " ms after the kernel started it");
        });
        // JShell's warm-up, the first cell's wait, runs on its thread while the magics and renderers load here.
        plugins = Plugins.load();
        sockets.start(this::route);
        installSigintHandler();
        endWithParent();
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
                interruptCell();
                stopped.countDown();
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    @SuppressWarnings("restriction")
    private void installSigintHandler() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> interruptCell());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "SIGINT cannot be handled here; interrupt by message only", e);
        }
    }

    // On the I/O thread: hand each message to the thread that serves it, never block here.
    private void route(Channel channel, Message message) {
        String type = message.type();
        if (channel == Channel.STDIN) {
            if (type.equals("input_reply")) {
                inputReplies.offer(message);
            }
            return;
        }
        // These are answered at once, even while JShell warms up or a cell runs; everything else
        // touches JShell, which is not thread-safe, so it queues on the shell thread whatever its channel.
        boolean urgent = type.equals("interrupt_request") || type.equals("shutdown_request")
                || type.equals("kernel_info_request");
        (urgent ? controlThread : shellThread).submit(() -> serve(channel, message));
    }

    private void serve(Channel channel, Message request) {
        BiConsumer<Channel, Message> handler = handlers.get(request.type());
        if (handler == null) {
            LOG.log(Level.WARNING, "no handler for " + request.type() + " on " + channel);
            return;
        }
        publishStatus(request, "busy");
        try {
            handler.accept(channel, request);
        } catch (Throwable e) { // a failed request must never cost the kernel its shell or control thread
            LOG.log(Level.ERROR, "failed to serve " + request.type(), e);
            replyWithError(channel, request, e);
        } finally {
            publishStatus(request, "idle");
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
        reply(channel, request, type.substring(0, type.length() - "_request".length()) + "_reply", content);
    }

    private void reply(Channel channel, Message request, String type, JsonObject content) {
        sockets.send(channel, headers.reply(request, type, content));
    }

    private void publish(JsonObject parent, String type, JsonObject content) {
        sockets.send(Channel.IOPUB, headers.broadcast(parent, type, content));
    }

    private void publishStatus(Message request, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publish(request.header(), "status", content);
    }

    // ---- kernel_info -------------------------------------------------------------------------

    private void kernelInfo(Channel channel, Message request) {
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", Runtime.version().toString());
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        JsonArray links = new JsonArray();
        links.add(link("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/17/jshell/introduction-jshell.html"));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", "5.3");
        content.addProperty("implementation", "jdlab");
        content.addProperty("implementation_version", VERSION);
        content.add("language_info", language);
        content.addProperty("banner", "jdlab " + VERSION + " - Java " + Runtime.version() + " ("
                + System.getProperty("java.vm.name") + "), cells run by JShell");
        content.add("help_links", links);
        content.addProperty("debugger", false);
        reply(channel, request, "kernel_info_reply", content);
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }

    // ---- execute -----------------------------------------------------------------------------

    private void execute(Channel channel, Message request) {
        String code = request.string("code", "");
        boolean silent = request.bool("silent", false);
        boolean storeHistory = request.bool("store_history", !silent) && !silent;
        if (request.receivedNanos() < abortReceivedBefore) {
            JsonObject aborted = new JsonObject();
            aborted.addProperty("status", "aborted");
            aborted.addProperty("execution_count", executionCount);
            reply(channel, request, "execute_reply", aborted);
            return;
        }
        if (storeHistory) {
            executionCount++;
            history.add(executionCount, code);
        }
        int count = executionCount;
        currentParent = request.header();
        shownThisCell.clear();
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publish(request.header(), "execute_input", input);
        }
        CellStreams streams = new CellStreams((name, text) -> publishStream(request.header(), name, text),
                CellStreams.configuredLimit());
        output.enter(streams);
        stdin.attach(request.bool("allow_stdin", false) ? prompt -> askForInput(request, prompt) : null);
        CellResult result;
        MimeBundle shown = null;
        try {
            result = runCell(code, count);
            if (result instanceof CellResult.Value value && !silent && showsResult(value.value())) {
                // Drawn while the cell's streams are open: what a renderer prints belongs to this cell.
                shown = plugins.format(value.value(), value.text(), List.of());
            }
        } finally {
            stdin.attach(null);
            output.leave(streams);
        }
        JsonObject reply = new JsonObject();
        reply.addProperty("execution_count", count);
        if (result instanceof CellResult.Failure failure) {
            JsonObject error = errorContent(failure);
            publish(request.header(), "error", error);
            reply.addProperty("status", "error");
            error.entrySet().forEach(e -> reply.add(e.getKey(), e.getValue()));
            if (request.bool("stop_on_error", true)) {
                abortReceivedBefore = System.nanoTime();
            }
        } else {
            if (shown != null) {
                JsonObject content = bundleContent(shown);
                content.addProperty("execution_count", count);
                publish(request.header(), "execute_result", content);
            }
            reply.addProperty("status", "ok");
            reply.add("user_expressions", userExpressions(request.content().get("user_expressions")));
            reply.add("payload", new JsonArray());
        }
        reply(channel, request, "execute_reply", reply);
    }

    // A null value shows nothing, as None does in IPython; an output the cell already displayed shows once.
    private boolean showsResult(Object value) {
        return value != null && !shownThisCell.contains(value);
    }

    private CellResult runCell(String code, int count) {
        evaluator.beginCell();
        lastPluginEval = null;
        Optional<CellHandler> handler = plugins.handlerFor(code);
        if (handler.isEmpty()) {
            return evaluator.eval(code, count);
        }
        try {
            Object value = handler.get().run(code, this);
            // Java's value passed through a handler (lines around a line magic) reads as it would alone.
            boolean fromJava = lastPluginEval != null && lastPluginEval.value() == value;
            return value == null ? new CellResult.Done()
                    : new CellResult.Value(value, fromJava ? lastPluginEval.text() : String.valueOf(value));
        } catch (EvaluationException e) { // Java lines around a line magic did not compile, or an interrupt stopped them
            return e.failure();
        } catch (UsageException e) {
            // one red line, as a compile error's first line is; %name --help has the rest
            return new CellResult.Failure("UsageError", e.getMessage(), List.of("\u001b[0;31m" + e.getMessage() + "\u001b[0m"));
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            return evaluator.failureOf(e);
        }
    }

    private JsonObject userExpressions(JsonElement requested) {
        JsonObject results = new JsonObject();
        if (requested == null || !requested.isJsonObject()) {
            return results;
        }
        for (Map.Entry<String, JsonElement> e : requested.getAsJsonObject().entrySet()) {
            CellResult result = evaluator.eval(e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "", executionCount);
            JsonObject one;
            if (result instanceof CellResult.Failure failure) {
                one = errorContent(failure);
                one.addProperty("status", "error");
            } else {
                Object value = result instanceof CellResult.Value v ? v.value() : null;
                String text = result instanceof CellResult.Value v ? v.text() : "";
                one = bundleContent(plugins.format(value, text, List.of()));
                one.addProperty("status", "ok");
            }
            results.add(e.getKey(), one);
        }
        return results;
    }

    private static JsonObject errorContent(CellResult.Failure failure) {
        JsonObject error = new JsonObject();
        error.addProperty("ename", failure.name());
        error.addProperty("evalue", failure.value());
        JsonArray traceback = new JsonArray();
        failure.traceback().forEach(traceback::add);
        error.add("traceback", traceback);
        return error;
    }

    private void publishStream(JsonObject parent, String name, String text) {
        JsonObject content = new JsonObject();
        content.addProperty("name", name);
        content.addProperty("text", text);
        publish(parent, "stream", content);
    }

    private String askForInput(Message request, String prompt) {
        output.flushCell();
        inputReplies.clear();
        JsonObject content = new JsonObject();
        content.addProperty("prompt", prompt);
        content.addProperty("password", false);
        sockets.send(Channel.STDIN, headers.reply(request, "input_request", content));
        try {
            Message replyMessage = inputReplies.take();
            return replyMessage.string("value", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- rendering ---------------------------------------------------------------------------

    private static JsonObject bundleContent(MimeBundle bundle) {
        JsonObject content = new JsonObject();
        content.add("data", WireCodec.toTree(bundle.data()));
        content.add("metadata", WireCodec.toTree(bundle.metadata()));
        return content;
    }

    @Override
    public Object eval(String code) throws Exception {
        CellResult.Value value = evaluator.evalForValue(code, executionCount);
        lastPluginEval = value;
        return value == null ? null : value.value();
    }

    @Override
    public void display(Object value) {
        publishDisplay("display_data", value, null);
    }

    @Override
    public DisplayHandle displayUpdatable(Object value) {
        DisplayHandle handle = displayHandle(UUID.randomUUID().toString());
        publishDisplay("display_data", value, handle.id());
        shownThisCell.add(handle.id());
        return handle;
    }

    @Override
    public DisplayHandle displayHandle(String displayId) {
        return new DisplayHandle() {
            @Override
            public String id() {
                return displayId;
            }

            @Override
            public void update(Object newValue) {
                publishDisplay("update_display_data", newValue, displayId);
            }
        };
    }

    @Override
    public MimeBundle render(Object value, String... mimeTypes) {
        return plugins.format(value, String.valueOf(value), List.of(mimeTypes));
    }

    @Override
    public <T> Renderers.Registration addRenderer(Class<T> type, int priority,
            BiConsumer<? super T, MimeBundle> renderer) {
        return plugins.registered().add(type, priority, renderer);
    }

    @Override
    public void clearOutput(boolean wait) {
        output.flushCell();
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        publish(currentParent, "clear_output", content);
    }

    private void publishDisplay(String type, Object value, String displayId) {
        output.flushCell();
        JsonObject content = bundleContent(render(value));
        JsonObject transientPart = new JsonObject();
        if (displayId != null) {
            transientPart.addProperty("display_id", displayId);
        }
        content.add("transient", transientPart);
        publish(currentParent, type, content);
    }

    @Override
    public void addToClasspath(Path path) {
        evaluator.addToClasspath(path);
    }

    @Override
    public List<Path> classpath() {
        return evaluator.classpath();
    }

    @Override
    public List<Path> sharedClasspath() {
        return evaluator.sharedClasspath();
    }

    @Override
    public List<String> documentation(String expression) {
        return evaluator.documentation(expression, expression.length());
    }

    @Override
    public List<Variable> variables() {
        return evaluator.variables();
    }

    @Override
    public List<String> imports() {
        return evaluator.imports();
    }

    @Override
    public void reset() {
        evaluator.reset();
        plugins.registered().clear(); // they draw the classes of the session just forgotten
    }

    @Override
    public boolean interrupted() {
        return evaluator != null && evaluator.interrupted();
    }

    @Override
    public SafePoints stopAtSafePoints() {
        return evaluator.stopAtSafePoints();
    }

    // ---- complete, inspect, is_complete, history --------------------------------------------

    private void complete(Channel channel, Message request) {
        String code = request.string("code", "");
        int cursor = toCharIndex(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        String line = code.substring(code.lastIndexOf('\n', cursor - 1) + 1, cursor);
        List<String> pluginWords = plugins.completions(line);
        int wordStart = cursor - (line.length() - (line.replaceAll("\\S*$", "").length()));
        JShellEvaluator.Completion completion = pluginWords.isEmpty()
                ? evaluator.complete(code, cursor) : new JShellEvaluator.Completion(pluginWords, wordStart, cursor);
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        JsonArray matches = new JsonArray();
        completion.matches().forEach(matches::add);
        content.add("matches", matches);
        content.addProperty("cursor_start", code.codePointCount(0, completion.start()));
        content.addProperty("cursor_end", code.codePointCount(0, completion.end()));
        content.add("metadata", new JsonObject());
        reply(channel, request, "complete_reply", content);
    }

    private void inspect(Channel channel, Message request) {
        String code = request.string("code", "");
        int cursor = toCharIndex(code, request.integer("cursor_pos", code.codePointCount(0, code.length())));
        List<String> docs = evaluator.documentation(code, cursor);
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("found", !docs.isEmpty());
        JsonObject data = new JsonObject();
        if (!docs.isEmpty()) {
            data.addProperty("text/plain", String.join("\n\n", docs));
        }
        content.add("data", data);
        content.add("metadata", new JsonObject());
        reply(channel, request, "inspect_reply", content);
    }

    private static int toCharIndex(String code, int codePoints) {
        int bounded = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, bounded);
    }

    private void isComplete(Channel channel, Message request) {
        String code = request.string("code", "");
        JShellEvaluator.Verdict verdict = evaluator.isComplete(code);
        JsonObject content = new JsonObject();
        content.addProperty("status", verdict.name().toLowerCase(java.util.Locale.ROOT));
        if (verdict == JShellEvaluator.Verdict.INCOMPLETE) {
            content.addProperty("indent", JShellEvaluator.indentAfter(code));
        }
        reply(channel, request, "is_complete_reply", content);
    }

    private void history(Channel channel, Message request) {
        boolean withOutput = request.bool("output", false);
        List<HistoryStore.Entry> entries = switch (request.string("hist_access_type", "tail")) {
            case "range" -> history.range(request.integer("session", 0), request.integer("start", 0),
                    request.integer("stop", 0));
            case "search" -> history.search(request.string("pattern", "*"), request.integer("n", 0),
                    request.bool("unique", false));
            default -> history.tail(request.integer("n", 10));
        };
        JsonArray items = new JsonArray();
        for (HistoryStore.Entry e : entries) {
            JsonArray item = new JsonArray();
            item.add(e.session());
            item.add(e.line());
            if (withOutput) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                io.add((String) null);
                item.add(io);
            } else {
                item.add(e.input());
            }
            items.add(item);
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("history", items);
        reply(channel, request, "history_reply", content);
    }

    // ---- comms: no targets are registered yet, so every open is closed at once, as ipykernel does

    private void commInfo(Channel channel, Message request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("comms", new JsonObject());
        reply(channel, request, "comm_info_reply", content);
    }

    private void commOpen(Channel channel, Message request) {
        LOG.log(Level.INFO, "no comm target named " + request.string("target_name", "?") + "; closing the comm");
        JsonObject content = new JsonObject();
        content.addProperty("comm_id", request.string("comm_id", ""));
        content.add("data", new JsonObject());
        publish(request.header(), "comm_close", content);
    }

    private void commIgnored(Channel channel, Message request) {
        LOG.log(Level.DEBUG, "ignored " + request.type() + " for unknown comm " + request.string("comm_id", "?"));
    }

    // ---- control -----------------------------------------------------------------------------

    private void interrupt(Channel channel, Message request) {
        interruptCell();
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        reply(channel, request, "interrupt_reply", content);
    }

    private void interruptCell() {
        JShellEvaluator current = evaluator;
        if (current != null) {
            current.interrupt();
        }
    }

    private void shutdown(Channel channel, Message request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("restart", request.bool("restart", false));
        reply(channel, request, "shutdown_reply", content);
        interruptCell();
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
