package jdlab.display.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import jdlab.api.Display;
import jdlab.api.MimeBundle;
import jdlab.display.Golden;
import jdlab.display.RendererRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.TableSlice;

class TableRendererTest {

    @AfterEach
    void resetSessionOptions() {
        Display.tableOptions().reset();
    }

    static Table small() {
        return Table.create("birds",
                StringColumn.create("species", "Adelie", "Gentoo", "Chinstrap"),
                DoubleColumn.create("bill_mm", 39.1, 46.5, 49.0),
                IntColumn.create("year", 2007, 2008, 2009),
                BooleanColumn.create("tagged", true, false, true),
                DateColumn.create("seen", LocalDate.of(2007, 11, 11), LocalDate.of(2008, 1, 2), LocalDate.of(2009, 12, 31)));
    }

    static Table numbered(String name, int rows, int columns) {
        Table table = Table.create(name);
        for (int c = 0; c < columns; c++) {
            int column = c;
            table.addColumns(IntColumn.create("c" + c, IntStream.range(0, rows).map(r -> r * 100 + column).toArray()));
        }
        return table;
    }

    private static MimeBundle render(Object value) {
        MimeBundle bundle = new MimeBundle();
        if (value instanceof Column<?> column) {
            new ColumnRenderer().render(column, bundle);
        } else {
            new TableRenderer().render((Table) value, bundle);
        }
        return bundle;
    }

    private static void assertGolden(String name, Object value) {
        MimeBundle bundle = render(value);
        Golden.assertMatches("table/" + name + ".html", (String) bundle.data().get("text/html"));
        Golden.assertMatches("table/" + name + ".txt", (String) bundle.data().get("text/plain"));
    }

    @Test
    void showsASmallTableWholeWithTypesUnderNamesAndItsShape() {
        assertGolden("small", small());
        assertTrue(((String) render(small()).data().get("text/plain")).endsWith("3 rows × 5 columns\n"));
    }

    @Test
    void elidesTheMiddleColumnsOfAWideTable() {
        assertGolden("wide", numbered("wide", 3, 30));
    }

    @Test
    void showsHeadAndTailWhenRowsExceedLimit() {
        assertGolden("long", numbered("long", 100, 3));
    }

    @Test
    void escapesEveryTextInHtml() {
        Table table = Table.create("<b>name</b>",
                StringColumn.create("<script>alert(1)</script>", "<script>alert('x')</script>", "a & b \"quoted\""));
        assertGolden("escaping", table);
        assertFalse(((String) render(table).data().get("text/html")).contains("<script>"));
    }

    @Test
    void showsMissingValuesApartFromText() {
        Table table = Table.create("gaps",
                StringColumn.create("name", "Adelie", null, "NA"),
                DoubleColumn.create("mass", 3750.0, Double.NaN, 3250.0),
                IntColumn.create("year", 2007, 2008, 2009));
        table.intColumn("year").setMissing(1);
        assertGolden("missing", table);
    }

    @Test
    void cutsLongCellsWithAnEllipsis() {
        Table table = Table.create("long cells", StringColumn.create("text", "x".repeat(80), "short"));
        String text = (String) render(table).data().get("text/plain");
        assertTrue(text.contains("x".repeat(49) + "…\n"), text);
        assertFalse(text.contains("x".repeat(50)), text);
    }

    @Test
    void showsDoublesToSixSignificantDigitsUnlessTheColumnHasItsOwnFormat() {
        DoubleColumn own = DoubleColumn.create("own", 7.137499999999999);
        own.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(2));
        Table table = Table.create("t", DoubleColumn.create("mean", 7.137499999999999), own);
        String html = (String) render(table).data().get("text/html");
        assertTrue(html.contains("<td>7.1375</td><td>7.14</td>"), html);
        String text = (String) render(table).data().get("text/plain");
        assertTrue(text.contains("\n0  7.1375    7.14\n"), text);
    }

    @Test
    void drawsAColumnAsATableOfOneColumn() {
        assertGolden("column", small().doubleColumn("bill_mm"));
    }

    @Test
    void drawsASummaryWhichIsATable() {
        assertGolden("summary", small().summary());
    }

    @Test
    void drawsASliceFromItsTablesRows() {
        Table table = numbered("sliced", 100, 2);
        MimeBundle bundle = new MimeBundle();
        new TableRenderer().render(new TableSlice(table, table.intColumn("c0").isGreaterThanOrEqualTo(9000)), bundle);
        String text = (String) bundle.data().get("text/plain");
        assertTrue(text.startsWith("sliced\n"), text);
        assertTrue(text.contains("\n90     9000     9001\n91 "), text);
        assertTrue(text.endsWith("\n10 rows × 2 columns\n"), text);
    }

    @Test
    void theRegisteredRenderersDrawTablesColumnsAndViews() {
        RendererRegistry registry = new RendererRegistry();
        for (Object value : List.of(small(), small().column(0), Display.table(small()))) {
            MimeBundle bundle = new MimeBundle();
            registry.format(value, bundle);
            assertTrue(((String) bundle.data().get("text/html")).contains("3 rows × "), value.getClass().getName());
        }
    }

    @Test
    void computesOnlyTheTypesWanted() {
        MimeBundle bundle = new MimeBundle(List.of("image/png"));
        new TableRenderer().render(small(), bundle);
        assertEquals(List.of("text/plain"), List.copyOf(bundle.data().keySet()));
    }

    @Test
    void sessionOptionsChangeTheNextDisplay() {
        Display.tableOptions().maxRows(4).maxColumns(2);
        String text = (String) render(numbered("t", 100, 5)).data().get("text/plain");
        assertTrue(text.contains("\n 1      100  …      104\n …        …  …        …\n98     9800  …     9804\n"), text);
        assertTrue(text.contains("; showing 4 rows and 2 columns, more with table(t).maxRows(n).maxColumns(n)"), text);
    }

    @Test
    void aDisplaysOwnLimitsWinOverTheSessions() {
        Display.tableOptions().maxRows(4);
        MimeBundle bundle = new MimeBundle();
        new TableViewRenderer().render(Display.table(numbered("t", 100, 1)).maxRows(6), bundle);
        String text = (String) bundle.data().get("text/plain");
        assertTrue(text.contains("showing 6 rows"), text);
        assertTrue(text.contains("\n 2      200\n …        …\n97     9700\n"), text);
    }

    @Test
    void aViewOfAColumnShowsTheColumn() {
        MimeBundle bundle = new MimeBundle();
        new TableViewRenderer().render(Display.table(small().stringColumn("species")).maxCellWidth(4), bundle);
        assertTrue(((String) bundle.data().get("text/plain")).contains("\n2  Chi…\n"), bundle.data().toString());
    }

    @Test
    void aMillionRowTableRendersFastAndSmall() {
        Table table = Table.create("million", IntColumn.indexColumn("id", 1_000_000, 0),
                DoubleColumn.create("x", IntStream.range(0, 1_000_000).mapToDouble(i -> i * 0.5).toArray()),
                StringColumn.create("s", IntStream.range(0, 1_000_000).mapToObj(i -> "row " + (i % 1000)).toArray(String[]::new)));
        render(table); // the first call loads classes; the figure below is the steady state
        long start = System.nanoTime();
        MimeBundle bundle = render(table);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int size = ((String) bundle.data().get("text/html")).length() + ((String) bundle.data().get("text/plain")).length();
        System.out.printf("1,000,000 rows: %d ms, %,d characters of HTML and text%n", millis, size);
        assertTrue(millis < 1000, millis + " ms");
        assertTrue(size < 10_000, size + " characters");
        assertTrue(((String) bundle.data().get("text/plain")).contains("1,000,000 rows × 3 columns"));
    }
}
