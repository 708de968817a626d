package jdlab.display.progress;

import java.util.Locale;
import jdlab.api.MimeBundle;
import jdlab.api.ProgressSnapshot;
import jdlab.display.Renderer;

/**
 * Draws a progress bar as HTML: the label, a bar (none when the total is unknown), the percentage,
 * {@code count/total}, and elapsed time, time left and rate, as the plain-text line has them.
 *
 * <p>The bar is two nested {@code div}s with inline styles, no script and no stylesheet, so that it
 * looks the same in every front end and in a saved notebook; the text beside it still says it all
 * where styles are stripped. Blue while it runs, green once closed, red when its cell was interrupted.
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
        StringBuilder html = new StringBuilder();
        html.append("<div class=\"jdlab-progress\" style=\"display:flex;align-items:center;gap:0.6em;"
                + "font-family:monospace;white-space:pre\">");
        if (!bar.label().isEmpty()) {
            html.append("<span>").append(escape(bar.label())).append("</span>");
        }
        StringBuilder text = new StringBuilder();
        if (bar.hasTotal()) {
            html.append("<div role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"").append(bar.total())
                    .append("\" aria-valuenow=\"").append(bar.count())
                    .append("\" style=\"flex:none;width:20em;height:1.1em;border:1px solid #999;"
                            + "border-radius:3px;overflow:hidden\">")
                    .append("<div style=\"width:").append(String.format(Locale.ROOT, "%.2f", 100 * bar.fraction()))
                    .append("%;height:100%;background-color:").append(colour(bar.state())).append("\"></div></div>");
            text.append(bar.percent()).append("% ");
        }
        text.append(bar.countText()).append(' ').append(bar.timesText());
        if (bar.state() == ProgressSnapshot.State.INTERRUPTED) {
            text.append(" interrupted");
        }
        html.append("<span>").append(escape(text.toString())).append("</span></div>");
        return html.toString();
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
