package jdlab.install;

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
        }
    }
}
