package jdlab.serve;

import java.nio.FloatBuffer;

/** A model that turns rows of features into rows of outputs, a batch at a time; several workers call it at once. */
public interface Predictor extends AutoCloseable {

    /** Its engine, the shape of one example and its class names. */
    ModelDescription description();

    /** The outputs of each row, in the order of the rows; every row holds {@link ModelDescription#exampleWidth()} numbers. */
    float[][] predict(float[][] rows) throws Exception;

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
