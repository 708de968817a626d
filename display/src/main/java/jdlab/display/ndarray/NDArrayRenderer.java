package jdlab.display.ndarray;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;
import org.apache.commons.text.StringEscapeUtils;

/**
 * An {@code NDArray} as DJL prints it (shape, type, device, then a view cut to 10 rows and 20 columns
 * a level, as NumPy cuts its own), and as an HTML table when it is a matrix of at most 20 × 20.
 */
public final class NDArrayRenderer implements Renderer<NDArray> {

    private static final int MAX_SIZE = 1000;
    private static final int MAX_DEPTH = 10;
    private static final int MAX_ROWS = 10;
    private static final int MAX_COLUMNS = 20;
    private static final int HTML_SIDE = 20;

    @Override
    public String type() {
        return "ai.djl.ndarray.NDArray";
    }

    @Override
    public void render(NDArray array, MimeBundle bundle) {
        bundle.put("text/plain", array.toDebugString(MAX_SIZE, MAX_DEPTH, MAX_ROWS, MAX_COLUMNS, true).strip());
        Shape shape = array.getShape();
        if (bundle.wants("text/html") && shape.dimension() == 2 && shape.get(0) <= HTML_SIDE && shape.get(1) <= HTML_SIDE
                && (array.getDataType().isFloating() || array.getDataType().isInteger())) {
            bundle.put("text/html", table(array, shape));
        }
    }

    private static String table(NDArray array, Shape shape) {
        double[] values = array.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        int columns = (int) shape.get(1);
        StringBuilder html = new StringBuilder("<table class=\"jdlab-ndarray\"><caption>")
                .append(StringEscapeUtils.escapeHtml4(heading(array))).append("</caption><tbody>");
        for (int row = 0; row < shape.get(0); row++) {
            html.append("<tr>");
            for (int column = 0; column < columns; column++) {
                html.append("<td style=\"text-align:right\">").append(number(values[row * columns + column])).append("</td>");
            }
            html.append("</tr>");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String heading(NDArray array) {
        return "ND: " + array.getShape() + " " + array.getDevice() + " " + array.getDataType();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format("%.4g", value);
    }
}
