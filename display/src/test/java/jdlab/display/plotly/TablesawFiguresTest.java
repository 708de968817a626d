package jdlab.display.plotly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import jdlab.display.Golden;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.BoxPlot;
import tech.tablesaw.plotly.api.Histogram;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.traces.ScatterTrace;

class TablesawFiguresTest {

    private static final Table PENGUINS = Table.create("penguins",
            StringColumn.create("species", "Adelie", "Adelie", "Gentoo", "Gentoo", "Chinstrap", "Chinstrap"),
            DoubleColumn.create("bill", 39.1, 40.3, 47.5, 49.0, 46.5, 50.0),
            DoubleColumn.create("mass", 3750, 3250, 5200, 5700, 3500, 3900));

    private static String json(Figure figure) {
        return Json.pretty(TablesawFigures.figure(figure));
    }

    @Test
    void aScatterByGroupHasOneTracePerGroup() {
        Golden.assertMatches("plotly/scatter-by-group.json",
                json(ScatterPlot.create("Bill and mass", PENGUINS, "bill", "mass", "species")));
    }

    @Test
    void aHistogramHoldsItsValuesNotItsBins() {
        Golden.assertMatches("plotly/histogram.json", json(Histogram.create("Mass", PENGUINS, "mass")));
    }

    @Test
    void aBoxPlotHasItsGroupsAsX() {
        Golden.assertMatches("plotly/box.json", json(BoxPlot.create("Mass by species", PENGUINS, "species", "mass")));
    }

    @Test
    void titlesAreObjectsWithText() {
        Layout layout = Layout.builder("Fuel")
                .xAxis(Axis.builder().title("miles").build())
                .yAxis(Axis.builder().title("gallons").build())
                .build();
        Map<String, Object> figure = TablesawFigures.figure(
                new Figure(layout, ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build()));
        Map<?, ?> json = (Map<?, ?>) figure.get("layout");
        assertEquals(Map.of("text", "Fuel"), json.get("title"));
        assertEquals(Map.of("text", "miles"), ((Map<?, ?>) json.get("xaxis")).get("title"));
        assertEquals(Map.of("text", "gallons"), ((Map<?, ?>) json.get("yaxis")).get("title"));
    }

    @Test
    void notANumberBecomesNullForPlotlysGaps() {
        Map<String, Object> figure = TablesawFigures.figure(
                new Figure(ScatterTrace.builder(new double[] {1, 2}, new double[] {Double.NaN, 4}).build()));
        Map<?, ?> trace = (Map<?, ?>) ((List<?>) figure.get("data")).get(0);
        assertEquals(java.util.Arrays.asList(null, 4.0), trace.get("y"));
    }
}
