package jdlab.kernel.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jdlab.api.SafePoints;
import jdlab.api.Variable;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates cells with JShell in this JVM.
 *
 * <p>JShell is not thread-safe: every method but {@link #interrupt()} must be called from the one
 * thread that owns the evaluator.
 */
public final class JShellEvaluator implements AutoCloseable {

    /** Completion candidates and the span of the cell text they replace (UTF-16 indices). */
    public record Completion(List<String> matches, int start, int end) { }

    /** Jupyter's {@code is_complete} verdicts. */
    public enum Verdict { COMPLETE, INCOMPLETE, INVALID }

    // What cells see of the kernel: its API and the libraries it ships.
    private static final List<Path> LENT = SharedClasspath.lent();

    private final CellLoaderDelegate cellClasses = new CellLoaderDelegate(LENT);
    private final InProcessExecutionControl control = new InProcessExecutionControl(cellClasses);
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final Map<String, SnippetOrigin> origins = new ConcurrentHashMap<>();
    private volatile boolean interrupted;
    private final AtomicLong interrupts = new AtomicLong();
    private final AtomicInteger safePointHolders = new AtomicInteger();
    private final AtomicLong cellCount = new AtomicLong();
    private final Set<Path> added = new LinkedHashSet<>();
    private final MissingNameHint missingNames = new MissingNameHint();

    /**
     * Builds a shell that runs snippets in this JVM. Cells compile against the JDK, the jars the
     * kernel lends and what the user adds, exactly what their class loader can load.
     */
    public JShellEvaluator() {
        ExecutionControlProvider provider = new ExecutionControlProvider() {
            @Override
            public String name() {
                return "jdlab";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
        shell = withCellsClasspath(() -> {
            JShell built = JShell.builder().executionEngine(provider, Map.of()).build();
            importPrelude(built);
            return built;
        });
        analysis = shell.sourceCodeAnalysis();
    }

    // JShell's compiler starts from java.class.path, read as it compiles first, and that is the kernel's
    // own fat jar: javac would accept imports of the kernel's private libraries that cells cannot load
    // (NoClassDefFoundError at run time), and scan that jar on every compile. Until the first compile,
    // the property names what cells load instead.
    private static JShell withCellsClasspath(Supplier<JShell> build) {
        String kernelClasspath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", LENT.stream().map(Path::toString)
                .collect(Collectors.joining(java.io.File.pathSeparator)));
        try {
            return build.get();
        } finally {
            System.setProperty("java.class.path", kernelClasspath);
        }
    }

    // The imports are one snippet. Where the kernel runs without its lent jars (from its classes, as
    // unit tests run it) the libraries' imports do not compile; each is then tried alone, and those
    // that compile are kept.
    private static void importPrelude(JShell shell) {
        boolean rejected = shell.eval(Prelude.snippet()).stream()
                .anyMatch(e -> e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED);
        if (rejected) {
            Prelude.IMPORTS.forEach(shell::eval);
        }
    }

    /** Compiles and runs a cell snippet by snippet, stopping at the first error or an interrupt. */
    public CellResult eval(String cell, int cellNumber) {
        long interruptsBefore = interrupts.get();
        CellResult result = new CellResult.Done();
        String remaining = cell;
        int consumed = 0;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            String source = info.source() == null || !info.completeness().isComplete() ? remaining : info.source();
            String rest = source == remaining ? "" : info.remaining();
            source = withoutLeadingBlankLines(source);
            int start = consumed + snippetStart(remaining, source);
            int firstLine = (int) cell.substring(0, start).chars().filter(c -> c == '\n').count();
            result = evalSnippet(source, new SnippetOrigin(cellNumber, firstLine, cell), cell, start, interruptsBefore);
            if (result instanceof CellResult.Failure) {
                return result;
            }
            consumed += remaining.length() - rest.length();
            remaining = rest;
            if (interrupts.get() != interruptsBefore && !remaining.isBlank()) {
                return interruptedFailure();
            }
        }
        return result;
    }

    /** Forgets an interrupt of an earlier cell; the kernel calls it once as each cell starts. */
    public void beginCell() {
        cellCount.incrementAndGet();
        safePointHolders.set(0); // a handle an earlier cell left open counts no more
        interrupted = false;
        control.startCell();
    }

    /**
     * Evaluates code for a plugin: the value of its last expression (live, and as JShell shows it), or
     * null. An exception the code throws comes as thrown; a compile error, or an interrupt that stopped it,
     * as an {@link EvaluationException}.
     */
    public CellResult.Value evalForValue(String code, int cellNumber) throws Exception {
        CellResult result = eval(code, cellNumber);
        if (result instanceof CellResult.Failure f) {
            if (!control.wasStopped() && control.lastThrown() instanceof Exception thrown) {
                throw thrown;
            }
            throw new EvaluationException(f);
        }
        return result instanceof CellResult.Value v ? v : null;
    }

    // JShell counts diagnostic positions from the source's first character but numbers runtime frames
    // from its first non-blank line; without the blank lines both count from the line the snippet starts on.
    private static String withoutLeadingBlankLines(String source) {
        int lineStart = 0;
        for (int i = 0; i < source.length() && Character.isWhitespace(source.charAt(i)); i++) {
            if (source.charAt(i) == '\n') {
                lineStart = i + 1;
            }
        }
        return source.substring(lineStart);
    }

    // JShell hands back a snippet's text verbatim (plus, at most, a semicolon it added at the end),
    // and its diagnostics and line numbers count from that text's first character.
    private static int snippetStart(String remaining, String source) {
        String probe = source.substring(0, Math.min(source.length(), 16));
        int at = remaining.indexOf(probe);
        return Math.max(at, 0);
    }

    // An interrupt before this code began (a plugin finishing its work after one) stops it only by force.
    private CellResult evalSnippet(String source, SnippetOrigin origin, String cell, int start, long interruptsBefore) {
        control.clearValue();
        List<SnippetEvent> events = shell.eval(source);
        if (control.wasStopped() || interrupts.get() != interruptsBefore) {
            return interruptedFailure();
        }
        CellResult result = new CellResult.Done();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            origins.put(snippet.id(), origin);
            if (event.status() == Snippet.Status.REJECTED) {
                return compileFailure(snippet, cell, start, origin);
            }
            JShellException exception = event.exception();
            if (exception != null) {
                return runtimeFailure(exception);
            }
            if (snippet instanceof DeclarationSnippet declaration && (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                warnUnresolved(declaration);
            }
            if (showsValue(snippet.subKind())) {
                Object live = control.lastValue();
                result = new CellResult.Value(live == InProcessExecutionControl.NO_VALUE ? event.value() : live,
                        event.value());
            }
        }
        return result;
    }

    // JShell keeps a declaration that names what does not exist yet (a typo, a missing import) and
    // says nothing; jshell's own tool says it cannot be used yet, and so does the kernel, on stderr.
    private void warnUnresolved(DeclarationSnippet declaration) {
        List<String> missing = shell.unresolvedDependencies(declaration).toList();
        if (missing.isEmpty()) {
            return;
        }
        StringBuilder note = new StringBuilder(declaration.name() + " is declared, but cannot be used until this is declared: "
                + String.join(", ", missing));
        for (String name : missing) {
            missingNames.forMessage("symbol: " + name, cellsClasspath()).ifPresent(hint -> note.append("\n").append(hint));
        }
        System.err.println(note);
    }

    // An expression's value or a bare variable is shown; declarations and assignments are not, as in IPython.
    private static boolean showsValue(Snippet.SubKind kind) {
        return kind == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || kind == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private CellResult compileFailure(Snippet snippet, String cell, int start, SnippetOrigin origin) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (errors.isEmpty()) {
            return new CellResult.Failure("CompilationError", "JShell rejected the snippet",
                    List.of(origin.describe(1) + ": JShell rejected this snippet", "    " + snippet.source().strip()));
        }
        Diag first = errors.get(0);
        return ErrorFormatter.compileError(cell, start, first, origin.cell(),
                missingNames.forMessage(first.getMessage(java.util.Locale.ROOT), cellsClasspath()));
    }

    private List<Path> cellsClasspath() {
        List<Path> classpath = new ArrayList<>(LENT);
        classpath.addAll(added);
        return classpath;
    }

    private CellResult runtimeFailure(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            Snippet snippet = unresolved.getSnippet();
            String missing = shell.unresolvedDependencies((DeclarationSnippet) snippet)
                    .collect(Collectors.joining(", "));
            String message = snippet.source().strip().lines().findFirst().orElse("")
                    + " cannot run until this is declared: " + missing;
            return new CellResult.Failure("UnresolvedReferenceException", message, List.of(message));
        }
        return ErrorFormatter.runtimeError(exception, origins::get);
    }

    private CellResult.Failure interruptedFailure() {
        StackTraceElement at = control.stillRunningAt();
        String message = "the cell was interrupted; everything defined before it is still there"
                + (at == null ? "" : "; its thread, inside " + at.getClassName() + "." + at.getMethodName()
                        + ", stops when that call returns");
        return new CellResult.Failure("InterruptedException", message, List.of("\u001b[0;31mInterrupted: " + message + "\u001b[0m"));
    }

    /** The error a cell shows for an exception thrown by a plugin on the user's behalf. */
    public CellResult.Failure failureOf(Throwable thrown) {
        return ErrorFormatter.runtimeError(thrown, origins::get);
    }

    /** Compiles and runs a throwaway expression, so the user's first cell does not pay for JShell's start. */
    public void warmUp() {
        analysis.analyzeCompletion("int x = 1;");
        shell.eval("String.valueOf(1 + 1)").forEach(event -> shell.drop(event.snippet()));
    }

    /**
     * Stops the running cell; safe from any thread. Code that declared safe points is given
     * {@link SafePoints#GRACE_MILLIS} to return on its own first.
     */
    public void interrupt() {
        interrupted = true;
        interrupts.incrementAndGet();
        if (safePointHolders.get() == 0) {
            shell.stop();
            return;
        }
        long cell = cellCount.get();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(SafePoints.GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (cellCount.get() == cell && safePointHolders.get() > 0) {
                shell.stop();
            }
        }, "jdlab-stop-after-grace");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** See {@link jdlab.api.KernelContext#stopAtSafePoints()}; the handle may be closed once only. */
    public SafePoints stopAtSafePoints() {
        safePointHolders.incrementAndGet();
        long cell = cellCount.get();
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.getAndSet(false) && cellCount.get() == cell) {
                safePointHolders.decrementAndGet();
            }
        };
    }

    /** Whether the user asked to stop the current cell. */
    public boolean interrupted() {
        return interrupted;
    }

    /** The variables the user declared, in declaration order, with live values. */
    public List<Variable> variables() {
        // JShell's temporaries ($1, $2: values of bare expressions) are not the user's variables.
        return shell.variables().filter(v -> shell.status(v) == Snippet.Status.VALID)
                .filter(v -> v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND).map(v -> {
            control.clearValue();
            shell.varValue(v); // read through InProcessExecutionControl, which keeps the object
            Object live = control.lastValue();
            return new Variable(v.name(), v.typeName(), live == InProcessExecutionControl.NO_VALUE ? null : live);
        }).collect(Collectors.toList());
    }

    /** The imports in effect, as written. */
    public List<String> imports() {
        // a snippet of several imports (the session's own groups) is listed an import a line
        return shell.imports().filter(i -> shell.status(i) == Snippet.Status.VALID)
                .flatMap(i -> Arrays.stream(i.source().strip().split("(?<=;)\\s+(?=import\\s)")))
                .filter(i -> !i.equals(Prelude.ANCHOR))
                .collect(Collectors.toList());
    }

    /** Drops every snippet: variables, methods, classes and imports are gone, the shell stays warm. */
    public void reset() {
        shell.snippets().toList().forEach(shell::drop);
        origins.clear();
        importPrelude(shell);
    }

    /** Adds a jar or folder to the class path of the snippets that follow, once. */
    public void addToClasspath(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (added.add(absolute)) {
            shell.addToClasspath(absolute.toString());
        }
    }

    /** The jars and folders the kernel lends to cells. */
    public List<Path> sharedClasspath() {
        return LENT;
    }

    /** The folder holding the bytes of every class the cells defined, as compiled, laid out by name. */
    public Path classOutputDir() {
        return cellClasses.folder().dir();
    }

    /** The jars and folders added, in order. */
    public List<Path> classpath() {
        return List.copyOf(added);
    }

    /** Completions at a cursor, including names the user declared in earlier cells. */
    public Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(new ArrayList<>(matches), anchor[0], cursor);
    }

    /**
     * Signatures and, where sources are at hand (the JDK's {@code src.zip}), javadoc of the name
     * under the cursor.
     *
     * <p>JShell documents a method only with the cursor after its opening parenthesis, while a
     * user asks with the cursor on the name, so the name is tried as a call first, then as is.
     */
    public List<String> documentation(String code, int cursor) {
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String name = code.substring(0, end);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(name + "(", end + 1, true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(name, end, true);
        }
        if (docs.isEmpty()) {
            docs = analysis.documentation(code, cursor, true);
        }
        return docs.stream()
                .map(d -> d.javadoc() == null || d.javadoc().isBlank()
                        ? d.signature() : d.signature() + "\n\n" + JavadocText.plain(d.javadoc()))
                .distinct()
                .collect(Collectors.toList());
    }

    /** Whether a cell is ready to run, as Jupyter's console asks before sending it. */
    public Verdict isComplete(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return Verdict.COMPLETE;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return Verdict.INCOMPLETE;
                case UNKNOWN:
                    return Verdict.INVALID;
                default:
                    remaining = info.remaining();
            }
        }
        return Verdict.COMPLETE;
    }

    /**
     * The indent for the next line of an incomplete cell: four spaces per open brace, paren or
     * bracket, not counting those inside string or char literals and comments.
     */
    public static String indentAfter(String code) {
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i, c);
            } else if (code.startsWith("//", i)) {
                i = code.indexOf('\n', i) < 0 ? code.length() : code.indexOf('\n', i);
            } else if (code.startsWith("/*", i)) {
                i = code.indexOf("*/", i + 2) < 0 ? code.length() : code.indexOf("*/", i + 2) + 1;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
        return "    ".repeat(depth);
    }

    private static int endOfLiteral(String code, int open, char quote) {
        for (int i = open + 1; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote || c == '\n') {
                return i;
            }
        }
        return code.length();
    }

    @Override
    public void close() {
        shell.close();
        cellClasses.folder().close();
    }
}
