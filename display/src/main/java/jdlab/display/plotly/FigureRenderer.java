package jdlab.display.plotly;

import jdlab.api.MimeBundle;
import jdlab.display.Renderer;
import tech.tablesaw.plotly.components.Figure;

/** Draws Tablesaw's figures ({@code ScatterPlot.create(...)} and the like) as Plotly JSON and offline HTML. */
public final class FigureRenderer implements Renderer<Figure> {

    @Override
    public String type() {
        return "tech.tablesaw.plotly.components.Figure";
    }

    @Override
    public void render(Figure figure, MimeBundle bundle) {
        PlotlyHtml.SESSION.draw(bundle, TablesawFigures.figure(figure), figure, true);
    }
}
