package jdlab.display.plotly;

import java.util.Map;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;

/**
 * Draws a figure built from maps, {@code Map.of("data", List.of(Map.of("type", "bar", ...)))}, as
 * Plotly JSON and offline HTML; maps of any other shape are left alone.
 */
public final class MapFigureRenderer implements Renderer<Map<?, ?>> {

    @Override
    public String type() {
        return "java.util.Map";
    }

    @Override
    public void render(Map<?, ?> map, MimeBundle bundle) {
        MapFigures.figure(map).ifPresent(figure -> PlotlyHtml.SESSION.draw(bundle, figure, map, true));
    }
}
