package jdlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies an optimizer to a block's parameters after each backward pass, and owns its state
 * (momentum, Adam's moments) so that a checkpoint can carry it.
 *
 * <p>Plain SGD takes its gradients already multiplied by the learning rate (the backward seed
 * carries it), so a weight's update is one subtraction, as in PyTorch's own SGD.
 */
final class Updater {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final float NO_CLIP = -1f;

    private final Optimizer kind;
    private final float learningRate;
    private final float weightDecay;
    private final float momentum;
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> state = new ArrayList<>();
    private long steps;

    Updater(Optimizer kind, float learningRate, float weightDecay, float momentum, List<Parameter> parameters, NDManager manager) {
        this.kind = kind;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        for (Parameter parameter : parameters) {
            if (!parameter.requiresGradient()) {
                continue;
            }
            NDArray weight = parameter.getArray();
            weights.add(weight);
            int slots = switch (kind) {
                case SGD -> momentum == 0 ? 0 : 1;
                case ADAM, ADAMW -> 2;
            };
            for (int i = 0; i < slots; i++) {
                state.add(manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice()));
            }
        }
    }

    /** Whether the gradients should come already multiplied by the learning rate. */
    boolean wantsScaledGradients() {
        return kind == Optimizer.SGD && momentum == 0 && weightDecay == 0;
    }

    /** Updates every weight from its gradient and zeroes the gradient for the next step. */
    void step() {
        steps++;
        float biasCorrection = kind == Optimizer.SGD ? 0
                : (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps)));
        int slot = 0;
        for (NDArray weight : weights) {
            NDArray gradient = weight.getGradient();
            if (wantsScaledGradients()) {
                weight.subi(gradient);
                NativeSteps.zeroGradient(weight, gradient);
            } else if (kind == Optimizer.SGD) {
                NDArray velocity = state.get(slot++);
                weight.getNDArrayInternal().sgdUpdate(new NDList(weight, gradient, velocity), new NDList(weight),
                        learningRate, weightDecay, 1f, NO_CLIP, momentum, false);
            } else {
                NDArray mean = state.get(slot++);
                NDArray variance = state.get(slot++);
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, gradient, mean, variance), new NDList(weight),
                        learningRate, biasCorrection, weightDecay, 1f, NO_CLIP, BETA1, BETA2, EPSILON, false,
                        kind == Optimizer.ADAMW);
            }
            gradient.close();
        }
    }

    /** The optimizer's state arrays, in a fixed order, for a checkpoint. */
    List<NDArray> state() {
        return state;
    }

    /** How many steps were taken: Adam's bias correction depends on it. */
    long steps() {
        return steps;
    }

    /** Restores what {@link #state()} and {@link #steps()} gave. */
    void restore(List<NDArray> saved, long savedSteps) {
        if (saved.size() != state.size()) {
            throw new IllegalStateException("the checkpoint holds " + saved.size() + " optimizer arrays; "
                    + kind + " here needs " + state.size() + " (was it written with another optimizer?)");
        }
        for (int i = 0; i < saved.size(); i++) {
            saved.get(i).copyTo(state.get(i));
        }
        steps = savedSteps;
    }

    @Override
    public String toString() {
        return kind + " lr=" + learningRate + (momentum != 0 ? " momentum=" + momentum : "")
                + (weightDecay != 0 ? " weight decay=" + weightDecay : "");
    }
}
