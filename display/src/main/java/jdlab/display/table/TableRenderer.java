package jdlab.display.table;

import jdlab.api.Display;
import jdlab.api.MimeBundle;
import jdlab.display.Renderer;
import tech.tablesaw.table.Relation;

/** Tablesaw tables and slices ({@code Table.summary()} too), within the session's table limits. */
public final class TableRenderer implements Renderer<Relation> {

    @Override
    public String type() {
        return "tech.tablesaw.table.Relation";
    }

    @Override
    public void render(Relation table, MimeBundle bundle) {
        draw(new TableLayout(Grid.of(table), Display.tableOptions().limits()), bundle);
    }

    /** Puts the HTML, if wanted, and the text of a layout into the bundle. */
    static void draw(TableLayout layout, MimeBundle bundle) {
        if (bundle.wants("text/html")) {
            bundle.put("text/html", layout.html());
        }
        bundle.put("text/plain", layout.text());
    }
}
