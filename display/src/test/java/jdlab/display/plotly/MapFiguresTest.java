package jdlab.display.plotly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdlab.api.MimeBundle;
import jdlab.display.Golden;
import org.junit.jupiter.api.Test;

class MapFiguresTest {

    private static Map<String, Object> barFigure() {
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("type", "bar");
        trace.put("x", List.of("train", "test"));
        trace.put("y", new double[] {0.91, Double.NaN});
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", "Accuracy");
        layout.put("yaxis", Map.of("title", "share"));
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", List.of(trace));
        figure.put("layout", layout);
        return figure;
    }

    @Test
    void aMapWithDataTracesIsAFigure() {
        Golden.assertMatches("plotly/map-figure.json", Json.pretty(MapFigures.figure(barFigure()).orElseThrow()));
    }

    @Test
    void titlesGivenAsTextBecomeObjects() {
        Map<?, ?> layout = (Map<?, ?>) MapFigures.figure(barFigure()).orElseThrow().get("layout");
        assertEquals(Map.of("text", "Accuracy"), layout.get("title"));
        assertEquals(Map.of("text", "share"), ((Map<?, ?>) layout.get("yaxis")).get("title"));
    }

    @Test
    void otherMapsAreNotFigures() {
        assertFalse(MapFigures.isFigure(Map.of("data", 1)));
        assertFalse(MapFigures.isFigure(Map.of("data", List.of(1, 2))));
        assertFalse(MapFigures.isFigure(Map.of("data", List.of(), "rows", 3)));
        assertFalse(MapFigures.isFigure(Map.of("layout", Map.of())));
        assertTrue(MapFigures.isFigure(Map.of("data", List.of(Map.of("y", List.of(1))))));
    }

    @Test
    void theRendererLeavesOtherMapsToPlainText() {
        MimeBundle bundle = new MimeBundle();
        new MapFigureRenderer().render(Map.of("a", 1), bundle);
        assertTrue(bundle.data().isEmpty());
    }
}
