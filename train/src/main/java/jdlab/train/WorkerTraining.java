package jdlab.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import jdlab.train.data.TableEncoder;
import jdlab.train.distributed.Collective;

/**
 * A {@link Training} to run on every worker of a launch ({@link Training#onWorkers()}): each
 * worker builds its replica, trains over the launch's collective and prints a line; rank 0 prints
 * its live view as marked lines, which {@link #reader} draws on this side, and returns its trained
 * weights, which {@link #adopt} puts into a model built on this side.
 */
public final class WorkerTraining implements BiFunction<Collective, PrintStream, Object>, Serializable {

    private static final long serialVersionUID = 1L;

    private final Training training;
    private final transient TableEncoder encoder; // a table's, on the side that encoded it
    private final boolean buildsBlocks;

    WorkerTraining(Training training, TableEncoder encoder, boolean buildsBlocks) {
        this.training = training;
        this.encoder = encoder;
        this.buildsBlocks = buildsBlocks;
    }

    /** Whether the run's builder makes DJL blocks (else models). */
    public boolean buildsBlocks() {
        return buildsBlocks;
    }

    /** Trains this worker's replica; rank 0 returns what {@link #adopt} takes, the others null. */
    @Override
    public Object apply(Collective collective, PrintStream out) {
        TrainingResult result;
        try {
            result = training.distributed(collective).progressTo(out).fit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double seconds = result.history().rows().stream().mapToDouble(epoch -> epoch.getOrDefault("seconds", 0.0)).sum();
        out.printf(Locale.ROOT, "%s in %.1f s%n", result.status(), seconds);
        return collective.rank() == 0 ? Trained.of(result) : null;
    }

    /** Reads the launch's lines: rank 0's progress draws the run's live view, the others go to {@code others}. */
    public Consumer<String> reader(Consumer<String> others) {
        return ProgressLines.reader(others);
    }

    /**
     * A model built here by the run's builder, holding the weights rank 0 trained: what {@link
     * #apply} returned there. Evaluation and exports know it as a model trained in this session.
     */
    public TrainingResult adopt(Object rank0) throws Exception {
        if (!(rank0 instanceof Trained trained)) {
            throw new IllegalArgumentException("rank 0 returned " + rank0 + ", not its trained weights");
        }
        return training.adopt(trained, encoder);
    }
}
