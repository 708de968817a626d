package jdlab.display.table;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdlab.api.TableLimits;

/**
 * Which rows and columns of a grid one display shows, drawn as HTML or as aligned plain text.
 *
 * <p>A table longer than {@link TableLimits#maxRows()} shows its first and last rows (half each,
 * the extra one at the top) around a {@code …} row; columns likewise. Missing cells read
 * {@value #MISSING_TEXT} in text and a grey {@code NA} in HTML, so the string "NA" stays apart.
 */
final class TableLayout {

    static final String ELLIPSIS = "…";
    static final String MISSING_TEXT = "<NA>";
    private static final int GAP = -1; // the place of the … row or column in a list of indices

    private final Grid grid;
    private final TableLimits limits;
    private final List<Integer> rows;
    private final List<Integer> columns;

    TableLayout(Grid grid, TableLimits limits) {
        this.grid = grid;
        this.limits = limits;
        this.rows = shown(grid.rowCount(), limits.maxRows());
        this.columns = shown(grid.columnCount(), limits.maxColumns());
    }

    /** All indices when they fit, else the first and last ones with {@link #GAP} between. */
    private static List<Integer> shown(int count, int max) {
        List<Integer> shown = new ArrayList<>();
        if (count <= max) {
            for (int i = 0; i < count; i++) {
                shown.add(i);
            }
            return shown;
        }
        int head = (max + 1) / 2;
        int tail = max / 2;
        for (int i = 0; i < head; i++) {
            shown.add(i);
        }
        shown.add(GAP);
        for (int i = count - tail; i < count; i++) {
            shown.add(i);
        }
        return shown;
    }

    /** The shape, and when rows or columns are left out, how to see them. */
    String footer() {
        String shape = count(grid.rowCount(), "row") + " × " + count(grid.columnCount(), "column");
        boolean rowsCut = rows.contains(GAP);
        boolean columnsCut = columns.contains(GAP);
        if (!rowsCut && !columnsCut) {
            return shape;
        }
        String shownPart = (rowsCut ? count(limits.maxRows(), "row") : "")
                + (rowsCut && columnsCut ? " and " : "")
                + (columnsCut ? count(limits.maxColumns(), "column") : "");
        String setters = (rowsCut ? ".maxRows(n)" : "") + (columnsCut ? ".maxColumns(n)" : "");
        return shape + "; showing " + shownPart + ", more with table(t)" + setters + " or tableOptions()" + setters;
    }

    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** A cell's text within the width limit, cut at a character boundary with a closing {@code …}. */
    private String cut(String text) {
        int max = limits.maxCellWidth();
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    // ---- HTML ------------------------------------------------------------------------------

    /** A {@code <table>} with names and types in its head, and the footer below it. */
    String html() {
        StringBuilder out = new StringBuilder(4096);
        out.append("<div class=\"jdlab-table\">\n<table>\n");
        if (!grid.title().isEmpty()) {
            out.append("<caption>").append(escapeHtml4(grid.title())).append("</caption>\n");
        }
        out.append("<thead>\n<tr><th></th>");
        for (int c : columns) {
            out.append("<th>").append(c == GAP ? ELLIPSIS : escapeHtml4(cut(grid.name(c)))).append("</th>");
        }
        out.append("</tr>\n<tr class=\"jdlab-types\"><th></th>");
        for (int c : columns) {
            out.append("<th style=\"font-weight:normal;font-style:italic\">")
                    .append(c == GAP ? "" : escapeHtml4(grid.type(c))).append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        for (int r : rows) {
            out.append("<tr>");
            if (r == GAP) {
                out.append("<th>").append(ELLIPSIS).append("</th>");
                for (int ignored : columns) {
                    out.append("<td>").append(ELLIPSIS).append("</td>");
                }
            } else {
                out.append("<th>").append(grid.label(r)).append("</th>");
                for (int c : columns) {
                    out.append(htmlCell(r, c));
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n<p class=\"jdlab-footer\" style=\"font-size:smaller\">")
                .append(footer()) // our own words and numbers, no text of the table's
                .append("</p>\n</div>\n");
        return out.toString();
    }

    private String htmlCell(int row, int column) {
        if (column == GAP) {
            return "<td>" + ELLIPSIS + "</td>";
        }
        String value = grid.cell(row, column);
        if (value == null) {
            return "<td class=\"jdlab-na\" style=\"color:#999;font-style:italic\">NA</td>";
        }
        return "<td>" + escapeHtml4(cut(value)) + "</td>";
    }

    // ---- plain text ------------------------------------------------------------------------

    /** The same layout in aligned columns: names, types, a rule, the rows, then the footer. */
    String text() {
        List<String[]> lines = new ArrayList<>(); // one array per line: index, then the columns shown
        lines.add(textRow("", c -> cut(oneLine(grid.name(c))), ELLIPSIS));
        lines.add(textRow("", grid::type, ""));
        for (int r : rows) {
            if (r == GAP) {
                lines.add(textRow(ELLIPSIS, c -> ELLIPSIS, ELLIPSIS));
            } else {
                lines.add(textRow(Integer.toString(grid.label(r)), c -> {
                    String value = grid.cell(r, c);
                    return value == null ? MISSING_TEXT : cut(oneLine(value));
                }, ELLIPSIS));
            }
        }
        int width = columns.size() + 1;
        int[] widths = new int[width];
        for (String[] line : lines) {
            for (int i = 0; i < width; i++) {
                widths[i] = Math.max(widths[i], length(line[i]));
            }
        }
        StringBuilder out = new StringBuilder(4096);
        if (!grid.title().isEmpty()) {
            out.append(oneLine(grid.title())).append('\n');
        }
        for (int l = 0; l < lines.size(); l++) {
            if (l == 2) {
                appendRule(out, widths);
            }
            String[] line = lines.get(l);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < width; i++) {
                boolean right = i == 0 || (columns.get(i - 1) != GAP && grid.numeric(columns.get(i - 1)));
                if (i > 0) {
                    text.append("  ");
                }
                pad(text, line[i], widths[i], right);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.append(footer()).append('\n').toString();
    }

    private interface CellText {
        String of(int column);
    }

    private String[] textRow(String index, CellText cell, String gap) {
        String[] line = new String[columns.size() + 1];
        line[0] = index;
        for (int i = 0; i < columns.size(); i++) {
            int c = columns.get(i);
            line[i + 1] = c == GAP ? gap : cell.of(c);
        }
        return line;
    }

    // Line breaks and tabs would tear the columns apart.
    private static String oneLine(String text) {
        return text.replace("\r\n", "↵").replace('\n', '↵').replace('\r', '↵').replace('\t', ' ');
    }

    private static void appendRule(StringBuilder out, int[] widths) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                rule.append("  ");
            }
            rule.append("-".repeat(widths[i]));
        }
        out.append(rule).append('\n');
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    private static void pad(StringBuilder out, String text, int width, boolean right) {
        String spaces = " ".repeat(width - length(text));
        out.append(right ? spaces + text : text + spaces);
    }
}
