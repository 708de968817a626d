package jdlab.magics.timing;

import java.util.List;
import java.util.Locale;

/**
 * What {@code %timeit} measured: the time per loop of each run; its text is IPython's line, as in
 * {@code 1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)}.
 *
 * @param loops how many times each run ran the statement
 * @param timings seconds per loop, one for each run
 */
public record TimeitResult(int loops, List<Double> timings) {

    /** Copies the timings. */
    public TimeitResult {
        timings = List.copyOf(timings);
    }

    /** How many runs were measured. */
    public int runs() {
        return timings.size();
    }

    /** The mean seconds per loop. */
    public double mean() {
        return timings.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The population standard deviation of the seconds per loop, as IPython computes it. */
    public double stdev() {
        double mean = mean();
        return Math.sqrt(timings.stream().mapToDouble(t -> (t - mean) * (t - mean)).average().orElse(Double.NaN));
    }

    /** The fastest run's seconds per loop. */
    public double best() {
        return timings.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s ± %s per loop (mean ± std. dev. of %d run%s, %,d loop%s each)",
                Durations.format(mean()), Durations.format(stdev()), runs(), runs() == 1 ? "" : "s",
                loops, loops == 1 ? "" : "s");
    }
}
