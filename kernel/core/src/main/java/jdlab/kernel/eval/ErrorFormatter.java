package jdlab.kernel.eval;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Collections;
import java.util.function.Function;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;

/** Turns compile diagnostics and runtime exceptions into tracebacks that point at cells and lines. */
final class ErrorFormatter {

    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Za-z]*\\.");
    private static final Pattern EMPTY_LOCATION = Pattern.compile("\\n\\s*location: class\\s*$");

    private ErrorFormatter() { }

    /** A compile error: cell line and column, the offending line, a marker under the span, javac's message. */
    static CellResult.Failure compileError(String source, Diag diag, SnippetOrigin origin) {
        int start = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
        int end = (int) Math.max(start + 1, Math.min(diag.getEndPosition(), source.length()));
        int position = (int) Math.max(start, Math.min(diag.getPosition(), source.length()));
        int lineStart = source.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        if (position == 0) {
            lineStart = 0;
        }
        int lineEnd = source.indexOf('\n', position);
        if (lineEnd < 0) {
            lineEnd = source.length();
        }
        int line = 1 + (int) source.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        int column = start >= lineStart ? start - lineStart + 1 : 1;
        String text = source.substring(lineStart, lineEnd);
        int markStart = Math.max(0, start - lineStart);
        int markEnd = Math.max(markStart + 1, Math.min(end, lineEnd) - lineStart);
        String message = EMPTY_LOCATION.matcher(diag.getMessage(Locale.ROOT)).replaceAll("");
        String marker = " ".repeat(markStart) + "^".repeat(markEnd - markStart);
        List<String> traceback = List.of(
                RED + origin.describe(line) + ", column " + column + ": " + message + RESET,
                "    " + text,
                "    " + marker);
        return new CellResult.Failure("CompilationError", firstLine(message), traceback);
    }

    /**
     * A runtime exception with its causes, trimmed of the kernel's own frames.
     *
     * <p>JShell's {@link EvalException} carries the user's exception with frames already mapped to
     * snippet lines ({@code #12:3}); a plugin's exception comes as is.
     */
    static CellResult.Failure runtimeError(Throwable thrown, Function<String, SnippetOrigin> originOfSnippet) {
        List<String> traceback = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = thrown;
        String prefix = "";
        while (current != null && seen.add(current)) {
            String message = current.getMessage();
            traceback.add(RED + prefix + className(current) + (message == null ? "" : ": " + tidy(message)) + RESET);
            for (StackTraceElement frame : userFrames(current.getStackTrace())) {
                traceback.add("    at " + describe(frame, originOfSnippet));
            }
            current = current.getCause();
            prefix = "Caused by: ";
        }
        return new CellResult.Failure(className(thrown), thrown.getMessage() == null ? "" : tidy(thrown.getMessage()), traceback);
    }

    private static String className(Throwable t) {
        return t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
    }

    // Helpful NullPointerException messages name JShell's wrapper classes ("REPL.$JShell$10.s"); say "s".
    private static String tidy(String message) {
        return WRAPPER.matcher(message).replaceAll("");
    }

    /** The frames down to the user's outermost cell frame; the rest is JShell and reflection. */
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
        SnippetOrigin origin = file != null && file.startsWith("#") ? originOfSnippet.apply(file.substring(1)) : null;
        String where = origin == null ? file + ":" + frame.getLineNumber() : origin.describe(frame.getLineNumber());
        String method = frame.getMethodName();
        if (method.isEmpty() || method.equals("do_it$")) {
            return where;
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

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
