package jdlab.api;

/**
 * How much of a table one display shows: the rows (first half and last half), the columns (first
 * half and last half) and the characters of one cell.
 *
 * <p>Immutable; every value is checked when the limits are made, so a bad one fails on the line
 * that set it. Cells change them through {@link Display#tableOptions()} (the session) or
 * {@link Display#table(Object)} (one display).
 *
 * @param maxRows the rows shown at most; a longer table shows its first and last rows around a {@code …} row
 * @param maxColumns the columns shown at most; a wider table shows its first and last columns around a {@code …} column
 * @param maxCellWidth the characters of a cell shown at most, the {@code …} that ends a longer one included
 */
public record TableLimits(int maxRows, int maxColumns, int maxCellWidth) {

    /** What a session starts with: 20 rows (10 + 10), 20 columns (10 + 10), 50 characters a cell. */
    public static final TableLimits DEFAULTS = new TableLimits(20, 20, 50);

    /** Checks every limit. */
    public TableLimits {
        atLeast("maxRows", maxRows, 1);
        atLeast("maxColumns", maxColumns, 1);
        atLeast("maxCellWidth", maxCellWidth, 2);
    }

    /** These limits with another number of rows. */
    public TableLimits withMaxRows(int rows) {
        return new TableLimits(rows, maxColumns, maxCellWidth);
    }

    /** These limits with another number of columns. */
    public TableLimits withMaxColumns(int columns) {
        return new TableLimits(maxRows, columns, maxCellWidth);
    }

    /** These limits with another cell width. */
    public TableLimits withMaxCellWidth(int characters) {
        return new TableLimits(maxRows, maxColumns, characters);
    }

    private static void atLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + ", not " + value
                    + "; for everything pass a large number, such as " + name + "(Integer.MAX_VALUE)");
        }
    }
}
