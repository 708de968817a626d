package jdlab.display.plotly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import jdlab.api.MimeBundle;
import jdlab.display.Golden;
import org.junit.jupiter.api.Test;

class PlotlyHtmlTest {

    private static final String LIBRARY = "/* plotly.js */";
    private static final Map<String, Object> FIGURE = figure();

    // Ordered maps: Map.of's order changes from run to run, and the golden files compare text.
    private static Map<String, Object> figure() {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "bar");
        trace.put("y", List.of(1, 2));
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", List.of(trace));
        return figure;
    }

    private static PlotlyHtml page() {
        AtomicInteger ids = new AtomicInteger();
        return new PlotlyHtml(() -> LIBRARY, () -> "chart-" + ids.incrementAndGet());
    }

    @Test
    void theFirstChartCarriesPlotlyAndLaterOnesOnlyTheirData() {
        PlotlyHtml page = page();
        Golden.assertMatches("plotly/first-chart.html", page.html(FIGURE, new Object(), true));
        Golden.assertMatches("plotly/second-chart.html", page.html(FIGURE, new Object(), true));
    }

    @Test
    void aChartWhoseScriptDoesNotRunSaysWhatItIsAndHowToSeeIt() {
        Map<String, Object> titled = new LinkedHashMap<>(FIGURE);
        titled.put("layout", Map.of("title", Map.of("text", "a < b")));
        String html = page().html(titled, new Object(), true);
        String untrusted = html.replaceAll("(?s)<script.*?</script>", ""); // as an untrusted notebook's page
        assertEquals("<div id=\"chart-1\" class=\"jdlab-plotly\"><p class=\"jdlab-not-drawn\">Plotly figure"
                + " &quot;a &lt; b&quot;: 1 trace (bar) \u2014 not drawn: trust the notebook (File \u2192 Trust Notebook) to see it"
                + "</p></div>", untrusted.strip());
    }

    @Test
    void theShippedLibrarysOneCdnDefaultIsPointedAtThePageInstead() {
        // plotly.js fetches geo map outlines from cdn.plot.ly unless told otherwise.
        assertTrue(PlotlyHtml.bundledLibrary().contains("dflt:\"https://cdn.plot.ly/\""));
        String html = page().html(FIGURE, new Object(), true);
        assertTrue(html.contains("window.Plotly.setPlotConfig({topojsonURL: \"topojson/\"})"), html);
    }

    @Test
    void theFirstChartCarriesPlotlyEachTimeItIsDrawn() {
        PlotlyHtml page = page();
        Object first = new Object();
        page.html(FIGURE, first, true);
        page.html(FIGURE, new Object(), true);
        assertTrue(page.html(FIGURE, first, true).contains(LIBRARY));
    }

    @Test
    void aLiveChartOwningPlotlyCarriesItOnItsFirstAndLastDrawingsOnly() {
        PlotlyHtml page = page();
        Object live = new Object();
        assertTrue(page.html(FIGURE, live, false).contains(LIBRARY));
        assertFalse(page.html(FIGURE, live, false).contains(LIBRARY));
        assertFalse(page.html(FIGURE, live, false).contains(LIBRARY));
        assertTrue(page.html(FIGURE, live, true).contains(LIBRARY));
    }

    @Test
    void theBundleHasTheFigureAsAnObjectAndAShortPlainText() {
        MimeBundle bundle = new MimeBundle();
        page().draw(bundle, MapFigures.figure(FIGURE).orElseThrow(), FIGURE, true);
        assertTrue(bundle.data().get(PlotlyHtml.PLOTLY_JSON) instanceof Map);
        assertEquals("Plotly figure: 1 trace (bar)", bundle.data().get("text/plain"));
    }

    @Test
    void onlyTheTypesWantedAreMade() {
        MimeBundle bundle = new MimeBundle(List.of(PlotlyHtml.PLOTLY_JSON));
        PlotlyHtml page = page();
        page.draw(bundle, FIGURE, new Object(), true);
        assertFalse(bundle.has("text/html"));
        assertTrue(page.html(FIGURE, new Object(), true).contains(LIBRARY), "a figure not drawn as HTML does not take plotly.js");
    }

    @Test
    void textInAFigureCannotCloseItsScript() {
        String html = page().html(Map.of("data", List.of(Map.of("name", "</script><b>"))), new Object(), true);
        assertFalse(html.contains("</script><b>"));
    }

    @Test
    void theShippedPlotlyIsVersion2AndSafeInsideAScript() {
        String library = PlotlyHtml.bundledLibrary();
        assertTrue(library.contains("plotly.js v2.35.3"));
        assertFalse(library.contains("</script"));
        assertTrue(library.length() > 4_000_000);
    }
}
