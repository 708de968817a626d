package jdlab.export;

/**
 * How closely one runtime's outputs follow another's on the same batch: the largest and mean
 * absolute difference, and, for outputs with one score per class, how often the top class agrees.
 */
public record Parity(double maxDiff, double meanDiff, double argmaxAgreement) {

    static Parity of(float[] expected, float[] actual, int perSample) {
        if (expected.length != actual.length) {
            throw new IllegalStateException("ONNX Runtime gave " + actual.length + " outputs, DJL " + expected.length);
        }
        double max = 0;
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            max = Math.max(max, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
            sum += diff;
        }
        int samples = expected.length / perSample;
        int agree = 0;
        for (int s = 0; s < samples; s++) {
            if (argmax(expected, s, perSample) == argmax(actual, s, perSample)) {
                agree++;
            }
        }
        return new Parity(max, sum / expected.length, samples == 0 ? Double.NaN : (double) agree / samples);
    }

    /** The share of samples whose top class is their label. */
    static double accuracy(float[] outputs, int perSample, int[] labels) {
        int right = 0;
        for (int s = 0; s < labels.length; s++) {
            if (argmax(outputs, s, perSample) == labels[s]) {
                right++;
            }
        }
        return (double) right / labels.length;
    }

    private static int argmax(float[] values, int sample, int perSample) {
        int best = 0;
        for (int i = 1; i < perSample; i++) {
            if (values[sample * perSample + i] > values[sample * perSample + best]) {
                best = i;
            }
        }
        return best;
    }
}
