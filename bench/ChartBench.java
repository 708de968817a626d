import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import jdlab.api.MimeBundle;
import jdlab.display.plotly.FigureRenderer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Figure;

/**
 * What showing a chart of 100,000 points costs: jdlab's Plotly renderer (JSON and offline HTML)
 * beside Tablesaw's own {@code figure.asJavascript(div)}, in time and output size, and what the
 * first chart of a session (which carries plotly.js) and every later one add to a saved notebook.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}:
 * {@code java -XX:+UseSerialGC -cp install/target/jdlab.jar bench/ChartBench.java}
 */
public class ChartBench {

    private static final int POINTS = 100_000;
    private static final int WARM_UP = 5;
    private static final int RUNS = 21;

    private record Result(double millis, long bytes) { }

    public static void main(String[] args) {
        Figure figure = scatter();
        FigureRenderer renderer = new FigureRenderer();
        System.out.printf("%,d points in 3 traces; median of %d runs after %d warm-up runs; Java %s, %d cores%n%n",
                POINTS, RUNS, WARM_UP, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-40s %12s %14s%n", "", "time", "output");
        Result first = once("jdlab first chart: JSON + HTML with plotly.js", () -> render(renderer, figure, List.of()));
        Result json = measure("jdlab Plotly JSON only", () -> render(renderer, figure,
                List.of("application/vnd.plotly.v1+json")));
        // The first figure drawn owns plotly.js (and keeps it on redraws); another figure does not carry it.
        Figure second = scatter();
        Result later = measure("jdlab later chart: JSON + HTML", () -> render(renderer, second, List.of()));
        Result tablesaw = measure("Tablesaw figure.asJavascript(div)", () -> figure.asJavascript("chart"));
        System.out.printf("%n%-40s %11.2fx %13.2fx%n", "Tablesaw JavaScript / jdlab JSON", tablesaw.millis / json.millis,
                (double) tablesaw.bytes / json.bytes);
        System.out.printf("%-40s %,12d B%n", "plotly.js carried by the first chart", first.bytes - later.bytes);
        System.out.printf("%-40s %,12d B (%.2f of the first)%n", "a later chart adds", later.bytes,
                (double) later.bytes / first.bytes);
    }

    private static String render(FigureRenderer renderer, Figure figure, List<String> wanted) {
        MimeBundle bundle = new MimeBundle(wanted);
        renderer.render(figure, bundle);
        StringBuilder out = new StringBuilder();
        bundle.data().values().forEach(value -> out.append(value instanceof String s ? s : com.google.gson.JsonParser
                .parseString(new com.google.gson.Gson().toJson(value)).toString()));
        return out.toString();
    }

    private static Result measure(String name, Supplier<String> work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.get();
        }
        double[] millis = new double[RUNS];
        long bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            String out = work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
            bytes = out.getBytes(StandardCharsets.UTF_8).length;
        }
        Arrays.sort(millis);
        return report(name, new Result(millis[RUNS / 2], bytes));
    }

    private static Result once(String name, Supplier<String> work) {
        long start = System.nanoTime();
        String out = work.get();
        return report(name + " (1 run)", new Result((System.nanoTime() - start) / 1e6,
                out.getBytes(StandardCharsets.UTF_8).length));
    }

    private static Result report(String name, Result result) {
        System.out.printf("%-40s %9.2f ms %,12d B%n", name, result.millis, result.bytes);
        return result;
    }

    private static Figure scatter() {
        DoubleColumn x = DoubleColumn.create("flipper_length_mm", IntStream.range(0, POINTS).mapToDouble(i -> 170 + (i * 7919 % 6000) / 100.0));
        DoubleColumn y = DoubleColumn.create("body_mass_g", IntStream.range(0, POINTS).mapToDouble(i -> 2700 + (i * 104729 % 36000) / 10.0));
        StringColumn species = StringColumn.create("species",
                IntStream.range(0, POINTS).mapToObj(i -> List.of("Adelie", "Gentoo", "Chinstrap").get(i % 3)).toArray(String[]::new));
        return ScatterPlot.create("100,000 penguins", Table.create("points", x, y, species),
                "flipper_length_mm", "body_mass_g", "species");
    }
}
