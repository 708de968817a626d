package jdlab.train;

import ai.djl.Model;
import tech.tablesaw.api.Table;

/**
 * How a run ended: the model (trained in place, usable at once), the per-epoch history and a line
 * saying where it stopped.
 *
 * @param interrupted whether the user stopped it (at a batch boundary; the weights are those of the last batch)
 * @param bestEpoch the epoch whose weights the model holds after early stopping, or 0
 */
public record TrainingResult(Model model, History history, String status, boolean interrupted, int bestEpoch) {

    /** The per-epoch metrics as a table. */
    public Table table() {
        return history.table();
    }

    @Override
    public String toString() {
        return status;
    }
}
