package jdlab.train;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The losses training minimises, each as few native operations as it can be: a step's cost on a
 * CPU is mostly a count of operations, not their size.
 */
public enum Loss {
    /** Softmax cross-entropy over class scores: labels are class indices. */
    CROSS_ENTROPY("cross-entropy"),
    /** Mean squared error against targets. */
    MSE("mse"),
    /** Mean absolute error against targets. */
    L1("l1");

    private final String label;

    Loss(String label) {
        this.label = label;
    }

    /** The name {@code --loss} takes. */
    public String label() {
        return label;
    }

    /** The loss named {@code cross-entropy}, {@code mse} or {@code l1}. */
    public static Loss named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Loss loss : values()) {
            if (loss.label.equals(n) || loss.name().toLowerCase(Locale.ROOT).equals(n)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("loss " + name + ": use cross-entropy, mse or l1");
    }

    /** Whether labels are class indices for this loss. */
    public boolean classifies() {
        return this == CROSS_ENTROPY;
    }

    /**
     * The loss summed over the batch, negated for cross-entropy (a sum of log-probabilities, so the
     * caller folds the sign into its scale and spares an operation).
     *
     * @param output the model's output, batch axis first
     * @param labels class indices of shape (batch, 1), or targets shaped like the output
     */
    NDArray signedSum(NDArray output, NDArray labels) {
        return switch (this) {
            case CROSS_ENTROPY -> output.logSoftmax(1).gather(labels, 1).sum();
            case MSE -> output.sub(labels).square().sum();
            case L1 -> output.sub(labels).abs().sum();
        };
    }

    /** The sign that turns {@link #signedSum} into the loss summed over the batch. */
    float sign() {
        return this == CROSS_ENTROPY ? -1f : 1f;
    }

    @Override
    public String toString() {
        return label;
    }
}
