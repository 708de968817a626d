import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import jdlab.api.Display;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.Progress;

/**
 * What a progress bar adds to a loop: the cost of one {@code step()}, and a loop of a million steps
 * of some work with and without the bar, as a ratio. The bar is the one cells get
 * ({@code Display.progress}), with its ticking thread; a stand-in kernel draws each update as text
 * instead of sending it.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}:
 * {@code java -XX:+UseSerialGC -cp install/target/jdlab.jar bench/ProgressBench.java}
 */
public class ProgressBench {

    private static final int STEPS = 1_000_000;
    private static final int ROUNDS = 15;
    private static final AtomicInteger UPDATES = new AtomicInteger();
    private static double sink;

    public static void main(String[] args) {
        connectStandInKernel();
        System.out.printf("%-24s %12s %12s %10s %8s%n", "loop of 10^6 steps", "without bar", "with bar", "overhead", "updates");
        System.out.printf("%-24s %12s %12s %10s%n", "(medians of " + ROUNDS + " rounds)", "", "", "");
        for (int work : new int[] {0, 5, 20}) {
            String name = work == 0 ? "empty body" : "body of " + work + " Math.sin";
            double[] without = new double[ROUNDS];
            double[] with = new double[ROUNDS];
            UPDATES.set(0);
            for (int round = -5; round < ROUNDS; round++) { // 5 rounds of warm-up
                // Which loop goes first alternates, so that neither always follows a garbage collection.
                double plain = round % 2 == 0 ? plainLoop(work) : 0;
                double counted;
                try (Progress bar = Display.progress(STEPS, name)) {
                    counted = countedLoop(work, bar);
                }
                if (round % 2 != 0) {
                    plain = plainLoop(work);
                }
                if (round >= 0) {
                    without[round] = plain;
                    with[round] = counted;
                }
            }
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ratios[round] = with[round] / without[round];
            }
            if (work == 0) {
                // The empty loop without the bar compiles to nothing, so the time with it is all the bar's.
                System.out.printf("%-24s %9.3f ms %9.3f ms %10s %8d%n", name, median(without) / 1e6, median(with) / 1e6,
                        "-", UPDATES.get());
                System.out.printf("%-24s %9.2f ns%n", "  cost of one step()", (median(with) - median(without)) / STEPS);
            } else {
                // Each round's two loops ran back to back, so their ratio is the least disturbed by other work.
                double[] sorted = ratios.clone();
                Arrays.sort(sorted);
                System.out.printf("%-24s %9.3f ms %9.3f ms %9.2f%% %8d   rounds from %+.1f%% to %+.1f%%%n", name,
                        median(without) / 1e6, median(with) / 1e6, 100 * (median(ratios) - 1), UPDATES.get(),
                        100 * (sorted[0] - 1), 100 * (sorted[ROUNDS - 1] - 1));
            }
        }
        System.out.println(sink == 42 ? " " : ""); // keeps the work from being optimized away
    }

    /** Nanoseconds for a million iterations of {@code work} sines each. */
    private static double plainLoop(int work) {
        double x = 0;
        long start = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            for (int k = 0; k < work; k++) {
                x = Math.sin(x + k) * 1.0001;
            }
        }
        long elapsed = System.nanoTime() - start;
        sink += x;
        return elapsed;
    }

    /** The same loop, stepping the bar once an iteration. */
    private static double countedLoop(int work, Progress bar) {
        double x = 0;
        long start = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            for (int k = 0; k < work; k++) {
                x = Math.sin(x + k) * 1.0001;
            }
            bar.step();
        }
        long elapsed = System.nanoTime() - start;
        sink += x;
        return elapsed;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    // Only what progress bars use of the kernel: showing, updating, and the interrupt flag.
    private static void connectStandInKernel() {
        DisplayHandle handle = new DisplayHandle() {
            @Override
            public String id() {
                return "bench";
            }

            @Override
            public void update(Object value) {
                UPDATES.incrementAndGet();
                sink += value.toString().length();
            }
        };
        Display.connect((KernelContext) Proxy.newProxyInstance(ProgressBench.class.getClassLoader(),
                new Class<?>[] {KernelContext.class}, (proxy, method, methodArgs) -> switch (method.getName()) {
                    case "displayUpdatable" -> handle;
                    case "interrupted" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
    }
}
