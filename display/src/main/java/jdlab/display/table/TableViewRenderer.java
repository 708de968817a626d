package jdlab.display.table;

import jdlab.api.MimeBundle;
import jdlab.api.TableView;
import jdlab.display.Renderer;
import tech.tablesaw.columns.Column;
import tech.tablesaw.table.Relation;

/** A table or column with the limits of one display, {@code table(t).maxRows(100)}. */
public final class TableViewRenderer implements Renderer<TableView> {

    @Override
    public String type() {
        return "jdlab.api.TableView";
    }

    @Override
    public void render(TableView view, MimeBundle bundle) {
        Grid grid = view.value() instanceof Column<?> column ? Grid.of(column) : Grid.of((Relation) view.value());
        TableRenderer.draw(new TableLayout(grid, view.limits()), bundle);
    }
}
