package jdlab.install;

import java.util.List;
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
            // Tablesaw, the table and chart renderers, HTML escaping: a first table or chart would
            // otherwise load them while the user waits.
            RendererRegistry renderers = new RendererRegistry();
            evaluator.eval("var t = tech.tablesaw.api.Table.create(\"t\", tech.tablesaw.api.StringColumn.create(\"s\", \"<a>\"),"
                    + " tech.tablesaw.api.DoubleColumn.create(\"d\", 1.5));", 4);
            for (String shown : List.of("t", "tech.tablesaw.plotly.api.ScatterPlot.create(\"c\", t, \"d\", \"d\")")) {
                if (evaluator.eval(shown, 5) instanceof CellResult.Value value) {
                    renderers.format(value.value(), new MimeBundle());
                }
            }
            // DJL and its PyTorch engine, through one tiny training run: a first %train would
            // otherwise load their classes, and unpack the natives, while the user waits.
            evaluator.eval("var net = new ai.djl.nn.SequentialBlock().add(ai.djl.nn.core.Linear.builder().setUnits(2).build());"
                    + " jdlab.train.Training.of(net).data(jdlab.train.data.Examples.of(new float[][] {{0f}, {1f}},"
                    + " new int[] {0, 1})).epochs(1).batch(2).seed(1).live(false).fit();"
                    + " jdlab.train.Evaluation.of(net, jdlab.train.data.Examples.of(new float[][] {{0f}}, new int[] {0}));", 6);
        }
    }
}
