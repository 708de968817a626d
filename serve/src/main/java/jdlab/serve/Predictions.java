package jdlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * A model's outputs as the API answers them: for a classifier, each row's {@code label}, its
 * {@code probability} and the {@code probabilities} of every class in the order {@code GET /models} lists
 * them; for a regressor, each row's value, or its values when it has several.
 */
final class Predictions {

    private Predictions() {
    }

    static JsonArray of(float[][] outputs, List<String> labels) {
        JsonArray predictions = new JsonArray(outputs.length);
        for (float[] output : outputs) {
            predictions.add(labels.isEmpty() ? values(output) : classified(probabilities(output), labels));
        }
        return predictions;
    }

    /**
     * The outputs as probabilities: a model trained with a softmax cross-entropy loss outputs scores
     * (logits), which softmax turns into probabilities; outputs that are probabilities already (a model
     * ending in softmax) stay as they are.
     */
    static double[] probabilities(float[] output) {
        double sum = 0;
        boolean probabilities = true;
        for (float v : output) {
            probabilities &= v >= 0 && v <= 1;
            sum += v;
        }
        double[] p = new double[output.length];
        if (probabilities && Math.abs(sum - 1) < 1e-4) {
            for (int i = 0; i < output.length; i++) {
                p[i] = output[i];
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float v : output) {
            max = Math.max(max, v);
        }
        double total = 0;
        for (int i = 0; i < output.length; i++) {
            p[i] = Math.exp(output[i] - max);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    private static JsonElement classified(double[] p, List<String> labels) {
        int best = 0;
        JsonArray all = new JsonArray(p.length);
        for (int i = 0; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
            all.add(round(p[i]));
        }
        JsonObject prediction = new JsonObject();
        prediction.addProperty("label", best < labels.size() ? labels.get(best) : Integer.toString(best));
        prediction.addProperty("probability", round(p[best]));
        prediction.add("probabilities", all);
        return prediction;
    }

    private static JsonElement values(float[] output) {
        if (output.length == 1) {
            return new JsonPrimitive(output[0]);
        }
        JsonArray values = new JsonArray(output.length);
        for (float v : output) {
            values.add(v);
        }
        return values;
    }

    // Six digits after the point: a float's precision, without the noise of a double's.
    private static double round(double p) {
        return Math.round(p * 1e6) / 1e6;
    }
}
