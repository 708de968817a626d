package jdlab.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import jdlab.train.data.Examples;

/**
 * The batch both runtimes are given: the first examples of the data asked for, or seeded random
 * input of the model's shape. Labels, when the data has classes, score the int8 model's accuracy.
 */
record CheckData(float[] inputs, Shape batchShape, int[] labels, List<String> classNames, String source) {

    private static final long SEED = 42;

    /** {@code data}: {@link Examples}, an {@link NDArray} with the batch axis first, or null for random input. */
    static CheckData of(Object data, int samples, Shape inputShape) {
        Shape example = inputShape.slice(1);
        if (data == null) {
            Random random = new Random(SEED);
            float[] inputs = new float[Math.toIntExact(samples * example.size())];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) random.nextGaussian();
            }
            return new CheckData(inputs, batch(samples, example), null, List.of(), "random input (seed " + SEED + ")");
        }
        if (data instanceof Examples examples) {
            fits(examples.exampleShape(), example);
            int n = Math.min(samples, examples.size());
            int[] order = IntStream.range(0, n).toArray();
            FloatBuffer buffer = FloatBuffer.allocate(Math.toIntExact(n * example.size()));
            examples.copyFeatures(order, 0, n, buffer);
            int[] labels = examples.classes() > 0 ? IntStream.range(0, n).map(i -> (int) examples.label(i)).toArray() : null;
            return new CheckData(buffer.array(), batch(n, example), labels, examples.classNames(),
                    n + " examples of the check data");
        }
        if (data instanceof NDArray array) {
            fits(array.getShape().slice(1), example);
            long n = Math.min(samples, array.getShape().get(0));
            float[] inputs = array.get("0:" + n).toType(DataType.FLOAT32, false).toFloatArray();
            return new CheckData(inputs, batch((int) n, example), null, List.of(), n + " rows of the check array");
        }
        throw new IllegalArgumentException("the check data must be jdlab.train.data.Examples or an NDArray, not "
                + data.getClass().getName());
    }

    int samples() {
        return Math.toIntExact(batchShape.get(0));
    }

    // Examples of the same size in another shape are the same values: (64) for (1, 8, 8).
    private static void fits(Shape given, Shape expected) {
        if (given.size() != expected.size()) {
            throw new IllegalArgumentException("the check data's examples have shape " + given
                    + ", the model takes " + expected);
        }
    }

    private static Shape batch(int n, Shape example) {
        return new Shape(n).addAll(example);
    }
}
