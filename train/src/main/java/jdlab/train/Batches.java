package jdlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import jdlab.train.data.Examples;

/** How a batch's labels are laid out for the losses: one column, class indices or targets. */
final class Batches {

    private Batches() {
    }

    /** Labels of shape (count, 1): int64 class indices for cross-entropy, float targets otherwise. */
    static NDArray labels(NDManager manager, Examples examples, int[] order, int from, int count, Loss loss) {
        if (loss.classifies()) {
            LongBuffer y = LongBuffer.allocate(count);
            examples.copyClasses(order, from, count, y);
            return manager.create(y.flip(), new Shape(count, 1));
        }
        FloatBuffer y = FloatBuffer.allocate(count);
        examples.copyLabels(order, from, count, y);
        return manager.create(y.flip(), new Shape(count, 1));
    }

    /** A model giving one number per example as a column, so it lines up with the labels. */
    static NDArray asColumnsIfFlat(NDArray output) {
        return output.getShape().dimension() == 1 ? output.expandDims(1) : output;
    }
}
