package jdlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops training when a metric has not improved for {@code patience} epochs, then puts back the
 * weights of its best epoch (kept as copies that die with the run). Losses and errors improve
 * downwards, accuracy upwards. One run's listener: {@link Training} makes a fresh one per run.
 */
public final class EarlyStop implements TrainingListener, java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private final String metric;
    private final int patience;
    private final boolean lowerIsBetter;
    private double best = Double.NaN;
    private int bestEpoch;
    private transient List<NDArray> bestWeights; // native copies: a shipped rule starts without them

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

    /** The same rule, with nothing seen yet: for another run. */
    EarlyStop fresh() {
        return new EarlyStop(metric, patience);
    }

    @Override
    public void onEpoch(TrainingState run) {
        int epoch = run.epoch();
        if (improved(epoch, run.metrics().get(metric))) {
            bestWeights = copyWeights(run, bestWeights);
        }
        if (exhausted(epoch)) {
            run.stop(String.format("early stop after epoch %d: %s has not improved for %d epochs since epoch %d;"
                    + " the model holds that epoch's weights", epoch, metric, epoch - bestEpoch, bestEpoch));
        }
    }

    /** Puts back the best epoch's weights, unless the user interrupted the run (it keeps the last batch's). */
    @Override
    public void onTrainingEnd(TrainingState run) {
        if (!run.interrupted() && bestWeights != null) {
            int i = 0;
            for (Pair<String, Parameter> pair : run.block().getParameters()) {
                bestWeights.get(i++).copyTo(pair.getValue().getArray());
            }
            run.kept(bestEpoch, metric);
        }
    }

    /** Goes on from a resumed run's best so far. */
    void restore(double savedBest, int savedBestEpoch) {
        best = savedBest;
        bestEpoch = savedBestEpoch;
    }

    /** Keeps the block's weights now (a resumed run's best checkpoint, just loaded) as the best epoch's. */
    void keepAsBest(TrainingState run) {
        bestWeights = copyWeights(run, bestWeights);
    }

    private static List<NDArray> copyWeights(TrainingState run, List<NDArray> into) {
        List<NDArray> copies = into != null ? into : new ArrayList<>();
        Block block = run.block();
        int i = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            if (into == null) {
                copies.add(run.scratch().create(array.getShape(), array.getDataType()));
            }
            array.copyTo(copies.get(i++));
        }
        return copies;
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

    @Override
    public String toString() {
        return metric + ":" + patience;
    }
}
