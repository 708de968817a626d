package jdlab.train;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves a run to a folder after each epoch ({@value Checkpoint#LAST}, and {@value Checkpoint#BEST}
 * when early stopping saw its best epoch), and resumes a run from it.
 */
final class Checkpoints implements TrainingListener {

    private final Path folder;
    private final String arguments;
    private final EarlyStop earlyStop; // null without early stopping

    Checkpoints(Path folder, String arguments, EarlyStop earlyStop) {
        this.folder = folder;
        this.arguments = arguments;
        this.earlyStop = earlyStop;
    }

    @Override
    public void onEpoch(TrainingState run) {
        if (earlyStop != null && earlyStop.bestEpoch() == run.epoch()) {
            save(Checkpoint.BEST, run);
        }
        save(Checkpoint.LAST, run);
    }

    /**
     * Loads the last checkpoint into the block, with its history, and early stopping's best so far
     * (the best checkpoint's weights, and its figure); null when there is none yet.
     *
     * @param weights where the loaded weights live: they outlive the run
     */
    Checkpoint.Loaded resume(TrainingState run, NDManager weights) throws IOException {
        Path last = folder.resolve(Checkpoint.LAST);
        if (!Files.exists(last)) {
            run.resumed("no " + last + " yet, so it started afresh; ");
            return null;
        }
        if (earlyStop != null && Files.exists(folder.resolve(Checkpoint.BEST))) {
            Checkpoint.load(folder.resolve(Checkpoint.BEST), run.block(), run.scratch());
            earlyStop.keepAsBest(run);
        }
        Checkpoint.Loaded loaded = Checkpoint.load(last, run.block(), weights);
        loaded.state().history().forEach(run.history()::add);
        if (earlyStop != null) {
            earlyStop.restore(loaded.state().best(), loaded.state().bestEpoch());
        }
        run.resumed(String.format("resumed after epoch %d of %s; ", loaded.state().epoch(), last));
        return loaded;
    }

    private void save(String name, TrainingState run) {
        Checkpoint.State state = new Checkpoint.State(run.epoch(), arguments, run.history().rows(), run.updater.steps(),
                earlyStop == null ? Double.NaN : earlyStop.best(), earlyStop == null ? 0 : earlyStop.bestEpoch());
        try {
            Checkpoint.write(folder.resolve(name), state, run.block(), run.updater.state());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
