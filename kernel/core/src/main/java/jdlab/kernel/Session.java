package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import jdlab.api.CellHandler;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.api.Renderers;
import jdlab.api.SafePoints;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import jdlab.kernel.eval.CellResult;
import jdlab.kernel.eval.EvaluationException;
import jdlab.kernel.eval.JShellEvaluator;
import jdlab.kernel.io.CellStreams;
import jdlab.kernel.io.OutputRouter;
import jdlab.kernel.io.StdinBridge;
import jdlab.kernel.protocol.WireCodec;

/**
 * The shell without its sockets: runs cells with JShell and the plugins, and publishes what they
 * show through a {@link Publisher}, which is all it knows of the wire.
 */
final class Session implements KernelContext {

    private final CompletableFuture<JShellEvaluator> jshell;
    private final Plugins plugins;
    private final OutputRouter output;
    private final StdinBridge stdin;
    private volatile Publisher publisher = Publisher.NOWHERE; // the running cell's, then the last one's
    // IJava's display(x) returns the output's id; a cell that ends with it shows the output, not the id.
    private final Set<String> shownThisCell = ConcurrentHashMap.newKeySet();
    private int executionCount;
    private CellResult.Value lastPluginEval; // shell thread only

    /** {@code jshell} completes when its warm-up ends; everything but an interrupt waits for it. */
    Session(CompletableFuture<JShellEvaluator> jshell, Plugins plugins, OutputRouter output, StdinBridge stdin) {
        this.jshell = jshell;
        this.plugins = plugins;
        this.output = output;
        this.stdin = stdin;
    }

    private JShellEvaluator evaluator() {
        return jshell.join();
    }

    // JShell if its warm-up has ended well, else null: an interrupt must not wait for it.
    private JShellEvaluator evaluatorIfReady() {
        return jshell.isDone() && !jshell.isCompletedExceptionally() ? jshell.join() : null;
    }

    /**
     * Runs one cell: publishes its input, streams, and its result or error through {@code cellPublisher},
     * reads {@code System.in} from {@code input} (none when {@code null}), and returns how it ended.
     */
    CellResult execute(String code, int count, boolean silent, Publisher cellPublisher, StdinBridge.LineSource input) {
        executionCount = count;
        publisher = cellPublisher;
        shownThisCell.clear();
        if (!silent) {
            JsonObject content = new JsonObject();
            content.addProperty("code", code);
            content.addProperty("execution_count", count);
            cellPublisher.publish("execute_input", content);
        }
        CellStreams streams = new CellStreams((name, text) -> {
            JsonObject content = new JsonObject();
            content.addProperty("name", name);
            content.addProperty("text", text);
            cellPublisher.publish("stream", content);
        }, CellStreams.configuredLimit());
        output.enter(streams);
        stdin.attach(input);
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
        if (result instanceof CellResult.Failure failure) {
            cellPublisher.publish("error", errorContent(failure));
        } else if (shown != null) {
            JsonObject content = bundleContent(shown);
            content.addProperty("execution_count", count);
            cellPublisher.publish("execute_result", content);
        }
        return result;
    }

    // A null value shows nothing, as None does in IPython; an output the cell already displayed shows once.
    private boolean showsResult(Object value) {
        return value != null && !shownThisCell.contains(value);
    }

    private CellResult runCell(String code, int count) {
        JShellEvaluator evaluator = evaluator();
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

    /** The execute_reply's {@code user_expressions}: each named expression's value, shown, or its error. */
    JsonObject userExpressions(JsonElement requested) {
        JsonObject results = new JsonObject();
        if (requested == null || !requested.isJsonObject()) {
            return results;
        }
        for (Map.Entry<String, JsonElement> e : requested.getAsJsonObject().entrySet()) {
            String code = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "";
            CellResult result = evaluator().eval(code, executionCount);
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

    /** Completions at {@code cursor} (a char index): a plugin's words for its line, else JShell's. */
    JShellEvaluator.Completion complete(String code, int cursor) {
        String line = code.substring(code.lastIndexOf('\n', cursor - 1) + 1, cursor);
        List<String> pluginWords = plugins.completions(line);
        if (pluginWords.isEmpty()) {
            return evaluator().complete(code, cursor);
        }
        int wordStart = cursor - (line.length() - line.replaceAll("\\S*$", "").length());
        return new JShellEvaluator.Completion(pluginWords, wordStart, cursor);
    }

    List<String> documentation(String code, int cursor) {
        return evaluator().documentation(code, cursor);
    }

    JShellEvaluator.Verdict isComplete(String code) {
        return evaluator().isComplete(code);
    }

    /** Stops the running cell, if JShell has started; safe from any thread. */
    void interrupt() {
        JShellEvaluator current = evaluatorIfReady();
        if (current != null) {
            current.interrupt();
        }
    }

    static JsonObject errorContent(CellResult.Failure failure) {
        JsonObject error = new JsonObject();
        error.addProperty("ename", failure.name());
        error.addProperty("evalue", failure.value());
        JsonArray traceback = new JsonArray();
        failure.traceback().forEach(traceback::add);
        error.add("traceback", traceback);
        return error;
    }

    private static JsonObject bundleContent(MimeBundle bundle) {
        JsonObject content = new JsonObject();
        content.add("data", WireCodec.toTree(bundle.data()));
        content.add("metadata", WireCodec.toTree(bundle.metadata()));
        return content;
    }

    // ---- KernelContext -----------------------------------------------------------------------

    @Override
    public Object eval(String code) throws Exception {
        CellResult.Value value = evaluator().evalForValue(code, executionCount);
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
        publisher.publish("clear_output", content);
    }

    private void publishDisplay(String type, Object value, String displayId) {
        output.flushCell();
        JsonObject content = bundleContent(render(value));
        JsonObject transientPart = new JsonObject();
        if (displayId != null) {
            transientPart.addProperty("display_id", displayId);
        }
        content.add("transient", transientPart);
        publisher.publish(type, content);
    }

    @Override
    public void addToClasspath(Path path) {
        evaluator().addToClasspath(path);
    }

    @Override
    public List<Path> classpath() {
        return evaluator().classpath();
    }

    @Override
    public List<Path> sharedClasspath() {
        return evaluator().sharedClasspath();
    }

    @Override
    public Path classOutputDir() {
        return evaluator().classOutputDir();
    }

    @Override
    public List<String> documentation(String expression) {
        return documentation(expression, expression.length());
    }

    @Override
    public List<Variable> variables() {
        return evaluator().variables();
    }

    @Override
    public List<String> imports() {
        return evaluator().imports();
    }

    @Override
    public void reset() {
        evaluator().reset();
        plugins.registered().clear(); // they draw the classes of the session just forgotten
    }

    @Override
    public boolean interrupted() {
        JShellEvaluator current = evaluatorIfReady();
        return current != null && current.interrupted();
    }

    @Override
    public SafePoints stopAtSafePoints() {
        return evaluator().stopAtSafePoints();
    }
}
