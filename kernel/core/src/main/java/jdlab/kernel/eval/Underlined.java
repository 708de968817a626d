package jdlab.kernel.eval;

import java.util.List;

/**
 * A source line with a marker under a span of it, cut to a window around the span when the line
 * is long: a notebook wraps a long line but not the marker under it, which then points elsewhere.
 */
final class Underlined {

    /** Characters shown of a line; narrower than a notebook's output area at its default font. */
    static final int WINDOW = 80;
    private static final String MORE = "\u2026";

    private Underlined() {
    }

    /** The line and its marker, each indented four spaces; {@code from} and {@code to} index the line. */
    static List<String> span(String line, int from, int to) {
        int start = Math.max(0, Math.min(from, line.length()));
        int end = Math.max(start + 1, Math.min(to, line.length()));
        String shown = line;
        String left = "";
        String right = "";
        if (line.length() > WINDOW) {
            int first = Math.max(0, Math.min(start - WINDOW / 4, line.length() - WINDOW));
            int last = Math.min(line.length(), first + WINDOW);
            left = first > 0 ? MORE : "";
            right = last < line.length() ? MORE : "";
            shown = line.substring(first, last);
            start -= first;
            end = Math.min(end - first, shown.length() + 1);
        }
        // A tab in the line takes a tab's width in the marker too.
        StringBuilder marker = new StringBuilder(left.isEmpty() ? "" : " ");
        for (int i = 0; i < start; i++) {
            marker.append(shown.charAt(i) == '\t' ? '\t' : ' ');
        }
        marker.append("^".repeat(Math.max(1, end - start)));
        return List.of("    " + left + shown + right, "    " + marker);
    }
}
