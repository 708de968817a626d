package jdlab.display.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdlab.api.MimeBundle;
import jdlab.api.ProgressSnapshot;
import jdlab.display.Renderer;

/**
 * Draws a progress bar as HTML: the label, a bar (none when the total is unknown), the percentage,
 * {@code count/total}, and elapsed time, time left and rate, as the plain-text line has them.
 *
 * <p>The bar is the browser's own {@code <progress>} element, with no script and no stylesheet, so
 * that it looks the same in every front end and in a saved notebook. A front end that does not trust
 * the notebook strips inline styles (the classic Notebook strips them all) but keeps
 * {@code <progress>}: the parts, spaced by plain spaces, then still read as one line with a bar in
 * it. Styles only lay the parts out and colour the bar: blue while it runs, green once closed, red
 * when its cell was interrupted. Where the line is wider than the output, the parts wrap rather than
 * run past its right edge, which would hide the time left.
 */
public final class ProgressRenderer implements Renderer<ProgressSnapshot> {

    @Override
    public String type() {
        return ProgressSnapshot.class.getName();
    }

    @Override
    public void render(ProgressSnapshot bar, MimeBundle bundle) {
        if (bundle.wants("text/html")) {
            bundle.put("text/html", html(bar));
        }
    }

    static String html(ProgressSnapshot bar) {
        // Plain spaces between the parts: where an untrusted page, without flex, breaks the line.
        List<String> parts = new ArrayList<>();
        if (!bar.label().isEmpty()) {
            parts.add("<span>" + escape(bar.label()) + "</span>"); // the user's words, which may wrap
        }
        if (bar.hasTotal()) {
            // The fraction, not count of total: a total of 0 is done, and a count past the total is full.
            parts.add("<progress max=\"1\" value=\"" + String.format(Locale.ROOT, "%.4f", bar.fraction())
                    + "\" style=\"flex:0 1 20em;min-width:6em;height:1.1em;accent-color:" + colour(bar.state())
                    + "\"></progress>");
            parts.add(unbroken(bar.percent() + "% " + bar.countText()));
        } else {
            parts.add(unbroken(bar.countText()));
        }
        parts.add(unbroken(bar.timesText() + (bar.state() == ProgressSnapshot.State.INTERRUPTED ? " interrupted" : "")));
        return "<div class=\"jdlab-progress\" style=\"display:flex;flex-wrap:wrap;align-items:center;"
                + "column-gap:0.6em;font-family:monospace\">" + String.join(" ", parts) + "</div>";
    }

    private static String unbroken(String text) {
        return "<span style=\"white-space:nowrap\">" + escape(text) + "</span>";
    }

    private static String colour(ProgressSnapshot.State state) {
        return switch (state) {
            case RUNNING -> "#4a90d9";
            case DONE -> "#5cb85c";
            case INTERRUPTED -> "#d9534f";
        };
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
