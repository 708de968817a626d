package jdlab.magics.timing;

import java.math.BigDecimal;
import java.math.MathContext;

/** Durations written as IPython writes them: three significant digits in ns, µs, ms or s. */
final class Durations {

    private static final String[] UNITS = {"s", "ms", "µs", "ns"};

    private Durations() {
    }

    /** Formats seconds, as in {@code 2.1 ms}, {@code 45.6 µs} or, from a minute on, {@code 1min 5s}. */
    static String format(double seconds) {
        if (seconds >= 60) {
            return longFormat(seconds);
        }
        // IPython's unit: the power of 1000 below the value, at most ns.
        int order = seconds > 0 ? Math.min(-Math.floorDiv((int) Math.floor(Math.log10(seconds)), 3), 3) : 3;
        BigDecimal value = new BigDecimal(seconds * Math.pow(1000, order)).round(new MathContext(3));
        // Rounding can carry into the next unit (999.7 µs); IPython would print 1e+03 µs, we print 1 ms.
        if (value.compareTo(BigDecimal.valueOf(1000)) >= 0 && order > 0) {
            value = value.movePointLeft(3);
            order--;
        }
        return value.stripTrailingZeros().toPlainString() + " " + UNITS[order];
    }

    private static String longFormat(double seconds) {
        StringBuilder text = new StringBuilder();
        double left = seconds;
        for (Object[] part : new Object[][] {{"d", 86400}, {"h", 3600}, {"min", 60}, {"s", 1}}) {
            int length = (int) part[1];
            long value = (long) (left / length);
            if (value > 0) {
                left %= length;
                text.append(text.isEmpty() ? "" : " ").append(value).append(part[0]);
            }
            if (left < 1) {
                break;
            }
        }
        return text.toString();
    }
}
