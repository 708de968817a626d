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
import java.util.HashMap;
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
     */
    record Settings(Examples train, Examples validation, Loss loss, String metric, int epochs, int batch,
                    Optimizer optimizer, float learningRate, float momentum, float weightDecay, long seed,
                    EarlyStop earlyStop, Path checkpoints, boolean resume, boolean live, String arguments,
                    List<TrainingListener> listeners) {
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
    private final Map<Integer, StepArrays> arraysBySize = new HashMap<>();
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
        int width = Math.toIntExact(train.exampleShape().size());
        this.features = direct(batch * width * Float.BYTES);
        this.labels = direct(batch * Long.BYTES);
    }

    /** The arrays a batch of one size is copied into, made once. */
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
        int batches = (train.size() + batch - 1) / batch;
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
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("train_loss", totals.lossSum / train.size());
                if (metric != null) {
                    metrics.put("train_" + metric, totals.metricSum / train.size());
                }
                if (s.validation() != null) {
                    Scores scores = Scores.of(block, scratch, s.validation(), loss, false, (b, count, lossSum) -> {
                        run.batch = b;
                        run.batchSize = count;
                        run.batchLoss = (float) (lossSum / count);
                        for (TrainingListener listener : listeners) {
                            listener.onValidationBatch(run);
                        }
                    });
                    metrics.put("val_loss", scores.loss());
                    if (metric != null) {
                        metrics.put("val_" + metric, scores.metric(metric));
                    }
                }
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

    private record EpochTotals(int batches, double lossSum, double metricSum) { }

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
        int b = 0;
        try {
            for (; b < batches; b++) {
                if (Display.interrupted()) {
                    break;
                }
                int from = b * batch;
                int count = Math.min(batch, n - from);
                StepArrays arrays = fill(order, from, count, updater);
                float batchLoss;
                try (NDManager step = scratch.newSubManager()) {
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
                    run.batch = b + 1;
                    run.batchesDone++;
                    run.batchSize = count;
                    run.batchLoss = batchLoss;
                    for (TrainingListener listener : listeners) {
                        listener.onTrainingBatch(run);
                    }
                    updater.step();
                }
            }
            double metricTotal = metric == null ? 0 : metricSum.toType(DataType.FLOAT64, false).getDouble();
            return new EpochTotals(b, lossSum, metricTotal);
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

    /** Copies a batch into the arrays for its size. */
    private StepArrays fill(int[] order, int from, int count, Updater updater) {
        StepArrays arrays = arraysBySize.computeIfAbsent(count, size -> {
            NDArray x = scratch.create(new Shape(size).addAll(train.exampleShape()), DataType.FLOAT32);
            NDArray y = scratch.create(new Shape(size, 1), loss.classifies() ? DataType.INT64 : DataType.FLOAT32);
            float scale = loss.sign() * (updater.wantsScaledGradients() ? settings.learningRate() : 1f) / size;
            return new StepArrays(x, y, scratch.create(scale));
        });
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
