package jdlab.magics.timing;

import java.util.function.LongUnaryOperator;

/** How many loops a run of {@code %timeit} takes, and the warm-up before it, as Python's {@code timeit}. */
final class Autorange {

    /** A run should take at least this long, so the clock's resolution and overhead do not matter. */
    static final long RUN_NANOS = 200_000_000;

    // Past this the loop counter would overflow int before a no-op statement reaches RUN_NANOS.
    private static final int MAX_LOOPS = 1_000_000_000;

    private Autorange() {
    }

    /**
     * Tries 1, 2, 5, 10, 20, 50, ... loops until one batch takes {@link #RUN_NANOS}; the tries also warm
     * the code up, so the JIT has compiled it before the runs that are measured.
     *
     * @param timer runs the statement that many times and returns the nanoseconds it took
     */
    static int loops(LongUnaryOperator timer) {
        for (int power = 1; ; power *= 10) {
            for (int step : new int[] {1, 2, 5}) {
                int loops = power * step;
                if (loops >= MAX_LOOPS || timer.applyAsLong(loops) >= RUN_NANOS) {
                    return loops;
                }
            }
        }
    }

    /**
     * Runs the statement in doubling batches until {@code budgetNanos} have passed, so that a given
     * {@code -n} does not measure the interpreter and the JIT compiler.
     *
     * @return how many batches ran
     */
    static int warmUp(LongUnaryOperator timer, long budgetNanos) {
        long spent = 0;
        int batches = 0;
        for (int loops = 1; spent < budgetNanos; loops = Math.min(loops * 2, MAX_LOOPS)) {
            spent += timer.applyAsLong(loops);
            batches++;
        }
        return batches;
    }
}
