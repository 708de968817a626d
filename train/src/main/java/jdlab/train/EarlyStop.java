package jdlab.train;

/**
 * Stops training when a metric has not improved for {@code patience} epochs; the trainer then puts
 * back the weights of its best epoch. Losses and errors improve downwards, accuracy upwards.
 */
public final class EarlyStop {

    private final String metric;
    private final int patience;
    private final boolean lowerIsBetter;
    private double best = Double.NaN;
    private int bestEpoch;

    /** Watches {@code metric} ({@code val_loss}, {@code val_accuracy}, {@code train_loss}, ...). */
    public EarlyStop(String metric, int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stop patience must be 1 or more, not " + patience);
        }
        this.metric = metric;
        this.patience = patience;
        this.lowerIsBetter = !metric.endsWith("accuracy");
    }

    /** Reads {@code METRIC:PATIENCE}, e.g. {@code val_loss:3}. */
    public static EarlyStop parse(String spec) {
        int colon = spec.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            return new EarlyStop(spec.substring(0, colon), Integer.parseInt(spec.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("early stop " + spec + ": write METRIC:PATIENCE, e.g. val_loss:3");
        }
    }

    /** The metric watched. */
    public String metric() {
        return metric;
    }

    /** Records an epoch's value; true when it is the best so far. */
    boolean improved(int epoch, double value) {
        boolean better = Double.isNaN(best) || (lowerIsBetter ? value < best : value > best);
        if (better) {
            best = value;
            bestEpoch = epoch;
        }
        return better;
    }

    /** Whether {@code patience} epochs have passed since the best one. */
    boolean exhausted(int epoch) {
        return epoch - bestEpoch >= patience;
    }

    /** The best epoch so far (counting from 1), 0 before any. */
    int bestEpoch() {
        return bestEpoch;
    }

    double best() {
        return best;
    }

    void restore(double savedBest, int savedBestEpoch) {
        best = savedBest;
        bestEpoch = savedBestEpoch;
    }

    @Override
    public String toString() {
        return metric + ":" + patience;
    }
}
