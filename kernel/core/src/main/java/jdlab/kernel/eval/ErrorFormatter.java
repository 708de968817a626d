package jdlab.kernel.eval;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.Collections;
import java.util.function.Function;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;

/** Turns compile diagnostics and runtime exceptions into tracebacks that point at cells and lines. */
final class ErrorFormatter {

    private static final String RED = "\u001b[0;31m";
    private static final String GREEN = "\u001b[0;32m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Za-z]*\\.");
    private static final Pattern EMPTY_LOCATION = Pattern.compile("\\n\\s*location: class\\s*$");

    private ErrorFormatter() { }

    /**
     * A compile error: cell line and column, the offending line, a marker under the span, javac's
     * message, and a hint where one helps. Positions are the snippet's plus its offset in the cell,
     * so a snippet that starts mid-line still points at the whole line.
     */
    static CellResult.Failure compileError(String cell, int offset, Diag diag, int cellNumber, Optional<String> hint) {
        int length = cell.length();
        int position = clamp(offset + diag.getPosition(), length);
        int lineStart = cell.lastIndexOf('\n', position - 1) + 1;
        int lineEnd = cell.indexOf('\n', position);
        if (lineEnd < 0) {
            lineEnd = length;
        }
        int start = Math.max(lineStart, Math.min(position, clamp(offset + diag.getStartPosition(), length)));
        int end = Math.min(lineEnd, clamp(offset + diag.getEndPosition(), length));
        int line = 1 + (int) cell.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        String message = EMPTY_LOCATION.matcher(diag.getMessage(Locale.ROOT)).replaceAll("");
        List<String> traceback = new ArrayList<>();
        traceback.add(RED + "cell [" + cellNumber + "], line " + line + ", column " + (start - lineStart + 1) + ": "
                + message + RESET);
        traceback.addAll(Underlined.span(cell.substring(lineStart, lineEnd), start - lineStart, end - lineStart));
        hint.ifPresent(h -> traceback.add(GREEN + h + RESET));
        return new CellResult.Failure("CompilationError", firstLine(message), traceback);
    }

    private static int clamp(long position, int length) {
        return (int) Math.max(0, Math.min(position, length));
    }

    /**
     * A runtime exception with its causes, trimmed of the kernel's own frames.
     *
     * <p>JShell's {@link EvalException} carries the user's exception with frames already mapped to
     * snippet lines ({@code #12:3}); a plugin's exception comes as is. A download DJL could not
     * make is one line ({@link DjlDownloadHint}).
     */
    static CellResult.Failure runtimeError(Throwable thrown, Function<String, SnippetOrigin> originOfSnippet) {
        Optional<String> offline = DjlDownloadHint.of(thrown, ErrorFormatter::className);
        if (offline.isPresent()) {
            return new CellResult.Failure(className(thrown), offline.get(), List.of(RED + offline.get() + RESET));
        }
        List<String> traceback = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = thrown;
        String prefix = "";
        while (current != null && seen.add(current)) {
            String message = current.getMessage();
            traceback.add(RED + prefix + className(current) + (message == null ? "" : ": " + tidy(message)) + RESET);
            List<StackTraceElement> frames = userFrames(current.getStackTrace());
            int folded = foldedJdkFrames(frames);
            if (folded > 0) {
                traceback.add("    ... " + folded + " frame" + (folded == 1 ? "" : "s") + " inside the JDK");
            }
            addFrames(traceback, frames.subList(folded, frames.size()), originOfSnippet);
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return new CellResult.Failure(className(thrown), thrown.getMessage() == null ? "" : tidy(thrown.getMessage()), traceback);
    }

    // Deep recursion repeats one line up to a thousand times; it is shown once with a count. Under
    // each frame of a cell, the cell's line is quoted.
    private static void addFrames(List<String> traceback, List<StackTraceElement> frames,
                                  Function<String, SnippetOrigin> originOfSnippet) {
        String previous = null;
        int repeats = 0;
        for (StackTraceElement frame : frames) {
            String line = "    at " + describe(frame, originOfSnippet);
            if (line.equals(previous)) {
                repeats++;
                continue;
            }
            addRepeats(traceback, repeats);
            traceback.add(line);
            SnippetOrigin origin = originOf(frame, originOfSnippet);
            if (origin != null) {
                traceback.addAll(origin.quote(frame.getLineNumber()));
            }
            previous = line;
            repeats = 0;
        }
        addRepeats(traceback, repeats);
    }

    private static void addRepeats(List<String> traceback, int repeats) {
        if (repeats > 0) {
            traceback.add("    ... the line above repeated " + repeats + " more time" + (repeats == 1 ? "" : "s"));
        }
    }

    private static String className(Throwable t) {
        return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
    }

    // Helpful NullPointerException messages name JShell's wrapper classes ("REPL.$JShell$10.s"); say "s".
    private static String tidy(String message) {
        return WRAPPER.matcher(message).replaceAll("");
    }

    /**
     * The frames down to the user's outermost cell frame; the rest is JShell and reflection.
     */
    static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isCellFrame(frames[i])) {
                last = i;
            }
        }
        List<StackTraceElement> kept = new ArrayList<>();
        for (int i = 0; i < frames.length && (last < 0 || i <= last); i++) {
            boolean leadingKernelFrame = kept.isEmpty() && frames[i].getClassName().startsWith("jdlab.kernel.");
            if (!leadingKernelFrame && (last >= 0 || !isMachinery(frames[i]))) {
                kept.add(frames[i]);
            }
        }
        return kept;
    }

    /**
     * How many of the leading frames are the JDK's own, below the call a cell made into it: they are
     * folded to one line, and the call the user made ({@code Integer.parseInt}) stays.
     */
    static int foldedJdkFrames(List<StackTraceElement> frames) {
        int jdk = 0;
        while (jdk < frames.size() && isJdk(frames.get(jdk))) {
            jdk++;
        }
        boolean cellBelow = jdk < frames.size() && isCellFrame(frames.get(jdk));
        return cellBelow ? Math.max(0, jdk - 1) : 0;
    }

    private static boolean isJdk(StackTraceElement frame) {
        String module = frame.getModuleName();
        String c = frame.getClassName();
        return module != null ? module.startsWith("java.") || module.startsWith("jdk.")
                : c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    // JShell maps frames of snippet code to file "#<snippet id>" and the snippet's own line numbers.
    private static boolean isCellFrame(StackTraceElement frame) {
        String file = frame.getFileName();
        return (file != null && file.startsWith("#")) || frame.getClassName().startsWith("REPL.");
    }

    private static boolean isMachinery(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                || c.startsWith("jdk.jshell.") || c.startsWith("jdlab.kernel.") || c.equals("java.lang.Thread");
    }

    private static String describe(StackTraceElement frame, Function<String, SnippetOrigin> originOfSnippet) {
        if (!isCellFrame(frame)) {
            return frame.toString();
        }
        String file = frame.getFileName();
        SnippetOrigin origin = originOf(frame, originOfSnippet);
        String where = origin == null ? file + ":" + frame.getLineNumber() : origin.describe(frame.getLineNumber());
        String method = frame.getMethodName();
        if (method.isEmpty() || method.equals("do_it$")) {
            return where;
        }
        // javac names a lambda after its enclosing method, here JShell's wrapper: lambda$do_it$$0.
        if (method.startsWith("lambda$do_it$$")) {
            method = "lambda";
        }
        String owner = frame.getClassName();
        int wrapper = owner.indexOf("$JShell$");
        if (wrapper >= 0) {
            // REPL.$JShell$12$Point -> Point; top-level methods live in the wrapper itself.
            int nested = owner.indexOf('$', wrapper + "$JShell$".length());
            owner = nested < 0 ? "" : owner.substring(nested + 1).replace('$', '.');
        }
        return (owner.isEmpty() ? method : owner + "." + method) + "(" + where + ")";
    }

    private static SnippetOrigin originOf(StackTraceElement frame, Function<String, SnippetOrigin> originOfSnippet) {
        String file = frame.getFileName();
        return file != null && file.startsWith("#") ? originOfSnippet.apply(file.substring(1)) : null;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
