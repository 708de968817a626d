package jdlab.serve;

import java.nio.FloatBuffer;
import java.util.List;

/** A model that turns rows of features into rows of outputs, a batch at a time; several workers call it at once. */
public interface Predictor extends AutoCloseable {

    /** "djl" or "onnx". */
    String engine();

    /** The shape of one example, without the batch dimension: {@code [784]}, {@code [1, 28, 28]}. */
    long[] exampleShape();

    /** The class names of a classifier, in the order of its outputs; empty for a regressor. */
    List<String> labels();

    /** The outputs of each row, in the order of the rows; every row holds {@link #exampleWidth()} numbers. */
    float[][] predict(float[][] rows) throws Exception;

    /** How many numbers one example holds. */
    default int exampleWidth() {
        long width = 1;
        for (long d : exampleShape()) {
            width *= d;
        }
        return Math.toIntExact(width);
    }

    @Override
    void close();

    /** The rows one after another, as both engines take a batch. */
    static FloatBuffer packed(float[][] rows, int width) {
        FloatBuffer features = FloatBuffer.allocate(rows.length * width);
        for (float[] row : rows) {
            features.put(row);
        }
        return features.flip();
    }

    /** A batch's outputs, one row per example. */
    static float[][] unpacked(FloatBuffer flat, int rows) {
        float[][] answer = new float[rows][flat.remaining() / rows];
        for (float[] row : answer) {
            flat.get(row);
        }
        return answer;
    }
}
