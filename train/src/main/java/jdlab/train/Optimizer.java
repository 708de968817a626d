package jdlab.train;

import java.util.Locale;

/** The optimizers {@code --optimizer} names. */
public enum Optimizer {
    /** Stochastic gradient descent, with optional momentum and weight decay. */
    SGD,
    /** Adam (Kingma and Ba), weight decay added to the gradient. */
    ADAM,
    /** Adam with weight decay applied to the weights apart (Loshchilov and Hutter). */
    ADAMW;

    /** The optimizer named {@code sgd}, {@code adam} or {@code adamw}. */
    public static Optimizer named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizer " + name + ": use sgd, adam or adamw");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
