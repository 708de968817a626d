import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import jdlab.api.MimeBundle;
import jdlab.display.plotly.FigureRenderer;
import jdlab.display.table.TableRenderer;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.ScatterPlot;
import tech.tablesaw.plotly.components.Figure;

/**
 * What showing a table of a million rows costs: jdlab's table renderer (HTML and text, then text
 * alone) beside Tablesaw's own {@code table.print()}, in time and output size, with their ratio.
 * Then a chart of 100,000 points: jdlab's Plotly renderer (JSON, and offline HTML) beside
 * Tablesaw's own {@code figure.asJavascript(div)}, and what the session's first chart (which
 * carries plotly.js) and a later one add to a saved notebook.
 * Tablesaw's {@code HtmlWriter} is in tablesaw-html, which the kernel does not lend; the bench says
 * so when it is absent. With {@code --all} it adds {@code printAll()}, what writing every row costs.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}:
 * {@code java -XX:+UseSerialGC -cp install/target/jdlab.jar bench/DisplayBench.java}
 */
public class DisplayBench {

    private static final int ROWS = 1_000_000;
    private static final int POINTS = 100_000;

    public static void main(String[] args) {
        Table table = million();
        TableRenderer renderer = new TableRenderer();
        System.out.printf("%,d rows × %d columns; median of %d runs after %d warm-up runs; Java %s, %d cores%n%n",
                table.rowCount(), table.columnCount(), RUNS, WARM_UP, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-34s %12s %14s%n", "", "time", "output");
        measureOnce("jdlab HTML + text, first call", () -> {
            MimeBundle bundle = new MimeBundle();
            renderer.render(table, bundle);
            return bundle.data().get("text/html") + "" + bundle.data().get("text/plain");
        });
        Result both = measure("jdlab HTML + text", () -> {
            MimeBundle bundle = new MimeBundle();
            renderer.render(table, bundle);
            return bundle.data().get("text/html") + "" + bundle.data().get("text/plain");
        });
        Result text = measure("jdlab text/plain", () -> {
            MimeBundle bundle = new MimeBundle(List.of("text/plain"));
            renderer.render(table, bundle);
            return (String) bundle.data().get("text/plain");
        });
        Result print = measure("Tablesaw table.print()", table::print);
        System.out.printf("%-34s %11.1fx %13.1fx%n", "print() / jdlab text", print.millis / text.millis,
                (double) print.bytes / text.bytes);
        try {
            Class.forName("tech.tablesaw.io.html.HtmlWriter");
            System.out.println("tech.tablesaw.io.html.HtmlWriter is on the class path but not measured");
        } catch (ClassNotFoundException e) {
            System.out.println("Tablesaw's HtmlWriter: not on the class path (tablesaw-html is not lent to cells)");
        }
        if (Arrays.asList(args).contains("--all")) {
            Result all = measureOnce("Tablesaw table.printAll()", table::printAll);
            System.out.printf("%-34s %11.0fx %13.0fx%n", "printAll() / jdlab text", all.millis / text.millis,
                    (double) all.bytes / text.bytes);
        }
        charts();
    }

    private static final int CHART_WARM_UP = 5;
    private static final int CHART_RUNS = 21;

    private static void charts() {
        FigureRenderer renderer = new FigureRenderer();
        Figure figure = scatter();
        System.out.printf("%n%,d points in 3 traces; median of %d runs after %d warm-up runs%n%n", POINTS, CHART_RUNS,
                CHART_WARM_UP);
        Result first = measureOnce("jdlab first chart, with plotly.js", () -> chart(renderer, figure, List.of()));
        Result json = measure("jdlab Plotly JSON", CHART_WARM_UP, CHART_RUNS,
                () -> chart(renderer, figure, List.of("application/vnd.plotly.v1+json")));
        // The first figure drawn owns plotly.js (and keeps it on redraws); another one does not carry it.
        Figure second = scatter();
        Result later = measure("jdlab later chart, JSON + HTML", CHART_WARM_UP, CHART_RUNS,
                () -> chart(renderer, second, List.of()));
        Result tablesaw = measure("Tablesaw figure.asJavascript(div)", CHART_WARM_UP, CHART_RUNS,
                () -> figure.asJavascript("chart"));
        System.out.printf("%-34s %11.2fx %13.2fx%n", "Tablesaw JavaScript / jdlab JSON", tablesaw.millis / json.millis,
                (double) tablesaw.bytes / json.bytes);
        System.out.printf("%-34s %,26d B%n", "plotly.js carried by the first", first.bytes - later.bytes);
        System.out.printf("%-34s %,26d B (%.2f of the first)%n", "a later chart adds", later.bytes,
                (double) later.bytes / first.bytes);
    }

    // What the notebook saves of a chart: each representation as text, the JSON object serialized.
    private static String chart(FigureRenderer renderer, Figure figure, List<String> wanted) {
        MimeBundle bundle = new MimeBundle(wanted);
        renderer.render(figure, bundle);
        StringBuilder out = new StringBuilder();
        bundle.data().values().forEach(value -> out.append(value instanceof String s ? s : new com.google.gson.Gson().toJson(value)));
        return out.toString();
    }

    private static Figure scatter() {
        DoubleColumn x = DoubleColumn.create("flipper_length_mm", IntStream.range(0, POINTS).mapToDouble(i -> 170 + (i * 7919 % 6000) / 100.0));
        DoubleColumn y = DoubleColumn.create("body_mass_g", IntStream.range(0, POINTS).mapToDouble(i -> 2700 + (i * 104729 % 36000) / 10.0));
        StringColumn species = StringColumn.create("species",
                IntStream.range(0, POINTS).mapToObj(i -> List.of("Adelie", "Gentoo", "Chinstrap").get(i % 3)).toArray(String[]::new));
        return ScatterPlot.create("100,000 penguins", Table.create("points", x, y, species),
                "flipper_length_mm", "body_mass_g", "species");
    }

    private static final int WARM_UP = 20;
    private static final int RUNS = 50;

    private record Result(double millis, long bytes) {
    }

    private static Result measure(String name, Supplier<String> render) {
        return measure(name, WARM_UP, RUNS, render);
    }

    private static Result measure(String name, int warmUp, int runs, Supplier<String> render) {
        for (int i = 0; i < warmUp; i++) {
            render.get();
        }
        double[] millis = new double[runs];
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            String out = render.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
            bytes = out.getBytes(StandardCharsets.UTF_8).length;
        }
        Arrays.sort(millis);
        return report(name, new Result(millis[runs / 2], bytes));
    }

    private static Result measureOnce(String name, Supplier<String> render) {
        long start = System.nanoTime();
        String out = render.get();
        return report(name + " (1 run)", new Result((System.nanoTime() - start) / 1e6, out.getBytes(StandardCharsets.UTF_8).length));
    }

    private static Result report(String name, Result result) {
        System.out.printf("%-34s %9.3f ms %,12d B%n", name, result.millis, result.bytes);
        return result;
    }

    /** Four columns of the kinds notebooks hold, one in fifty cells missing. */
    private static Table million() {
        DoubleColumn mass = DoubleColumn.create("body_mass_g", IntStream.range(0, ROWS).mapToDouble(i -> 2700 + i % 3600).toArray());
        IntColumn year = IntColumn.create("year", IntStream.range(0, ROWS).map(i -> 2007 + i % 3).toArray());
        StringColumn species = StringColumn.create("species",
                IntStream.range(0, ROWS).mapToObj(i -> List.of("Adelie", "Gentoo", "Chinstrap").get(i % 3)).toArray(String[]::new));
        DateColumn seen = DateColumn.create("seen", IntStream.range(0, ROWS).mapToObj(i -> LocalDate.of(2007, 1, 1).plusDays(i % 1000)));
        for (int i = 0; i < ROWS; i += 50) {
            mass.setMissing(i + 3);
        }
        return Table.create("million", IntColumn.indexColumn("id", ROWS, 0), species, mass, year, seen);
    }
}
