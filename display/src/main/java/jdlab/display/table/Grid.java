package jdlab.display.table;

import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;
import tech.tablesaw.table.TableSlice;

/**
 * Cells of a table read one at a time, by row and column index, so that a layout reads only those it
 * shows.
 */
interface Grid {

    /** The name above the cells, or an empty string. */
    String title();

    int rowCount();

    int columnCount();

    String name(int column);

    /** The column's Tablesaw type, such as {@code DOUBLE}. */
    String type(int column);

    /** Whether the column holds numbers, which line up on the right. */
    boolean numeric(int column);

    /**
     * The cell as Tablesaw formats it, floating point to six significant digits unless its column has
     * its own format, or {@code null} when missing.
     */
    String cell(int row, int column);

    /** The number shown beside a row: its index in the table, for a slice the index in the table sliced. */
    int label(int row);

    /** A table or a slice; a slice's rows are read from its table, not copied. */
    static Grid of(Relation relation) {
        List<Column<?>> columns;
        RowMap rows;
        if (relation instanceof TableSlice slice) {
            columns = slice.getTable().columns(slice.columnNames().toArray(String[]::new));
            rows = slice::mappedRowNumber;
        } else {
            columns = relation.columns();
            rows = row -> row;
        }
        return new Columns(relation.name(), relation.rowCount(), columns, rows);
    }

    /** A column, as a table of one column. */
    static Grid of(Column<?> column) {
        return new Columns("", column.size(), List.of(column), row -> row);
    }

    /** From the row shown to the row of the columns read. */
    interface RowMap {
        int sourceRow(int row);
    }

    /** Columns read in place. */
    record Columns(String title, int rowCount, List<Column<?>> columns, RowMap rows) implements Grid {

        @Override
        public String title() {
            return title == null ? "" : title;
        }

        @Override
        public int columnCount() {
            return columns.size();
        }

        @Override
        public String name(int column) {
            return columns.get(column).name();
        }

        @Override
        public String type(int column) {
            return columns.get(column).type().name();
        }

        @Override
        public boolean numeric(int column) {
            return columns.get(column) instanceof NumericColumn<?>;
        }

        @Override
        public int label(int row) {
            return rows.sourceRow(row);
        }

        @Override
        public String cell(int row, int column) {
            Column<?> c = columns.get(column);
            int source = rows.sourceRow(row);
            return c.isMissing(source) ? null : Decimals.text(c, source);
        }
    }
}
