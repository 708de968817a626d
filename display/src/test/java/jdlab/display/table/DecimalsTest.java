package jdlab.display.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class DecimalsTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({
        "7.137499999999999, 7.1375",
        "0.30000000000000004, 0.3",
        "3750.0, 3750",
        "39.1, 39.1",
        "-2.5, -2.5",
        "0, 0",
        "123456.789, 123457",
        "1234567.891, 1234568",
        "1.0E20, 100000000000000000000",
        "0.0000123456789, 0.0000123457",
        "1.23456789E-10, 1.23457E-10",
    })
    void numbersKeepSixSignificantDigitsAndEveryWholeDigit(String exact, String shown) {
        assertEquals(shown, Decimals.round(new BigDecimal(exact)));
    }

    @Test
    void doubleAndFloatColumnsInTablesawsDefaultFormatAreRounded() {
        assertEquals("7.1375", Decimals.text(DoubleColumn.create("x", 7.137499999999999), 0));
        assertEquals("0.1", Decimals.text(FloatColumn.create("x", new float[] {0.1f}), 0));
    }

    @Test
    void aColumnWithItsOwnFormatKeepsIt() {
        DoubleColumn fixed = DoubleColumn.create("x", 7.137499999999999);
        fixed.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(2));
        assertEquals("7.14", Decimals.text(fixed, 0));
    }

    @Test
    void infinityStaysAsTablesawWritesIt() {
        DoubleColumn column = DoubleColumn.create("x", Double.POSITIVE_INFINITY);
        assertEquals(column.getString(0), Decimals.text(column, 0));
    }
}
