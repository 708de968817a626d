package jdlab.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TableOptionsTest {

    @AfterEach
    void resetSessionOptions() {
        Display.tableOptions().reset();
    }

    @Test
    void aSessionStartsWithTwentyRowsTwentyColumnsAndFiftyCharacters() {
        assertEquals(new TableLimits(20, 20, 50), Display.tableOptions().limits());
        assertEquals(TableLimits.DEFAULTS, Display.tableOptions().limits());
    }

    @Test
    void sessionSettersChainAndApplyAtOnce() {
        TableOptions options = Display.tableOptions().maxRows(40).maxColumns(30).maxCellWidth(12);
        assertSame(Display.tableOptions(), options);
        assertEquals(new TableLimits(40, 30, 12), Display.tableOptions().limits());
        assertEquals("tableOptions().maxRows(40).maxColumns(30).maxCellWidth(12)", options.toString());
    }

    @Test
    void resetGoesBackToTheDefaults() {
        Display.tableOptions().maxRows(3).reset();
        assertEquals(TableLimits.DEFAULTS, Display.tableOptions().limits());
    }

    @Test
    void aBadSessionValueIsRefusedWithWhatToDoAndChangesNothing() {
        Display.tableOptions().maxRows(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Display.tableOptions().maxRows(0));
        assertEquals("maxRows must be at least 1, not 0; for everything pass a large number, such as maxRows(Integer.MAX_VALUE)",
                e.getMessage());
        assertEquals(7, Display.tableOptions().limits().maxRows());
    }

    @Test
    void everyLimitIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> Display.tableOptions().maxColumns(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TableLimits(1, 1, 1));
        assertTrue(e.getMessage().startsWith("maxCellWidth must be at least 2, not 1"), e.getMessage());
    }

    @Test
    void tableRefusesWhatIsNotATablesawTableOrColumnSayingWhatItIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Display.table("penguins"));
        assertEquals("table(...) takes a Tablesaw Table, TableSlice or Column, not a java.lang.String; "
                + "display(value) shows other values", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Display.table(null));
    }
}
