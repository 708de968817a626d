import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import jdlab.api.MimeBundle;
import jdlab.display.table.TableRenderer;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What showing a table of a million rows costs: jdlab's table renderer (HTML and text, then text
 * alone) beside Tablesaw's own {@code table.print()}, in time and output size, with their ratio.
 * Tablesaw's {@code HtmlWriter} is in tablesaw-html, which the kernel does not lend; the bench says
 * so when it is absent. With {@code --all} it adds {@code printAll()}, what writing every row costs.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}:
 * {@code java -XX:+UseSerialGC -cp install/target/jdlab.jar bench/DisplayBench.java}
 */
public class DisplayBench {

    private static final int ROWS = 1_000_000;

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
    }

    private static final int WARM_UP = 20;
    private static final int RUNS = 50;

    private record Result(double millis, long bytes) {
    }

    private static Result measure(String name, Supplier<String> render) {
        for (int i = 0; i < WARM_UP; i++) {
            render.get();
        }
        double[] millis = new double[RUNS];
        long bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            String out = render.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
            bytes = out.getBytes(StandardCharsets.UTF_8).length;
        }
        Arrays.sort(millis);
        return report(name, new Result(millis[RUNS / 2], bytes));
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
