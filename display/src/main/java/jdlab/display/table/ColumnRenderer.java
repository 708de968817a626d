package jdlab.display.table;

import jdlab.api.Display;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;
import tech.tablesaw.columns.Column;

/** A Tablesaw column, as a table of one column headed by its name and type. */
public final class ColumnRenderer implements Renderer<Column<?>> {

    @Override
    public String type() {
        return "tech.tablesaw.columns.Column";
    }

    @Override
    public void render(Column<?> column, MimeBundle bundle) {
        TableRenderer.draw(new TableLayout(Grid.of(column), Display.tableOptions().limits()), bundle);
    }
}
