package jdlab.display.plotly;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jdlab.api.MimeBundle;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Draws Plotly figures as MIME bundles: the JSON object, and HTML that draws it with the plotly.js
 * shipped in this jar, with no network.
 *
 * <p>plotly.js is 4.5 MB, so it travels once per notebook page, not once per chart: the first chart
 * of a kernel session (its <em>owner</em>) carries the library in a script guarded to define
 * {@code window.Plotly} once; later charts carry only their data and wait for {@code Plotly}
 * (which the owner's output, earlier on the page, defines). A saved notebook keeps the owner's
 * output, so the page reopened, or exported with {@code jupyter nbconvert --to html}, draws every
 * chart offline. A new kernel session starts over: its first chart carries the library again.
 * An owner redrawn in place (a live chart) carries it on its first and its last drawing only: the
 * page keeps {@code Plotly} in between, and the saved notebook keeps the last.
 *
 * <p>A front end that does not trust the notebook (one someone else ran) strips the scripts, so the
 * chart's div holds a note, which its script removes as it runs, saying what the chart is and how
 * to see it.
 */
final class PlotlyHtml {

    static final String PLOTLY_JSON = "application/vnd.plotly.v1+json";
    static final String OFFLINE_TOPOJSON = "topojson/";
    static final String NOT_DRAWN = "not drawn: trust the notebook (File → Trust Notebook) to see it";

    /** The kernel session's page state: one kernel process serves one notebook session. */
    static final PlotlyHtml SESSION = new PlotlyHtml(PlotlyHtml::bundledLibrary,
            new Supplier<>() {
                private final String session = UUID.randomUUID().toString().substring(0, 8);
                private final AtomicLong count = new AtomicLong();

                @Override
                public String get() {
                    return "jdlab-plotly-" + session + "-" + count.incrementAndGet();
                }
            });

    private static volatile String library;

    private final Supplier<String> libraryText;
    private final Supplier<String> divIds;
    private WeakReference<Object> owner;
    private boolean ownerDrawn;

    PlotlyHtml(Supplier<String> libraryText, Supplier<String> divIds) {
        this.libraryText = libraryText;
        this.divIds = divIds;
    }

    /**
     * Puts a figure's representations the bundle wants into it.
     *
     * @param source the value drawn: the first one drawn as HTML carries plotly.js
     * @param last whether this drawing is the source's last (always, but for a live chart still open)
     */
    void draw(MimeBundle bundle, Map<String, Object> figure, Object source, boolean last) {
        if (bundle.wants(PLOTLY_JSON)) {
            bundle.put(PLOTLY_JSON, figure);
        }
        if (bundle.wants("text/html")) {
            bundle.put("text/html", html(figure, source, last));
        }
        bundle.put("text/plain", summary(figure));
    }

    /** The figure's HTML: a div and the script that draws it, after plotly.js when this drawing carries it. */
    String html(Map<String, Object> figure, Object source, boolean last) {
        String id = divIds.get();
        StringBuilder html = new StringBuilder();
        html.append("<div id=\"").append(id).append("\" class=\"jdlab-plotly\"><p class=\"jdlab-not-drawn\">")
                .append(StringEscapeUtils.escapeHtml4(summary(figure))).append(" \u2014 ").append(NOT_DRAWN)
                .append("</p></div>\n");
        if (carriesLibrary(source, last)) {
            // plotly.js defines an AMD module where RequireJS is loaded; hiding define, exports and
            // module makes it set window.Plotly everywhere.
            // Its one default that reaches for a CDN, where geo charts fetch map outlines, is pointed at
            // the page's own folder instead: nothing a chart draws asks the network.
            html.append("<script type=\"text/javascript\">if (!window.Plotly) { (function (define, exports, module) {\n")
                    .append(libraryText.get())
                    .append("\n}).call(window);\nwindow.Plotly.setPlotConfig({topojsonURL: \"").append(OFFLINE_TOPOJSON)
                    .append("\"}); }</script>\n");
        }
        html.append("<script type=\"text/javascript\">(function () {\n")
                .append("  var figure = ").append(Json.write(figure)).append(";\n")
                .append("  var tries = 0;\n")
                .append("  function draw() {\n")
                .append("    var div = document.getElementById(\"").append(id).append("\");\n")
                .append("    if (!div) { return; }\n")
                .append("    var note = div.querySelector(\".jdlab-not-drawn\");\n")
                .append("    if (note) { note.remove(); }\n")
                .append("    if (window.Plotly) { window.Plotly.newPlot(div, figure.data, figure.layout, figure.config); return; }\n")
                .append("    if (++tries < 200) { setTimeout(draw, 50); return; }\n")
                .append("    div.textContent = \"plotly.js is not on this page: it comes with the kernel session's first chart."
                        + " Restart the kernel and run all cells to draw this one.\";\n")
                .append("  }\n")
                .append("  draw();\n")
                .append("})();</script>\n");
        return html.toString();
    }

    private synchronized boolean carriesLibrary(Object source, boolean last) {
        if (owner == null) {
            owner = new WeakReference<>(source);
            ownerDrawn = true;
            return true;
        }
        if (owner.get() != source) {
            return false;
        }
        boolean first = !ownerDrawn;
        ownerDrawn = true;
        return first || last;
    }

    private static String summary(Map<String, Object> figure) {
        List<?> data = (List<?>) figure.get("data");
        Object title = figure.get("layout") instanceof Map<?, ?> layout && layout.get("title") instanceof Map<?, ?> t
                ? t.get("text") : null;
        String types = data.stream()
                .map(trace -> String.valueOf(((Map<?, ?>) trace).get("type") == null ? "scatter" : ((Map<?, ?>) trace).get("type")))
                .collect(Collectors.joining(", "));
        return "Plotly figure" + (title == null ? "" : " \"" + title + "\"") + ": " + data.size()
                + (data.size() == 1 ? " trace" : " traces") + (data.isEmpty() ? "" : " (" + types + ")");
    }

    /** The plotly.js shipped in this jar, read once. */
    static String bundledLibrary() {
        String text = library;
        if (text == null) {
            try (InputStream in = PlotlyHtml.class.getResourceAsStream("plotly.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("plotly.min.js is missing from jdlab's display jar; rebuild it with mvn package");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            library = text;
        }
        return text;
    }
}
