package jdlab.kernel.eval;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The line under a compile error that says which import, or which jar, a missing name needs. */
final class MissingNameHint {

    // javac: "cannot find symbol\n  symbol:   class Shape" (or "variable List" for List.of(...))
    private static final Pattern SYMBOL = Pattern.compile("symbol:\\s+(?:class|variable|interface) ([A-Z]\\w*)");
    private static final Pattern PACKAGE = Pattern.compile("package ([\\w.]+) does not exist");
    private static final int MOST = 3;

    private final ClassIndex index = new ClassIndex();

    /** The hint for javac's message, if the message is about a name or package that is not there. */
    Optional<String> forMessage(String javacMessage, List<Path> classpath) {
        Matcher symbol = SYMBOL.matcher(javacMessage);
        if (symbol.find()) {
            return imports(symbol.group(1), classpath);
        }
        Matcher pack = PACKAGE.matcher(javacMessage);
        if (pack.find()) {
            return Optional.of(pack.group(1) + " is not on the class path: add its jar with"
                    + " %maven group:artifact:version (or %classpath path/to.jar)");
        }
        return Optional.empty();
    }

    private Optional<String> imports(String simpleName, List<Path> classpath) {
        List<String> candidates;
        try {
            candidates = index.named(simpleName, classpath);
        } catch (RuntimeException e) { // an unreadable jar costs the hint, never the error itself
            return Optional.empty();
        }
        List<String> importable = candidates.stream().filter(MissingNameHint::mayBePublic).toList();
        if (importable.isEmpty()) {
            return Optional.empty();
        }
        String shown = importable.stream().limit(MOST).map(c -> "import " + c + ";")
                .collect(Collectors.joining("  or  "));
        return Optional.of("did you mean: " + shown);
    }

    // The index knows names, not access: a package-private class (Tablesaw 0.44's BarPlot) cannot be
    // imported. A class the cell's loader cannot find without running it (a jar added later) may be.
    private static boolean mayBePublic(String className) {
        try {
            return Modifier.isPublic(Class.forName(className, false, Thread.currentThread().getContextClassLoader())
                    .getModifiers());
        } catch (ClassNotFoundException | LinkageError e) {
            return true;
        }
    }
}
