package jdlab.display.plotly;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON-ready values (maps, lists, strings, numbers, booleans, null) as JSON text for the
 * HTML fallback; {@code <}, {@code >} and {@code &} are escaped, so the text is safe inside a
 * {@code <script>} element whatever the chart's strings hold.
 */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, -1, 0);
        return out.toString();
    }

    /** With two-space indentation, one member per line: golden files that diff well. */
    static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 2, 0);
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, int indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("null");
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
            } else {
                out.append(d);
            }
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                newline(out, indent, depth + 1);
                string(String.valueOf(entry.getKey()), out);
                out.append(indent < 0 ? ":" : ": ");
                write(entry.getValue(), out, indent, depth + 1);
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            if (!map.isEmpty()) {
                newline(out, indent, depth);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            // Arrays of plain values stay on one line even when pretty: a column per line would bury the shape.
            boolean flat = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (!flat) {
                    newline(out, indent, depth + 1);
                }
                write(list.get(i), out, indent, depth + 1);
                if (i < list.size() - 1) {
                    out.append(flat && indent >= 0 ? ", " : ",");
                }
            }
            if (!flat && !list.isEmpty()) {
                newline(out, indent, depth);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
