package jdlab.api;

import java.util.Locale;

/**
 * How far a {@link Progress} bar had come at one moment: what the kernel shows and updates in place.
 *
 * <p>Its {@link #toString()} is the plain-text line that text-only clients (a console, nbconvert to
 * text) show, in tqdm's shape: {@code label  45% |█████████           | 450/1000 [00:02<00:03, 180.2 it/s]}.
 *
 * @param label what the bar counts, as the cell named it; may be empty
 * @param count the steps done so far
 * @param total the steps expected, or {@link #UNKNOWN} when the cell did not say
 * @param elapsedNanos the time since the bar was shown
 * @param state whether the bar runs, was closed, or stopped with its cell's interrupt
 */
public record ProgressSnapshot(String label, long count, long total, long elapsedNanos, State state) {

    /** The total of a bar that does not know how many steps will come. */
    public static final long UNKNOWN = -1;

    /** The number of characters of the plain-text bar. */
    public static final int TEXT_BAR_WIDTH = 20;

    private static final String PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉";

    /** Where a bar is in its life. */
    public enum State {
        /** Still counting. */
        RUNNING,
        /** Closed: the count is final. */
        DONE,
        /** Its cell was interrupted: the count is where the loop stopped. */
        INTERRUPTED
    }

    /** Checks the values, so that a snapshot is always drawable. */
    public ProgressSnapshot {
        if (label == null || state == null) {
            throw new IllegalArgumentException("a progress snapshot needs a label (possibly empty) and a state");
        }
        if (count < 0 || elapsedNanos < 0 || (total < 0 && total != UNKNOWN)) {
            throw new IllegalArgumentException("count, total and elapsed time must not be negative");
        }
    }

    /** Whether the bar knows how many steps will come. */
    public boolean hasTotal() {
        return total != UNKNOWN;
    }

    /** The part done, from 0 to 1 (a count past the total shows as 1); 0 when the total is unknown. */
    public double fraction() {
        if (!hasTotal()) {
            return 0;
        }
        return total == 0 ? 1 : Math.min(1.0, (double) count / total);
    }

    /**
     * The whole percentage done, rounded down so that 100 means done: 999 of 1000 shows 99, not 100.
     */
    public int percent() {
        if (!hasTotal()) {
            return 0;
        }
        return total == 0 ? 100 : (int) Math.min(100, count * 100.0 / total);
    }

    /** Steps per second so far; {@code NaN} before any time has passed or any step was done. */
    public double rate() {
        if (elapsedNanos == 0 || count == 0) {
            return Double.NaN;
        }
        return count / (elapsedNanos / 1e9);
    }

    /**
     * Nanoseconds still to go at the rate so far; 0 once done, -1 when unknown (no total, no rate
     * yet, or the bar no longer runs).
     */
    public long etaNanos() {
        if (!hasTotal() || state != State.RUNNING) {
            return -1;
        }
        if (count >= total) {
            return 0;
        }
        double rate = rate();
        return Double.isNaN(rate) ? -1 : (long) ((total - count) / rate * 1e9);
    }

    /** The elapsed time as a clock: {@code 00:02}, or {@code 1:02:03} past an hour. */
    public String elapsedText() {
        return clock(elapsedNanos);
    }

    /** The time still to go as a clock, or {@code ?} when it is not known. */
    public String etaText() {
        long eta = etaNanos();
        return eta < 0 ? "?" : clock(eta);
    }

    /**
     * The rate in words: {@code 180.2 it/s}, {@code 12.5k it/s}, {@code 2.41M it/s}, or seconds per
     * step below one a second ({@code 2.50 s/it}); {@code ? it/s} before it is known.
     */
    public String rateText() {
        double rate = rate();
        if (Double.isNaN(rate)) {
            return "? it/s";
        }
        if (rate < 1) {
            return String.format(Locale.ROOT, "%.2f s/it", 1 / rate);
        }
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM it/s", rate / 1e6);
        }
        if (rate >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk it/s", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f it/s", rate);
    }

    /** Count and total as shown: {@code 450/1000}, or {@code 450 it} when the total is unknown. */
    public String countText() {
        return hasTotal() ? count + "/" + total : count + " it";
    }

    /** The times and rate in brackets: {@code [00:02<00:03, 180.2 it/s]}; no time to go once it ended. */
    public String timesText() {
        String times = hasTotal() && state == State.RUNNING ? elapsedText() + "<" + etaText() : elapsedText();
        return "[" + times + ", " + rateText() + "]";
    }

    /** The plain-text line, with a bar of {@link #TEXT_BAR_WIDTH} characters when the total is known. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder();
        if (!label.isEmpty()) {
            line.append(label).append(' ');
        }
        if (hasTotal()) {
            line.append(String.format(Locale.ROOT, "%4d%%", percent())).append(" |").append(textBar()).append("| ");
        }
        line.append(countText()).append(' ').append(timesText());
        if (state == State.INTERRUPTED) {
            line.append(" interrupted");
        }
        return line.toString();
    }

    // Eighth blocks make the bar move at every 1/160 of the way, not only every 1/20.
    private String textBar() {
        int eighths = (int) (fraction() * TEXT_BAR_WIDTH * 8);
        StringBuilder bar = new StringBuilder(TEXT_BAR_WIDTH);
        bar.append("█".repeat(eighths / 8));
        if (eighths / 8 < TEXT_BAR_WIDTH) {
            bar.append(PARTIAL_BLOCKS.charAt(eighths % 8));
        }
        while (bar.length() < TEXT_BAR_WIDTH) {
            bar.append(' ');
        }
        return bar.toString();
    }

    private static String clock(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format(Locale.ROOT, "%02d:%02d", minutes, seconds % 60);
    }
}
