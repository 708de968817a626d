package jdlab.train;

/**
 * Hears a training run's events, as DJL's {@code ai.djl.training.listener.TrainingListener} does
 * and with its five callbacks; add one with {@link Training#listener}. Early stopping, checkpoints,
 * the live view and data-parallel gradient averaging are listeners too.
 *
 * <p>This is jdlab's interface, not DJL's: DJL's callbacks take DJL's {@code Trainer} and
 * {@code BatchData} (a {@code Batch}, labels and predictions per device), and jdlab's loop uses
 * neither, as its step spares the native operations and copies a {@code Trainer} costs. Each
 * callback here takes the run's {@link TrainingState}, one object updated in place, so a listener
 * costs the step nothing it does not spend itself. Every method does nothing by default (DJL's
 * {@code TrainingListenerAdapter}).
 *
 * <p>Listeners run on the training thread, in the order they were added after the built-in ones;
 * an exception ends the run.
 */
public interface TrainingListener {

    /** Before the first batch, with the weights the run starts from (resumed ones included). */
    default void onTrainingBegin(TrainingState run) {
    }

    /**
     * After a training batch's backward pass and before the optimizer's update, as in DJL: the
     * parameters' gradients are those of the batch; {@link TrainingState#batchLoss()} is its loss.
     */
    default void onTrainingBatch(TrainingState run) {
    }

    /** After a batch of the validation data is scored, when the run validates. */
    default void onValidationBatch(TrainingState run) {
    }

    /** After an epoch: {@link TrainingState#metrics()} holds its figures; {@link TrainingState#stop} ends the run here. */
    default void onEpoch(TrainingState run) {
    }

    /** When the run ends, however it ends but by an exception: {@link TrainingState#status()} says how. */
    default void onTrainingEnd(TrainingState run) {
    }
}
