import java.util.List;
import jdlab.kernel.eval.JShellEvaluator;
import jdlab.magics.MagicRegistry;

/**
 * What magic dispatch adds to a plain Java cell: the kernel asks the magic registry whether it
 * claims each cell before JShell runs it. Prints that cost beside JShell's own for the same cells.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}:
 * {@code java -XX:+UseSerialGC -cp install/target/jdlab.jar bench/MagicDispatchBench.java}
 */
public class MagicDispatchBench {

    public static void main(String[] args) {
        String line = "int total = 1 + 2;";
        String twenty = String.join("\n", java.util.Collections.nCopies(20, "total = total * 3 % 1000;"));
        MagicRegistry registry = new MagicRegistry();
        JShellEvaluator evaluator = new JShellEvaluator();
        evaluator.warmUp();
        evaluator.eval(line, 0);
        System.out.printf("%-22s %14s %14s %10s%n", "plain Java cell", "dispatch", "JShell eval", "overhead");
        for (var cell : List.of(List.of("1 line", line), List.of("20 lines", twenty))) {
            double dispatchNs = dispatchNanos(registry, cell.get(1));
            double evalNs = evalNanos(evaluator, cell.get(1));
            System.out.printf("%-22s %11.0f ns %11.2f ms %9.4f%%%n", cell.get(0), dispatchNs, evalNs / 1e6,
                    100 * dispatchNs / evalNs);
        }
    }

    private static double dispatchNanos(MagicRegistry registry, String cell) {
        int claimed = 0;
        for (int i = 0; i < 200_000; i++) { // warm-up, so the JIT has compiled the check
            claimed += registry.accepts(cell) ? 1 : 0;
        }
        int rounds = 200_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            claimed += registry.accepts(cell) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        if (claimed != 0) {
            throw new IllegalStateException("a plain Java cell was claimed by a magic");
        }
        return (double) elapsed / rounds;
    }

    private static double evalNanos(JShellEvaluator evaluator, String cell) {
        int rounds = 10;
        for (int i = 0; i < 5; i++) {
            evaluator.eval(cell, i);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            evaluator.eval(cell, i);
        }
        return (double) (System.nanoTime() - start) / rounds;
    }
}
