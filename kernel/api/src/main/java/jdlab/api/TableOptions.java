package jdlab.api;

/**
 * The session's table limits, which every table shown from then on follows unless its display says
 * otherwise ({@link Display#table(Object)}).
 *
 * <p>Got with {@link Display#tableOptions()}; setters check their value, apply at once and return
 * this object, so they chain: {@code tableOptions().maxRows(40).maxColumns(30)}. Evaluated as a
 * cell's last expression, it shows the limits in effect.
 */
public final class TableOptions {

    private volatile TableLimits limits = TableLimits.DEFAULTS;

    TableOptions() {
    }

    /** Shows at most this many rows of a table: the first half and the last half. */
    public TableOptions maxRows(int rows) {
        limits = limits.withMaxRows(rows);
        return this;
    }

    /** Shows at most this many columns of a table: the first half and the last half. */
    public TableOptions maxColumns(int columns) {
        limits = limits.withMaxColumns(columns);
        return this;
    }

    /** Cuts cells longer than this many characters, ending them with {@code …}. */
    public TableOptions maxCellWidth(int characters) {
        limits = limits.withMaxCellWidth(characters);
        return this;
    }

    /** Goes back to {@link TableLimits#DEFAULTS}. */
    public TableOptions reset() {
        limits = TableLimits.DEFAULTS;
        return this;
    }

    /** The limits in effect now. */
    public TableLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        TableLimits now = limits;
        return "tableOptions().maxRows(" + now.maxRows() + ").maxColumns(" + now.maxColumns() + ").maxCellWidth("
                + now.maxCellWidth() + ")";
    }
}
