package jdlab.display.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * Floating-point cells to six significant digits, {@code 7.1375} rather than Tablesaw's
 * {@code 7.137499999999999}; a column given its own print format keeps it.
 */
final class Decimals {

    static final int SIGNIFICANT_DIGITS = 6;
    private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);
    // From here up, every digit before the point stays: rounding 1234567.8 to 1234570 would misstate it.
    private static final BigDecimal WHOLE_FROM = BigDecimal.valueOf(1_000_000);

    private Decimals() {
    }

    /** A present cell's text: Tablesaw's, unless the column prints floating point in Tablesaw's default way. */
    static String text(Column<?> column, int row) {
        String tablesaws = column.getString(row);
        if (column instanceof DoubleColumn doubles) {
            double value = doubles.getDouble(row);
            return Double.isFinite(value) && tablesaws.equals(tablesawDefault(ColumnType.DOUBLE).format(value))
                    ? round(new BigDecimal(Double.toString(value))) : tablesaws;
        }
        if (column instanceof FloatColumn floats) {
            float value = floats.getFloat(row);
            return Float.isFinite(value) && tablesaws.equals(tablesawDefault(ColumnType.FLOAT).format(value))
                    ? round(new BigDecimal(Float.toString(value))) : tablesaws;
        }
        return tablesaws;
    }

    // A new one each time: its DecimalFormat is not safe to share between threads.
    private static NumberColumnFormatter tablesawDefault(ColumnType type) {
        NumberColumnFormatter formatter = NumberColumnFormatter.floatingPointDefault();
        formatter.setColumnType(type);
        return formatter;
    }

    /** The number to six significant digits, or whole when it is a million or more, without trailing zeros. */
    static String round(BigDecimal exact) {
        BigDecimal rounded = (exact.abs().compareTo(WHOLE_FROM) >= 0
                ? exact.setScale(0, RoundingMode.HALF_EVEN) : exact.round(ROUNDING)).stripTrailingZeros();
        // toString writes 3750 as 3.75E+3; tiny numbers it writes as 1.23457E-10, which reads better.
        return rounded.scale() < 0 ? rounded.toPlainString() : rounded.toString();
    }
}
