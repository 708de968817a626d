package jdlab.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Names an unnamed {@link LambdaBlock} by what it computes. Notebooks write
 * {@code .add(Activation::relu)}, which DJL keeps as an "anonymous" block: it is run on values
 * from -3 to 3 and its output compared with each supported function's.
 */
final class LambdaProbe {

    /** What the block was found to compute: a name {@link GraphWriter} knows, and a leaky ReLU's slope. */
    record Found(String name, float alpha) {
    }

    private static final Map<String, UnaryOperator<NDArray>> CANDIDATES = new LinkedHashMap<>();

    static {
        CANDIDATES.put("identity", x -> x);
        CANDIDATES.put("relu", Activation::relu);
        CANDIDATES.put("sigmoid", Activation::sigmoid);
        CANDIDATES.put("tanh", Activation::tanh);
        CANDIDATES.put("gelu", Activation::gelu);
        CANDIDATES.put("softmax", x -> x.softmax(-1));
        CANDIDATES.put("batchflatten", x -> x.reshape(x.getShape().get(0), -1));
    }

    private LambdaProbe() {
    }

    /** The function the block computes, or null when it is none of those supported. */
    static Found identify(LambdaBlock block, NDManager manager) {
        try (NDManager probe = manager.newSubManager()) {
            NDArray x = probe.linspace(-3f, 2.9f, 24).reshape(new Shape(2, 3, 4));
            NDArray y = block.forward(new ParameterStore(probe, false), new NDList(x), false).singletonOrThrow();
            for (Map.Entry<String, UnaryOperator<NDArray>> candidate : CANDIDATES.entrySet()) {
                NDArray expected = candidate.getValue().apply(x);
                if (expected.getShape().equals(y.getShape()) && expected.allClose(y, 1e-5, 1e-6, false)) {
                    return new Found(candidate.getKey(), 0);
                }
            }
            float alpha = y.getFloat(0, 0, 0) / x.getFloat(0, 0, 0); // x there is -3
            if (alpha > 0 && alpha < 1 && Activation.leakyRelu(x, alpha).allClose(y, 1e-5, 1e-6, false)) {
                return new Found("leakyrelu", alpha);
            }
            return null;
        } catch (RuntimeException e) {
            return null; // a lambda that cannot take the probe is none of the supported ones
        }
    }
}
