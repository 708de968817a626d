package jdlab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

/**
 * The places where the PyTorch engine is called past DJL's API, each sparing native operations
 * a step would otherwise pay, or setting a per-thread mode DJL's API leaves to its collector; any
 * other engine takes DJL's public route.
 */
final class NativeSteps {

    private NativeSteps() {
    }

    /**
     * Records this thread's operations for a backward pass until closed. PyTorch's recording mode
     * is per thread, but DJL's collector for it allows one in the whole JVM at a time, which ranks
     * training in threads of one process (a launch on Spark's embedded master) cannot share.
     */
    static Recording recording(Engine engine) {
        if (!"PyTorch".equals(engine.getEngineName())) {
            return new Recording(engine.newGradientCollector(), false);
        }
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(true);
        return new Recording(null, before);
    }

    /** A backward pass's recording: DJL's collector for engines other than PyTorch. */
    record Recording(GradientCollector collector, boolean before) implements AutoCloseable {
        @Override
        public void close() {
            if (collector != null) {
                collector.close();
            } else {
                JniUtils.setGradMode(before);
            }
        }
    }

    /**
     * Back-propagates from {@code loss} with {@code seed} as its gradient: the step's scale (mean,
     * sign, learning rate) rides on the seed instead of costing operations on the loss.
     */
    static void backward(Recording recording, NDArray loss, NDArray seed) {
        if (loss instanceof PtNDArray pt && seed instanceof PtNDArray ptSeed) {
            JniUtils.backward(pt, ptSeed, false, false);
        } else {
            recording.collector().backward(loss.mul(seed));
        }
    }

    /** Gradient recording off for this thread until closed (PyTorch's mode is per thread, on by default). */
    static GradientMode withoutGradients() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return () -> { };
        }
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        return () -> JniUtils.setGradMode(before);
    }

    /** Restores the gradient mode. */
    interface GradientMode extends AutoCloseable {
        @Override
        void close();
    }

    /** Zeroes the gradient of a weight, which DJL's API can only do by arithmetic (and NaN survives arithmetic). */
    static void zeroGradient(NDArray weight, NDArray gradient) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
        } else {
            gradient.muli(0);
        }
    }
}
