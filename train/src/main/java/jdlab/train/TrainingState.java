package jdlab.train;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Map;

/**
 * A training run as its {@link TrainingListener}s see it: one object per run, updated in place as
 * the run goes (so the per-batch callback allocates nothing). Batch figures are this process's:
 * in a data-parallel run, this rank's share of the global batch.
 */
public final class TrainingState {

    private final Model model;
    private final int epochs;
    private final int batchesPerEpoch;
    private final History history;
    private final NDManager scratch;
    Updater updater; // made once the weights the run starts from are loaded
    int epoch;
    int batch;
    long batchesDone;
    int batchSize;
    int stepSize;
    float batchLoss = Float.NaN;
    double smoothedLoss = Double.NaN;
    Map<String, Double> metrics = Map.of();
    private String stopReason;
    private String status;
    private boolean ended;
    private boolean interrupted;
    private int keptEpoch;
    private String keptMetric;
    private String resumedNote = "";

    TrainingState(Model model, int epochs, int batchesPerEpoch, History history, NDManager scratch) {
        this.model = model;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.history = history;
        this.scratch = scratch;
    }

    /** The model trained, in place. */
    public Model model() {
        return model;
    }

    /** The epoch the run ends after, unless it stops early. */
    public int epochs() {
        return epochs;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The epoch under way, counting from 1. */
    public int epoch() {
        return epoch;
    }

    /** The batch last trained (or, in {@code onValidationBatch}, scored) in this epoch, counting from 1. */
    public int batch() {
        return batch;
    }

    /** Training batches done over the whole run, a resumed run's earlier ones included. */
    public long batchesDone() {
        return batchesDone;
    }

    /** How many examples the last batch held. */
    public int batchSize() {
        return batchSize;
    }

    /** How many examples the last step took over all ranks: the batch size when training alone. */
    public int stepSize() {
        return stepSize;
    }

    /** The mean loss of the last batch. */
    public float batchLoss() {
        return batchLoss;
    }

    /** The training loss averaged over about a tenth of an epoch's batches, as the live chart draws it. */
    public double smoothedLoss() {
        return smoothedLoss;
    }

    /** The metrics of the epoch last finished ({@code train_loss}, {@code val_accuracy}, ..., {@code seconds}). */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** Every finished epoch's metrics. */
    public History history() {
        return history;
    }

    /** Ends the run after this epoch (call it from {@code onEpoch}), saying why in the run's status. */
    public void stop(String why) {
        if (stopReason == null) {
            stopReason = why;
        }
    }

    /** Whether a listener asked the run to stop. */
    public boolean stopping() {
        return stopReason != null;
    }

    /** Whether the user interrupted the run (at a batch boundary). */
    public boolean interrupted() {
        return interrupted;
    }

    /** How the run ended, in one line; null before it ends. */
    public String status() {
        if (!ended) {
            return null;
        }
        if (status == null) {
            status = stopReason != null ? stopReason : resumedNote + String.format("trained %d epoch%s%s", epochs,
                    epochs == 1 ? "" : "s", keptEpoch > 0 && keptEpoch != epochs ? String.format(
                    "; the model holds the weights of epoch %d, the best %s", keptEpoch, keptMetric) : "");
        }
        return status;
    }

    /** The epoch whose weights the model holds after early stopping, or 0. */
    public int bestEpoch() {
        return keptEpoch;
    }

    Block block() {
        return model.getBlock();
    }

    /** Where a run's own arrays live: they die with the run. */
    NDManager scratch() {
        return scratch;
    }

    void resumed(String note) {
        resumedNote = note;
    }

    /** The model was given back the weights of {@code epoch}, the best by {@code metric}. */
    void kept(int epoch, String metric) {
        keptEpoch = epoch;
        keptMetric = metric;
    }

    void interrupt(String why) {
        interrupted = true;
        status = why;
    }

    void end() {
        ended = true;
    }
}
