package jdlab.serve;

import java.util.List;

/**
 * What a {@link Predictor} takes and answers, as {@code GET /models} lists it.
 *
 * @param engine "djl" or "onnx"
 * @param exampleShape the shape of one example, without the batch dimension: {@code [784]}, {@code [1, 28, 28]}
 * @param labels the class names of a classifier, in the order of its outputs; empty for a regressor
 */
public record ModelDescription(String engine, long[] exampleShape, List<String> labels) {

    /** Copies the shape and the labels: a description does not change. */
    public ModelDescription {
        exampleShape = exampleShape.clone();
        labels = List.copyOf(labels);
    }

    /** A copy of the shape of one example. */
    @Override
    public long[] exampleShape() {
        return exampleShape.clone();
    }

    /** How many numbers one example holds. */
    public int exampleWidth() {
        long width = 1;
        for (long d : exampleShape) {
            width *= d;
        }
        return Math.toIntExact(width);
    }
}
