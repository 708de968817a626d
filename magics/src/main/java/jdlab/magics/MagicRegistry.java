package jdlab.magics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdlab.api.CellHandler;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The kernel's handler for cells with magics: a {@code %%name} first line owns the cell; {@code %name}
 * lines, and IPython's shell lines {@code !command}, run in order among the Java lines around them, which
 * go to JShell.
 */
public final class MagicRegistry implements CellHandler {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}|\\$\\$");
    // A magic line starts with % or %% and a letter, so Java's % operator at a line's start is left alone.
    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*(%%?)([A-Za-z][A-Za-z0-9_]*)(.*)$");
    // IPython's shell line, `!ls data`, run as a one-line %%sh cell. Only at the line's start, and not `!=`,
    // so that a Java line continued by an indented `!flag`, or by `!= 0`, stays Java.
    private static final Pattern SHELL_LINE = Pattern.compile("^!(?!=)\\s*(\\S.*)$");
    private static final String SHELL = "sh";

    // Magics of other kernels that users type by habit, and what does their job here.
    private static final Map<String, String> ELSEWHERE = Map.of(
            "pip", "%pip installs Python packages; here %maven GROUP:ARTIFACT:VERSION adds a Java library",
            "conda", "%conda installs conda packages; here %maven GROUP:ARTIFACT:VERSION adds a Java library",
            "matplotlib", "%matplotlib has nothing to enable here: Tablesaw and Plotly charts display inline");

    // Keyed by invocation (%time, %%time): a line magic and a cell magic may share a name, as in IPython.
    private final Map<String, Magic> magics = new TreeMap<>();

    /** The magics registered with {@link ServiceLoader}. */
    public MagicRegistry() {
        this(ServiceLoader.load(Magic.class, MagicRegistry.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    MagicRegistry(Collection<Magic> registered) {
        for (Magic magic : registered) {
            for (String invocation : magic.args().invocations()) {
                Magic earlier = magics.put(invocation, magic);
                if (earlier != null) {
                    throw new IllegalStateException("two magics named " + invocation + ": "
                            + earlier.getClass().getName() + " and " + magic.getClass().getName());
                }
            }
        }
    }

    /** Every magic once, in the order of its first way to be written. */
    public List<Magic> all() {
        return magics.values().stream().distinct().toList();
    }

    @Override
    public boolean accepts(String cell) {
        return cell.lines().anyMatch(line -> MAGIC_LINE.matcher(line).matches() || SHELL_LINE.matcher(line).matches());
    }

    @Override
    public Object run(String cell, KernelContext context) throws Exception {
        List<String> lines = cell.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        Matcher head = MAGIC_LINE.matcher(lines.get(first));
        if (head.matches() && head.group(1).equals("%%")) {
            String body = String.join("\n", lines.subList(first + 1, lines.size()));
            return invoke(find(head.group(2), true), "%%" + head.group(2), head.group(3), body, context);
        }
        Object value = null;
        List<String> java = new ArrayList<>();
        for (String line : lines) {
            Matcher m = MAGIC_LINE.matcher(line);
            Matcher shell = SHELL_LINE.matcher(line);
            if (!m.matches() && !shell.matches()) {
                java.add(line);
                continue;
            }
            if (m.matches() && m.group(1).equals("%%")) {
                throw new UsageException("%%" + m.group(2) + " is a cell magic: it must be the first line of its cell");
            }
            evalJava(java, context);
            java.clear();
            value = m.matches() ? invoke(find(m.group(2), false), "%" + m.group(2), m.group(3), null, context)
                    : invoke(find(SHELL, true), "%%" + SHELL, "", shell.group(1), context);
        }
        return java.stream().allMatch(String::isBlank) ? value : evalJava(java, context);
    }

    private static Object evalJava(List<String> lines, KernelContext context) throws Exception {
        if (lines.stream().allMatch(String::isBlank)) {
            return null;
        }
        endIfInterrupted(context);
        return context.eval(String.join("\n", lines));
    }

    private static Object invoke(Magic magic, String invocation, String line, String body, KernelContext context)
            throws Exception {
        endIfInterrupted(context);
        Args args = magic.args().parse(invocation, expandVariables(line, context), context);
        if (args.helpRequested() != null) {
            return args.helpRequested();
        }
        return magic.run(args, body, context);
    }

    // A magic that returns on an interrupt (%train, at the end of a batch) ends its cell there.
    private static void endIfInterrupted(KernelContext context) {
        if (context.interrupted()) {
            throw new UsageException("the cell was interrupted; the lines below the interrupted one did not run");
        }
    }

    // A magic's name being typed, or one of its options.
    private static final Pattern TYPING_NAME = Pattern.compile("^\\s*(%%?)([A-Za-z0-9_]*)$");
    private static final Pattern TYPING_OPTION = Pattern.compile("^\\s*(%%?)([A-Za-z][A-Za-z0-9_]*)\\s.*?(-\\S*)$");

    @Override
    public List<String> complete(String lineBeforeCursor) {
        Matcher name = TYPING_NAME.matcher(lineBeforeCursor);
        if (name.matches()) {
            String typed = name.group(1) + name.group(2);
            return magics.keySet().stream().filter(i -> i.startsWith(typed)).toList();
        }
        Matcher option = TYPING_OPTION.matcher(lineBeforeCursor);
        if (option.matches()) {
            Magic magic = magics.get(option.group(1) + option.group(2));
            return magic == null ? List.of()
                    : magic.args().optionWords().stream().filter(w -> w.startsWith(option.group(3))).toList();
        }
        return List.of();
    }

    /**
     * Replaces each {@code ${expression}} in a magic's line with the expression's value, as IPython's
     * {@code $name} does: {@code %%writefile ${dir}/notes.txt}. {@code $$} stands for a plain {@code $}.
     */
    static String expandVariables(String line, KernelContext context) throws Exception {
        Matcher m = VARIABLE.matcher(line);
        StringBuilder expanded = new StringBuilder();
        while (m.find()) {
            String replacement = m.group().equals("$$") ? "$" : String.valueOf(context.eval(m.group(1)));
            m.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(expanded);
        return expanded.toString();
    }

    /** The magic of that name and kind, or a one-line error saying what exists. */
    Magic find(String name, boolean asCell) {
        String written = (asCell ? "%%" : "%") + name;
        Magic magic = magics.get(written);
        if (magic != null) {
            return magic;
        }
        String otherKind = (asCell ? "%" : "%%") + name;
        if (magics.containsKey(otherKind)) {
            throw new UsageException(written + " is not a magic; " + otherKind + " is a "
                    + (asCell ? "line magic" : "cell magic: put it on the first line of the cell"));
        }
        if (ELSEWHERE.containsKey(name)) {
            throw new UsageException(ELSEWHERE.get(name));
        }
        String hint = nearest(name, asCell).map(i -> "; did you mean " + i + "?").orElse("");
        throw new UsageException("unknown magic " + written + hint + " (%lsmagic lists them all)");
    }

    // Of two near names equally close, the one of the kind that was written.
    private Optional<String> nearest(String name, boolean asCell) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return magics.keySet().stream()
                .min(Comparator.<String>comparingInt(i -> distance.apply(name, bare(i)))
                        .thenComparing(i -> i.startsWith("%%") != asCell))
                .filter(i -> distance.apply(name, bare(i)) <= Math.max(2, name.length() / 3));
    }

    private static String bare(String invocation) {
        return invocation.replaceFirst("^%%?", "");
    }
}
