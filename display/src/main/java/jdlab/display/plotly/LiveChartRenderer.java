package jdlab.display.plotly;

import jdlab.api.LiveChart;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;

/** Draws a {@link LiveChart} as it stands, at each of its redraws. */
public final class LiveChartRenderer implements Renderer<LiveChart> {

    @Override
    public String type() {
        return "jdlab.api.LiveChart";
    }

    @Override
    public void render(LiveChart chart, MimeBundle bundle) {
        boolean last = chart.isClosed();
        MapFigures.figure(chart.figure()).ifPresent(figure -> PlotlyHtml.SESSION.draw(bundle, figure, chart, last));
        bundle.put("text/plain", chart.toString());
    }
}
