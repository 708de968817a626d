package jdlab.magics.basic;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.magics.MagicRegistry;

/**
 * {@code %lsmagic}: every line and cell magic, as IPython lists them.
 *
 * <p>Front ends break a long line anywhere, even inside a word, so the text is laid out in columns no wider
 * than {@link #WIDTH}, and the HTML keeps each name whole.
 */
public final class LsMagic implements Magic {

    static final int WIDTH = 80;

    private static final ArgSpec ARGS = ArgSpec.line("lsmagic", "List the line and cell magics.").build();
    private static final String FOOTER = "%help NAME or %NAME --help explains one.";

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        List<String> invocations = new MagicRegistry().all().stream()
                .flatMap(m -> m.args().invocations().stream()).sorted().toList();
        List<String> line = invocations.stream().filter(i -> !i.startsWith("%%")).toList();
        List<String> cell = invocations.stream().filter(i -> i.startsWith("%%")).toList();
        String text = "Available line magics:\n" + columns(line, WIDTH) + "\n\nAvailable cell magics:\n"
                + columns(cell, WIDTH) + "\n\n" + FOOTER;
        String html = "<p>Available line magics:</p><p>" + nowrap(line) + "</p><p>Available cell magics:</p><p>"
                + nowrap(cell) + "</p><p>" + FOOTER + "</p>";
        return new MimeBundle().put("text/html", html).put("text/plain", text);
    }

    /** The names in columns of equal width, as many to a line as fit in {@code width}, read across. */
    static String columns(List<String> names, int width) {
        int column = names.stream().mapToInt(String::length).max().orElse(0) + 2;
        int perLine = Math.max(1, (width + 2) / column);
        List<String> lines = new ArrayList<>();
        for (int start = 0; start < names.size(); start += perLine) {
            List<String> row = names.subList(start, Math.min(names.size(), start + perLine));
            lines.add(row.stream().map(n -> String.format("%-" + column + "s", n))
                    .collect(Collectors.joining()).stripTrailing());
        }
        return String.join("\n", lines);
    }

    // The browser may wrap between names, never inside one.
    private static String nowrap(List<String> names) {
        return names.stream().map(n -> "<code style=\"white-space: nowrap\">" + n + "</code>")
                .collect(Collectors.joining(" "));
    }
}
