package jdlab.install;

import jdlab.api.MimeBundle;
import jdlab.display.RendererRegistry;
import jdlab.kernel.eval.CellResult;
import jdlab.kernel.eval.JShellEvaluator;

/** A short, typical session: what the class-data-sharing archive should have loaded before a user asks. */
final class Warmup {

    private Warmup() { }

    static void run() {
        try (JShellEvaluator evaluator = new JShellEvaluator()) {
            evaluator.warmUp();
            evaluator.eval("import java.util.*;\nint x = 3;\nvoid hello() { System.out.print(\"\"); }\nhello();\nx * 2", 1);
            evaluator.eval("int y = z;", 2);
            evaluator.eval("Integer.parseInt(\"x\")", 3);
            evaluator.complete("Strin", 5);
            evaluator.documentation("Math.max(", 9);
            evaluator.isComplete("for (int i = 0;");
            // Tablesaw, the table renderer and HTML escaping: a first table would otherwise cost 100 ms.
            CellResult table = evaluator.eval("tech.tablesaw.api.Table.create(\"t\", "
                    + "tech.tablesaw.api.StringColumn.create(\"s\", \"<a>\"), tech.tablesaw.api.DoubleColumn.create(\"d\", 1.5))", 4);
            if (table instanceof CellResult.Value value) {
                new RendererRegistry().format(value.value(), new MimeBundle());
            }
        }
    }
}
