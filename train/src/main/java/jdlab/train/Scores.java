package jdlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import jdlab.train.data.Examples;

/**
 * A model's loss over examples, computed without gradients, with its accuracy and predicted classes
 * (for class labels) or its mean absolute error (for targets); NaN where a measure does not apply.
 */
public record Scores(double loss, double accuracy, double mae, long[] predictions) {

    private static final int BATCH = 512;

    /** Hears each batch scored: its number (from 1), its examples and its summed loss. */
    interface BatchScored {
        void scored(int batch, int count, double lossSum);
    }

    /**
     * Runs the block over every example in batches.
     *
     * @param keepPredictions whether to keep each example's predicted class (classification only)
     */
    static Scores of(Block block, NDManager manager, Examples examples, Loss loss, boolean keepPredictions) {
        return of(block, manager, examples, loss, keepPredictions, (batch, count, lossSum) -> { });
    }

    /** The same, telling {@code each} after every batch. */
    static Scores of(Block block, NDManager manager, Examples examples, Loss loss, boolean keepPredictions,
                     BatchScored each) {
        int n = examples.size();
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        long[] predictions = keepPredictions && loss.classifies() ? new long[n] : null;
        double lossSum = 0;
        long correct = 0;
        double absoluteErrors = 0;
        ParameterStore store = new ParameterStore(manager, false);
        int width = Math.toIntExact(examples.exampleShape().size());
        ByteBuffer bytes = ByteBuffer.allocateDirect(BATCH * width * Float.BYTES).order(ByteOrder.nativeOrder());
        try (NativeSteps.GradientMode noGradients = NativeSteps.withoutGradients()) {
            for (int from = 0; from < n; from += BATCH) {
                int count = Math.min(BATCH, n - from);
                try (NDManager step = manager.newSubManager()) {
                    FloatBuffer x = bytes.clear().asFloatBuffer();
                    examples.copyFeatures(order, from, count, x);
                    bytes.limit(x.position() * Float.BYTES); // a direct ByteBuffer is used as it is, not copied
                    NDArray features = step.create(bytes, new Shape(count).addAll(examples.exampleShape()), DataType.FLOAT32);
                    NDArray labels = Batches.labels(step, examples, order, from, count, loss);
                    NDArray output = Batches.asColumnsIfFlat(block.forward(store, new NDList(features), false).singletonOrThrow());
                    double batchLoss = loss.sign() * loss.signedSum(output, labels).getFloat();
                    lossSum += batchLoss;
                    if (loss.classifies()) {
                        NDArray predicted = output.argMax(1);
                        correct += predicted.eq(labels.reshape(-1)).sum().getLong();
                        if (predictions != null) {
                            System.arraycopy(predicted.toType(DataType.INT64, false).toLongArray(), 0, predictions, from, count);
                        }
                    } else {
                        absoluteErrors += output.sub(labels).abs().sum().getFloat();
                    }
                    each.scored(from / BATCH + 1, count, batchLoss);
                }
            }
        }
        double accuracy = loss.classifies() ? (double) correct / n : Double.NaN;
        double mae = loss.classifies() ? Double.NaN : absoluteErrors / n;
        return new Scores(lossSum / n, accuracy, mae, predictions);
    }

    /** A metric by the name {@code --metrics} uses: {@code accuracy} or {@code mae}. */
    double metric(String name) {
        return name.equals("accuracy") ? accuracy : mae;
    }
}
