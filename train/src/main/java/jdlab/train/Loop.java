package jdlab.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jdlab.api.Display;
import jdlab.api.SafePoints;
import jdlab.train.data.Examples;

/**
 * One training run: epochs of shuffled batches and scoring; early stopping, checkpoints, the live
 * view and the user's own {@link TrainingListener}s hear its events.
 *
 * <p>A step costs native operations, so it spends as few as it can: the batch is copied into
 * arrays made once per batch size, the arrays a step makes die with its own sub-manager, the
 * loss's mean, sign and (for plain SGD) learning rate ride on the backward seed, and the loss is
 * read back once.
 */
final class Loop {

    private static final int SMOOTHED_SHARE_OF_EPOCH = 10; // the chart's batch loss averages a tenth of an epoch

    /**
     * What a run is asked to do.
     *
     * @param metric {@code accuracy}, {@code mae} or null: the one metric recorded besides the loss
     * @param earlyStop a fresh one for this run, or null
     * @param checkpoints the folder checkpoints go to (and a resumed run comes from), or null
     * @param arguments the run's arguments as the user wrote them, kept in checkpoints
     * @param listeners called after the built-in ones (early stopping, checkpoints, live view), in order
     * @param parallel this rank's part in a data-parallel run, or null when training alone (it is
     *     among the listeners too: it averages the gradients)
     */
    record Settings(Examples train, Examples validation, Loss loss, String metric, int epochs, int batch,
                    Optimizer optimizer, float learningRate, float momentum, float weightDecay, long seed,
                    EarlyStop earlyStop, Path checkpoints, boolean resume, boolean live, String arguments,
                    List<TrainingListener> listeners, DataParallel parallel) {
        Settings {
            listeners = List.copyOf(listeners);
        }
    }

    private final Model model;
    private final Block block;
    private final NDManager manager; // where the weights live, and outlive the run
    private NDManager scratch; // what one run makes besides the weights: optimizer state, batches, copies
    private final Settings settings;
    private final Examples train;
    private final Loss loss;
    private final String metric;
    private final int batch;
    private TrainingListener[] listeners; // an array: the per-batch call makes no iterator
    private final DataParallel parallel; // null when training alone
    private final int rank;
    private final int ranks;
    private StepArrays full; // the arrays a full batch is copied into, made once
    private StepArrays last; // and those of the last batch, when it is shorter
    // DJL copies a batch straight into its native array only from a direct ByteBuffer (from a
    // FloatBuffer view it allocates and copies a fresh buffer each step), so these stay bytes.
    private final ByteBuffer features;
    private final ByteBuffer labels;

    Loop(Model model, NDManager weights, Settings settings) {
        this.model = model;
        this.block = model.getBlock();
        this.manager = weights;
        this.settings = settings;
        this.train = settings.train();
        this.loss = settings.loss();
        this.metric = settings.metric();
        this.batch = settings.batch();
        this.parallel = settings.parallel();
        this.rank = parallel == null ? 0 : parallel.rank();
        this.ranks = parallel == null ? 1 : parallel.worldSize();
        int width = Math.toIntExact(train.exampleShape().size());
        this.features = direct(batch * width * Float.BYTES);
        this.labels = direct(batch * Long.BYTES);
    }

    /** The arrays a batch is copied into, and its backward seed (the step's scale). */
    private record StepArrays(NDArray x, NDArray y, NDArray seed) { }

    TrainingResult run() throws IOException {
        try (NDManager runManager = manager.newSubManager()) {
            scratch = runManager;
            return runWithScratch();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a checkpoint's listener could not write
        }
    }

    private TrainingResult runWithScratch() throws IOException {
        Settings s = settings;
        int globalBatch = batch * ranks;
        int batches = (train.size() + globalBatch - 1) / globalBatch;
        Examples validation = parallel == null || s.validation() == null ? s.validation() : parallel.share(s.validation());
        TrainingState run = new TrainingState(model, s.epochs(), batches, new History(), scratch);
        Checkpoints checkpoints = s.checkpoints() == null ? null : new Checkpoints(s.checkpoints(), s.arguments(), s.earlyStop());
        Checkpoint.Loaded last = s.resume() ? checkpoints.resume(run, manager) : null;
        Updater updater = new Updater(s.optimizer(), s.learningRate(), s.weightDecay(), s.momentum(), trainableParameters(), scratch);
        if (last != null) {
            updater.restore(last.optimizerState(), last.state().optimizerSteps());
        }
        run.updater = updater;
        int firstEpoch = last == null ? 1 : last.state().epoch() + 1;
        run.batchesDone = (long) (firstEpoch - 1) * batches;
        try (SafePoints safe = Display.stopAtSafePoints();
             NativeSteps.GradientMode noGradients = NativeSteps.withoutGradients();
             LiveView view = new LiveView(s.epochs(), batches, run.batchesDone, metric, s.live())) {
            List<TrainingListener> all = new ArrayList<>();
            if (s.earlyStop() != null) {
                all.add(s.earlyStop());
            }
            if (checkpoints != null) {
                all.add(checkpoints);
            }
            all.add(view);
            all.addAll(s.listeners());
            listeners = all.toArray(TrainingListener[]::new);
            for (TrainingListener listener : listeners) {
                listener.onTrainingBegin(run);
            }
            for (int epoch = firstEpoch; epoch <= s.epochs() && !run.stopping(); epoch++) {
                run.epoch = epoch;
                long started = System.nanoTime();
                EpochTotals totals = trainEpoch(run, updater);
                if (totals.batches < batches) {
                    int finished = run.history().size();
                    run.interrupt(String.format("interrupted in epoch %d at batch %,d of %,d: the model keeps the"
                            + " weights of that batch; the history holds %d finished epoch%s", epoch, totals.batches,
                            batches, finished, finished == 1 ? "" : "s"));
                    break;
                }
                Map<String, Double> metrics = figures(run, totals, validation);
                metrics.put("seconds", (System.nanoTime() - started) / 1e9);
                run.history().add(metrics);
                run.metrics = Collections.unmodifiableMap(metrics);
                for (TrainingListener listener : listeners) {
                    listener.onEpoch(run);
                }
            }
            run.end();
            for (TrainingListener listener : listeners) {
                listener.onTrainingEnd(run);
            }
            return new TrainingResult(model, run.history(), run.status(), run.interrupted(), run.bestEpoch());
        }
    }

    /**
     * An epoch's loss and metric, in training and validation: this rank's means, merged over the
     * ranks (weighed by their rows) in a data-parallel run.
     */
    private Map<String, Double> figures(TrainingState run, EpochTotals totals, Examples validation) {
        // Means over this rank's rows, and how many rows each is over (all of them when training alone).
        double[] means = {totals.lossSum / totals.examples, totals.metricSum / totals.examples, 0, 0};
        double[] rows = {totals.examples, totals.examples, 0, 0};
        if (validation != null) {
            Scores scores = Scores.of(block, scratch, validation, loss, false, (b, count, lossSum) -> {
                run.batch = b;
                run.batchSize = count;
                run.stepSize = count;
                run.batchLoss = (float) (lossSum / count);
                for (TrainingListener listener : listeners) {
                    listener.onValidationBatch(run);
                }
            });
            means[2] = scores.loss();
            means[3] = metric == null ? 0 : scores.metric(metric);
            rows[2] = validation.size();
            rows[3] = validation.size();
        }
        if (parallel != null) {
            means = parallel.mean(means, rows); // the same figures on every rank: early stopping agrees
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("train_loss", means[0]);
        if (metric != null) {
            metrics.put("train_" + metric, means[1]);
        }
        if (validation != null) {
            metrics.put("val_loss", means[2]);
            if (metric != null) {
                metrics.put("val_" + metric, means[3]);
            }
        }
        return metrics;
    }

    private record EpochTotals(int batches, int examples, double lossSum, double metricSum) { }

    private EpochTotals trainEpoch(TrainingState run, Updater updater) {
        int epoch = run.epoch;
        int batches = run.batchesPerEpoch();
        long seed = settings.seed();
        int n = train.size();
        int[] order = Examples.permutation(n, new Random(seed * 1_000_003L + epoch));
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) (seed + epoch)); // dropout draws the same masks in a resumed run
        ParameterStore store = new ParameterStore(scratch, false);
        // Summed on the native side, read once an epoch: correct predictions, or absolute errors.
        NDArray metricSum = scratch.zeros(new Shape(), "accuracy".equals(metric) ? DataType.INT64 : DataType.FLOAT32);
        double lossSum = 0;
        int examples = 0;
        int globalBatch = batch * ranks;
        int b = 0;
        try {
            for (; b < batches; b++) {
                if (Display.interrupted()) {
                    break;
                }
                // This rank's contiguous part of the global batch (all of it when training alone).
                int globalFrom = b * globalBatch;
                int globalCount = Math.min(globalBatch, n - globalFrom);
                int from = globalFrom + (int) ((long) globalCount * rank / ranks);
                int count = globalFrom + (int) ((long) globalCount * (rank + 1) / ranks) - from;
                try (NDManager step = scratch.newSubManager()) {
                    float batchLoss = 0;
                    if (count > 0) { // a last global batch smaller than the ranks leaves some without rows
                        StepArrays arrays = fill(order, from, count, globalCount, updater);
                        arrays.x.tempAttach(step);
                        arrays.y.tempAttach(step);
                        try (NativeSteps.Recording recording = NativeSteps.recording(engine)) {
                            NDArray output = forward(store, arrays.x, epoch == 1 && b == 0);
                            NDArray signed = loss.signedSum(output, arrays.y);
                            NativeSteps.backward(recording, signed, arrays.seed);
                            batchLoss = loss.sign() * signed.getFloat() / count;
                            if ("accuracy".equals(metric)) {
                                metricSum.addi(output.argMax(1).eq(arrays.y.squeeze(1)).sum());
                            } else if ("mae".equals(metric)) {
                                metricSum.addi(output.sub(arrays.y).abs().sum());
                            }
                        }
                        lossSum += (double) batchLoss * count;
                        double weight = Math.min(1, (double) SMOOTHED_SHARE_OF_EPOCH / batches);
                        double smoothed = run.smoothedLoss;
                        run.smoothedLoss = Double.isNaN(smoothed) ? batchLoss : (1 - weight) * smoothed + weight * batchLoss;
                    }
                    examples += count;
                    run.batch = b + 1;
                    run.batchesDone++;
                    run.batchSize = count;
                    run.stepSize = globalCount;
                    run.batchLoss = batchLoss;
                    for (TrainingListener listener : listeners) {
                        listener.onTrainingBatch(run);
                    }
                    updater.step();
                }
            }
            double metricTotal = metric == null ? 0 : metricSum.toType(DataType.FLOAT64, false).getDouble();
            return new EpochTotals(b, examples, lossSum, metricTotal);
        } finally {
            metricSum.close();
        }
    }

    private NDArray forward(ParameterStore store, NDArray x, boolean first) {
        NDArray output;
        try {
            output = Batches.asColumnsIfFlat(block.forward(store, new NDList(x), true).singletonOrThrow());
        } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
            if (!first) {
                throw e;
            }
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("the model cannot take examples of shape " + train.exampleShape() + ": " + why, e);
        }
        if (first) {
            long width = output.getShape().get(output.getShape().dimension() - 1);
            if (loss.classifies() && (output.getShape().dimension() != 2 || width != train.classes())) {
                throw new IllegalArgumentException("the model gives outputs of shape " + output.getShape().slice(1)
                        + " per example but the data has " + train.classes() + " classes: end it with a Linear of "
                        + train.classes() + " units");
            }
            if (!loss.classifies() && output.getShape().size() != x.getShape().get(0)) {
                throw new IllegalArgumentException("the model gives outputs of shape " + output.getShape().slice(1)
                        + " per example; " + loss + " compares one number per example with its target");
            }
        }
        return output;
    }

    /**
     * Copies a batch into the arrays for its size: those of a full batch, or of the last, shorter
     * one. The gradient is the summed loss's over the global batch's rows, so that ranks' gradients
     * summed over the collective weigh each rank by its rows.
     */
    private StepArrays fill(int[] order, int from, int count, int globalCount, Updater updater) {
        boolean whole = count == batch && globalCount == batch * ranks;
        StepArrays arrays = whole ? full : last;
        if (arrays == null) {
            NDArray x = scratch.create(new Shape(count).addAll(train.exampleShape()), DataType.FLOAT32);
            NDArray y = scratch.create(new Shape(count, 1), loss.classifies() ? DataType.INT64 : DataType.FLOAT32);
            float scale = loss.sign() * (updater.wantsScaledGradients() ? settings.learningRate() : 1f) / globalCount;
            arrays = new StepArrays(x, y, scratch.create(scale));
            if (whole) {
                full = arrays;
            } else {
                last = arrays; // the data's size fixes the last batch's: one shape a run
            }
        }
        FloatBuffer x = features.clear().asFloatBuffer();
        train.copyFeatures(order, from, count, x);
        arrays.x.set(features.limit(x.position() * Float.BYTES));
        labels.clear();
        if (loss.classifies()) {
            LongBuffer y = labels.asLongBuffer();
            train.copyClasses(order, from, count, y);
            labels.limit(y.position() * Long.BYTES);
        } else {
            FloatBuffer y = labels.asFloatBuffer();
            train.copyLabels(order, from, count, y);
            labels.limit(y.position() * Float.BYTES);
        }
        arrays.y.set(labels);
        return arrays;
    }

    private List<Parameter> trainableParameters() {
        List<Parameter> parameters = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            Parameter parameter = pair.getValue();
            if (parameter.requiresGradient()) {
                NDArray array = parameter.getArray();
                if (!array.hasGradient()) {
                    array.setRequiresGradient(true); // arrays loaded from a checkpoint come without
                }
                parameters.add(parameter);
            }
        }
        return parameters;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
