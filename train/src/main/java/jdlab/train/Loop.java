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
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import jdlab.api.Display;
import jdlab.api.SafePoints;
import jdlab.train.data.Examples;

/**
 * One training run: epochs of shuffled batches, scoring, early stopping and checkpoints.
 *
 * <p>A step costs native operations, so it spends as few as it can: the batch is copied into
 * arrays made once per batch size, the arrays a step makes die with its own sub-manager, the
 * loss's mean, sign and (for plain SGD) learning rate ride on the backward seed, and the loss is
 * read back once.
 */
final class Loop {

    private static final int SMOOTHED_SHARE_OF_EPOCH = 10; // the chart's batch loss averages a tenth of an epoch

    private final Model model;
    private final Block block;
    private final NDManager manager; // where the weights live, and outlive the run
    private NDManager scratch; // what one run makes besides the weights: optimizer state, batches, copies
    private final Examples train;
    private final Examples validation;
    private final Loss loss;
    private final String metric; // "accuracy", "mae" or null: the one metric recorded besides the loss
    private final int epochs;
    private final int batch;
    private final Optimizer optimizer;
    private final float learningRate;
    private final float momentum;
    private final float weightDecay;
    private final long seed;
    private final EarlyStop earlyStop;
    private final Path checkpoints;
    private final boolean live;
    private final String arguments;
    private final Map<Integer, StepArrays> arraysBySize = new HashMap<>();
    // DJL copies a batch straight into its native array only from a direct ByteBuffer (from a
    // FloatBuffer view it allocates and copies a fresh buffer each step), so these stay bytes.
    private final ByteBuffer features;
    private final ByteBuffer labels;
    private double smoothed = Double.NaN; // the per-batch loss, averaged across epochs for the chart

    Loop(Model model, NDManager weights, Examples train, Examples validation, Loss loss, String metric, int epochs, int batch,
         Optimizer optimizer, float learningRate, float momentum, float weightDecay, long seed, EarlyStop earlyStop,
         Path checkpoints, boolean live, String arguments) {
        this.model = model;
        this.block = model.getBlock();
        this.manager = weights;
        this.train = train;
        this.validation = validation;
        this.loss = loss;
        this.metric = metric;
        this.epochs = epochs;
        this.batch = batch;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.seed = seed;
        this.earlyStop = earlyStop;
        this.checkpoints = checkpoints;
        this.live = live;
        this.arguments = arguments;
        int width = Math.toIntExact(train.exampleShape().size());
        this.features = direct(batch * width * Float.BYTES);
        this.labels = direct(batch * Long.BYTES);
    }

    /** The arrays a batch of one size is copied into, made once. */
    private record StepArrays(NDArray x, NDArray y, NDArray seed) { }

    TrainingResult run(boolean resume) throws IOException {
        try (NDManager runManager = manager.newSubManager()) {
            scratch = runManager;
            return runWithScratch(resume);
        }
    }

    private TrainingResult runWithScratch(boolean resume) throws IOException {
        History history = new History();
        int firstEpoch = 1;
        List<NDArray> best = null;
        Checkpoint.Loaded last = null;
        if (resume && Files.exists(checkpoints.resolve(Checkpoint.LAST))) {
            if (earlyStop != null && Files.exists(checkpoints.resolve(Checkpoint.BEST))) {
                Checkpoint.load(checkpoints.resolve(Checkpoint.BEST), block, scratch);
                best = copyWeights(null);
            }
            last = Checkpoint.load(checkpoints.resolve(Checkpoint.LAST), block, manager); // the weights outlive the run
            last.state().history().forEach(history::add);
            firstEpoch = last.state().epoch() + 1;
            if (earlyStop != null) {
                earlyStop.restore(last.state().best(), last.state().bestEpoch());
            }
        }
        List<Parameter> parameters = trainableParameters();
        Updater updater = new Updater(optimizer, learningRate, weightDecay, momentum, parameters, scratch);
        if (last != null) {
            updater.restore(last.optimizerState(), last.state().optimizerSteps());
        }
        int batches = (train.size() + batch - 1) / batch;
        long done = (long) (firstEpoch - 1) * batches;
        String status = null;
        boolean interrupted = false;
        try (SafePoints safe = Display.stopAtSafePoints();
             NativeSteps.GradientMode noGradients = NativeSteps.withoutGradients();
             LiveView view = new LiveView(epochs, batches, done, metric, live)) {
            for (int epoch = firstEpoch; epoch <= epochs && status == null; epoch++) {
                long started = System.nanoTime();
                EpochTotals totals = trainEpoch(epoch, batches, updater, view, done);
                done += totals.batches;
                if (totals.batches < batches) {
                    interrupted = true;
                    status = String.format("interrupted in epoch %d at batch %,d of %,d: the model keeps the weights"
                            + " of that batch; the history holds %d finished epoch%s", epoch, totals.batches, batches,
                            history.size(), history.size() == 1 ? "" : "s");
                    break;
                }
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("train_loss", totals.lossSum / train.size());
                if (metric != null) {
                    metrics.put("train_" + metric, totals.metricSum / train.size());
                }
                if (validation != null) {
                    Scores scores = Scores.of(block, scratch, validation, loss, false);
                    metrics.put("val_loss", scores.loss());
                    if (metric != null) {
                        metrics.put("val_" + metric, scores.metric(metric));
                    }
                }
                metrics.put("seconds", (System.nanoTime() - started) / 1e9);
                history.add(metrics);
                view.epoch(epoch, metrics, done);
                if (earlyStop != null && earlyStop.improved(epoch, metrics.get(earlyStop.metric()))) {
                    best = copyWeights(best);
                    save(Checkpoint.BEST, epoch, history, updater);
                }
                save(Checkpoint.LAST, epoch, history, updater);
                if (earlyStop != null && earlyStop.exhausted(epoch)) {
                    status = String.format("early stop after epoch %d: %s has not improved for %d epochs since"
                            + " epoch %d; the model holds that epoch's weights", epoch, earlyStop.metric(),
                            epoch - earlyStop.bestEpoch(), earlyStop.bestEpoch());
                }
            }
            int bestEpoch = 0;
            if (!interrupted && earlyStop != null && best != null) {
                restoreWeights(best);
                bestEpoch = earlyStop.bestEpoch();
            }
            if (status == null) {
                String resumed = last != null ? String.format("resumed after epoch %d of %s; ", firstEpoch - 1,
                        checkpoints.resolve(Checkpoint.LAST)) : resume ? "no " + checkpoints.resolve(Checkpoint.LAST)
                        + " yet, so it started afresh; " : "";
                status = resumed + String.format("trained %d epoch%s%s", epochs, epochs == 1 ? "" : "s", bestEpoch > 0
                        && bestEpoch != epochs ? String.format("; the model holds the weights of epoch %d, the best %s",
                        bestEpoch, earlyStop.metric()) : "");
            }
            view.finish(history.size(), interrupted, done, status, history.table());
            return new TrainingResult(model, history, status, interrupted, bestEpoch);
        }
    }

    private record EpochTotals(int batches, double lossSum, double metricSum) { }

    private EpochTotals trainEpoch(int epoch, int batches, Updater updater, LiveView view, long doneBefore) {
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
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray output = forward(store, arrays.x, epoch == 1 && b == 0);
                        NDArray signed = loss.signedSum(output, arrays.y);
                        NativeSteps.backward(collector, signed, arrays.seed);
                        batchLoss = loss.sign() * signed.getFloat() / count;
                        if ("accuracy".equals(metric)) {
                            metricSum.addi(output.argMax(1).eq(arrays.y.squeeze(1)).sum());
                        } else if ("mae".equals(metric)) {
                            metricSum.addi(output.sub(arrays.y).abs().sum());
                        }
                    }
                    updater.step();
                }
                lossSum += (double) batchLoss * count;
                double weight = Math.min(1, (double) SMOOTHED_SHARE_OF_EPOCH / batches);
                smoothed = Double.isNaN(smoothed) ? batchLoss : (1 - weight) * smoothed + weight * batchLoss;
                view.batch(epoch, b + 1, doneBefore + b + 1, smoothed, count);
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
            float scale = loss.sign() * (updater.wantsScaledGradients() ? learningRate : 1f) / size;
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

    private List<NDArray> copyWeights(List<NDArray> into) {
        List<NDArray> copies = into != null ? into : new ArrayList<>();
        int i = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            if (into == null) {
                NDArray copy = scratch.create(array.getShape(), array.getDataType());
                copies.add(copy);
            }
            array.copyTo(copies.get(i++));
        }
        return copies;
    }

    private void restoreWeights(List<NDArray> saved) {
        int i = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            saved.get(i++).copyTo(pair.getValue().getArray());
        }
    }

    private void save(String name, int epoch, History history, Updater updater) throws IOException {
        if (checkpoints == null) {
            return;
        }
        Checkpoint.State state = new Checkpoint.State(epoch, arguments, history.rows(), updater.steps(),
                earlyStop == null ? Double.NaN : earlyStop.best(), earlyStop == null ? 0 : earlyStop.bestEpoch());
        Checkpoint.write(checkpoints.resolve(name), state, block, updater.state());
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
