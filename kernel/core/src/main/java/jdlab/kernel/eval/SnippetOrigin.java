package jdlab.kernel.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a snippet came from: its cell's execution count, the cell line it starts on (0-based) and
 * the cell's text, so that a traceback can quote the line a frame points at.
 */
record SnippetOrigin(int cell, int firstLine, String cellSource) {

    private static final int NEIGHBOURS = 1;
    private static final int WIDEST = 100;

    /** The user's name for a line of this snippet (1-based), as shown in tracebacks. */
    String describe(int snippetLine) {
        return "cell [" + cell + "], line " + (firstLine + snippetLine);
    }

    /**
     * The cell's line a frame points at, marked with an arrow, between its neighbours, as IPython
     * quotes a failing line: {@code --> 2 | return Integer.parseInt(s);}.
     */
    List<String> quote(int snippetLine) {
        String[] lines = cellSource.split("\n", -1);
        int at = firstLine + snippetLine - 1;
        List<String> quoted = new ArrayList<>();
        if (at < 0 || at >= lines.length) {
            return quoted;
        }
        int width = String.valueOf(Math.min(lines.length, at + NEIGHBOURS + 1)).length();
        for (int i = Math.max(0, at - NEIGHBOURS); i <= Math.min(lines.length - 1, at + NEIGHBOURS); i++) {
            if (i != at && lines[i].isBlank()) {
                continue;
            }
            String number = String.format("%" + width + "d", i + 1);
            quoted.add((i == at ? "      --> " : "          ") + number + " | " + cut(lines[i].stripTrailing()));
        }
        return quoted;
    }

    private static String cut(String line) {
        return line.length() <= WIDEST ? line : line.substring(0, WIDEST - 1) + "\u2026";
    }
}
