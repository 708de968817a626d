package jdlab.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A Tablesaw table, slice or column together with the limits of one display of it; the value of
 * {@link Display#table(Object)}.
 *
 * <p>Immutable: each setter returns a new view, so {@code display(table(t).maxRows(100))} changes
 * nothing for the next display. A limit not set here is the session's ({@link Display#tableOptions()})
 * at the time the view is shown.
 */
public final class TableView {

    private static final List<String> SHOWN_TYPES = List.of("tech.tablesaw.table.Relation", "tech.tablesaw.columns.Column");

    private final Object value;
    private final Integer maxRows;
    private final Integer maxColumns;
    private final Integer maxCellWidth;

    private TableView(Object value, Integer maxRows, Integer maxColumns, Integer maxCellWidth) {
        this.value = value;
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
        this.maxCellWidth = maxCellWidth;
    }

    /**
     * A view of a Tablesaw {@code Table}, another {@code Relation} (a {@code TableSlice}) or a {@code Column}.
     *
     * @throws IllegalArgumentException for anything else
     */
    static TableView of(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("table(...) needs a Tablesaw Table or Column, not null");
        }
        if (!isShown(value.getClass())) {
            throw new IllegalArgumentException("table(...) takes a Tablesaw Table, TableSlice or Column, not a "
                    + value.getClass().getName() + "; display(value) shows other values");
        }
        return new TableView(value, null, null, null);
    }

    // By name, because this API does not depend on Tablesaw, and a user's own copy of it has other classes.
    private static boolean isShown(Class<?> type) {
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(type));
        while (!todo.isEmpty()) {
            Class<?> c = todo.removeFirst();
            if (SHOWN_TYPES.contains(c.getName())) {
                return true;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }

    /** This view showing at most this many rows: the first half and the last half. */
    public TableView maxRows(int rows) {
        TableLimits.DEFAULTS.withMaxRows(rows); // checks it now, on the line that set it
        return new TableView(value, rows, maxColumns, maxCellWidth);
    }

    /** This view showing at most this many columns: the first half and the last half. */
    public TableView maxColumns(int columns) {
        TableLimits.DEFAULTS.withMaxColumns(columns);
        return new TableView(value, maxRows, columns, maxCellWidth);
    }

    /** This view cutting cells longer than this many characters. */
    public TableView maxCellWidth(int characters) {
        TableLimits.DEFAULTS.withMaxCellWidth(characters);
        return new TableView(value, maxRows, maxColumns, characters);
    }

    /** The table, slice or column shown. */
    public Object value() {
        return value;
    }

    /** The limits of this view: its own where set, the session's now for the others. */
    public TableLimits limits() {
        TableLimits session = Display.tableOptions().limits();
        return new TableLimits(Objects.requireNonNullElse(maxRows, session.maxRows()),
                Objects.requireNonNullElse(maxColumns, session.maxColumns()),
                Objects.requireNonNullElse(maxCellWidth, session.maxCellWidth()));
    }

    @Override
    public String toString() {
        TableLimits limits = limits();
        return "table(" + value.getClass().getSimpleName() + ").maxRows(" + limits.maxRows() + ").maxColumns("
                + limits.maxColumns() + ").maxCellWidth(" + limits.maxCellWidth() + ")";
    }
}
