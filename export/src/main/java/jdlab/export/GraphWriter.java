package jdlab.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes a DJL block, as its inference form, into an ONNX {@link Graph}: each block becomes the
 * nodes that compute what its forward pass computes, its parameters the graph's initializers.
 * With {@code int8}, Linear and convolution weights are stored as uint8 and the layers computed
 * in integers.
 */
final class GraphWriter {

    private static final float SQRT_2 = (float) Math.sqrt(2);

    private final Graph graph;
    private final NDManager manager;
    private final boolean int8;

    GraphWriter(Graph graph, NDManager manager, boolean int8) {
        this.graph = graph;
        this.manager = manager;
        this.int8 = int8;
    }

    /** Writes the nodes of {@code block} applied to {@code input}, whose shape is {@code shape}; returns its output. */
    String write(Block block, String input, Shape shape) {
        if (block instanceof SequentialBlock) {
            String value = input;
            Shape current = shape;
            for (Block child : block.getChildren().values()) {
                value = write(child, value, current);
                current = child.getOutputShapes(new Shape[] {current})[0];
            }
            return value;
        }
        if (block instanceof ParallelBlock parallel) {
            return parallel(parallel, input, shape);
        }
        if (block instanceof Linear) {
            return linear(block, input);
        }
        if (block instanceof Conv1d || block instanceof Conv2d) {
            return convolution((Convolution) block, input);
        }
        if (block instanceof BatchNorm) {
            return batchNorm(block, input);
        }
        if (block instanceof Dropout) {
            return input;
        }
        if (block instanceof LambdaBlock lambda) {
            return lambda(lambda, input, shape);
        }
        throw UnsupportedBlockException.of(block.getClass().getSimpleName());
    }

    private String linear(Block block, String input) {
        NDArray weight = parameter(block, "weight").transpose(); // (in, out), as MatMul takes it
        String product = int8 ? integerProduct(OnnxOp.MAT_MUL_INTEGER, input, weight, Map.of())
                : graph.op(OnnxOp.MAT_MUL, input, floats("weight", weight));
        return withBias(block, product, 1);
    }

    private String convolution(Convolution conv, String input) {
        int dims = conv.getKernelShape().dimension();
        Map<String, Object> attributes = Map.of(
                "kernel_shape", ints(conv.getKernelShape()),
                "strides", ints(conv.getStride()),
                "pads", pads(conv.getPadding()),
                "dilations", ints(conv.getDilation()),
                "group", conv.getGroups());
        NDArray weight = parameter(conv, "weight");
        if (int8) {
            return withBias(conv, integerProduct(OnnxOp.CONV_INTEGER, input, weight, attributes), dims + 1);
        }
        String w = floats("weight", weight);
        Parameter bias = conv.getDirectParameters().get("bias");
        return bias == null ? graph.op(OnnxOp.CONV, attributes, input, w)
                : graph.op(OnnxOp.CONV, attributes, input, w, floats("bias", bias.getArray()));
    }

    /**
     * A layer in integers: the input quantised as it flows (uint8, its own scale), the weights once,
     * as uint8 around 128 over ±127 steps. Signed int8 weights over the full range give wrong sums in
     * ONNX Runtime on CPUs without VNNI; uint8 around 128 is right everywhere.
     */
    private String integerProduct(OnnxOp op, String input, NDArray weight, Map<String, Object> attributes) {
        float[] w = weight.toFloatArray();
        float max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max > 0 ? max / 127 : 1;
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = (byte) (Math.round(w[i] / scale) + 128);
        }
        String[] quantised = graph.ops(OnnxOp.DYNAMIC_QUANTIZE_LINEAR, 3, Map.of(), input);
        String weights = graph.uint8("weight_q", weight.getShape().getShape(), q);
        String zero = graph.uint8("weight_zero", new long[0], new byte[] {(byte) 128});
        String sum = graph.op(op, attributes, quantised[0], weights, quantised[2], zero);
        String real = graph.op(OnnxOp.CAST, Map.of("to", DataType.FLOAT.getNumber()), sum);
        String scales = graph.op(OnnxOp.MUL, quantised[1], graph.floats("weight_scale", new long[0], new float[] {scale}));
        return graph.op(OnnxOp.MUL, real, scales);
    }

    // A bias added to a layer's output, broadcast over the dimensions after the channel one.
    private String withBias(Block block, String value, int trailing) {
        Parameter bias = block.getDirectParameters().get("bias");
        if (bias == null) {
            return value;
        }
        long[] dims = new long[trailing];
        Arrays.fill(dims, 1);
        dims[0] = bias.getArray().size();
        return graph.op(OnnxOp.ADD, value, graph.floats("bias", dims, bias.getArray().toFloatArray()));
    }

    private String batchNorm(Block block, String input) {
        int axis = Captured.field(BatchNorm.class, "axis", block, Integer.class);
        if (axis != 1) {
            throw UnsupportedBlockException.of("BatchNorm over axis " + axis + " (ONNX normalises axis 1)");
        }
        float epsilon = Captured.field(BatchNorm.class, "epsilon", block, Float.class);
        NDArray mean = parameter(block, "runningMean");
        long channels = mean.size();
        String gamma = optional(block, "gamma", channels, 1);
        String beta = optional(block, "beta", channels, 0);
        return graph.op(OnnxOp.BATCH_NORMALIZATION, Map.of("epsilon", epsilon),
                input, gamma, beta, floats("mean", mean), floats("variance", parameter(block, "runningVar")));
    }

    // BatchNorm without center or scale has no beta or gamma: ONNX needs them, as zeros or ones.
    private String optional(Block block, String name, long channels, float fill) {
        Parameter parameter = block.getDirectParameters().get(name);
        if (parameter != null) {
            return floats(name, parameter.getArray());
        }
        float[] values = new float[(int) channels];
        Arrays.fill(values, fill);
        return graph.floats(name, new long[] {channels}, values);
    }

    private String lambda(LambdaBlock block, String input, Shape shape) {
        String name = block.getName().toLowerCase(Locale.ROOT);
        if (name.equals("anonymous")) {
            LambdaProbe.Found found = LambdaProbe.identify(block, manager);
            if (found == null) {
                throw UnsupportedBlockException.of("an unnamed LambdaBlock that computes none of the supported functions");
            }
            if (found.name().equals("leakyrelu")) {
                return graph.op(OnnxOp.LEAKY_RELU, Map.of("alpha", found.alpha()), input);
            }
            name = found.name();
        }
        switch (name) {
            case "relu":
                return graph.op(OnnxOp.RELU, input);
            case "leakyrelu":
                return graph.op(OnnxOp.LEAKY_RELU, Map.of("alpha", Captured.of(block).get(Float.class, 0)), input);
            case "sigmoid":
                return graph.op(OnnxOp.SIGMOID, input);
            case "tanh":
                return graph.op(OnnxOp.TANH, input);
            case "gelu":
                return gelu(input);
            case "softmax":
                return graph.op(OnnxOp.SOFTMAX, Map.of("axis", -1), input);
            case "batchflatten", "flatten":
                return graph.op(OnnxOp.FLATTEN, Map.of("axis", 1), input);
            case "identity":
                return input;
            case "maxpool1d", "maxpool2d":
                return pool(OnnxOp.MAX_POOL, Captured.of(block), input, Map.of());
            case "avgpool1d", "avgpool2d": {
                Captured settings = Captured.of(block);
                return pool(OnnxOp.AVERAGE_POOL, settings, input,
                        Map.of("count_include_pad", settings.get(Boolean.class, 1) ? 1 : 0));
            }
            case "globalmaxpool1d", "globalmaxpool2d":
                return global(block, OnnxOp.GLOBAL_MAX_POOL, input, shape);
            case "globalavgpool1d", "globalavgpool2d":
                return global(block, OnnxOp.GLOBAL_AVERAGE_POOL, input, shape);
            default:
                throw UnsupportedBlockException.of("the LambdaBlock \"" + block.getName() + "\"");
        }
    }

    // GELU as PyTorch computes it by default: x/2 (1 + erf(x/sqrt 2)). ONNX has a Gelu operator only from opset 20.
    private String gelu(String input) {
        String erf = graph.op(OnnxOp.ERF, graph.op(OnnxOp.MUL, input, scalar("inverse_sqrt2", 1 / SQRT_2)));
        String half = graph.op(OnnxOp.MUL, input, scalar("half", 0.5f));
        return graph.op(OnnxOp.MUL, half, graph.op(OnnxOp.ADD, erf, scalar("one", 1)));
    }

    private String pool(OnnxOp op, Captured settings, String input, Map<String, Object> extra) {
        Map<String, Object> attributes = new HashMap<>(extra);
        attributes.put("kernel_shape", ints(settings.get(Shape.class, 0)));
        attributes.put("strides", ints(settings.get(Shape.class, 1)));
        attributes.put("pads", pads(settings.get(Shape.class, 2)));
        attributes.put("ceil_mode", settings.get(Boolean.class, 0) ? 1 : 0);
        return graph.op(op, attributes, input);
    }

    // DJL's global pooling drops the pooled dimensions, ONNX's keeps them as ones.
    private String global(Block block, OnnxOp op, String input, Shape shape) {
        String pooled = graph.op(op, input);
        Shape out = block.getOutputShapes(new Shape[] {shape})[0];
        return out.dimension() < shape.dimension() ? graph.op(OnnxOp.FLATTEN, Map.of("axis", 1), pooled) : pooled;
    }

    private String parallel(ParallelBlock block, String input, Shape shape) {
        if (!joinsByAddition(block)) {
            throw UnsupportedBlockException.of("a ParallelBlock whose branches are joined other than by addition");
        }
        List<String> branches = new ArrayList<>();
        for (Block child : block.getChildren().values()) {
            branches.add(write(child, input, shape));
        }
        String sum = branches.get(0);
        for (String branch : branches.subList(1, branches.size())) {
            sum = graph.op(OnnxOp.ADD, sum, branch);
        }
        return sum;
    }

    /**
     * Whether a ParallelBlock's join is the sum of its branches, as in DJL's residual blocks: the
     * join is a lambda, so it is asked, with branches whose sum differs from anything else it could do.
     */
    @SuppressWarnings("unchecked")
    private boolean joinsByAddition(ParallelBlock block) {
        Function<List<NDList>, NDList> join = Captured.field(ParallelBlock.class, "function", block, Function.class);
        int n = block.getChildren().size();
        if (n == 0) {
            return false;
        }
        try (NDManager probe = manager.newSubManager()) {
            List<NDList> outputs = new ArrayList<>();
            NDArray expected = probe.zeros(new Shape(2, 3));
            for (int i = 0; i < n; i++) {
                NDArray branch = probe.arange(6f).reshape(2, 3).mul(Math.pow(10, i)).add(i);
                outputs.add(new NDList(branch));
                expected = expected.add(branch);
            }
            NDList joined = join.apply(outputs);
            return joined.size() == 1 && joined.head().getShape().equals(expected.getShape())
                    && joined.head().allClose(expected);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private NDArray parameter(Block block, String name) {
        Parameter parameter = block.getDirectParameters().get(name);
        if (parameter == null || !parameter.isInitialized()) {
            throw new IllegalArgumentException(block.getClass().getSimpleName() + " has no " + name + ": train the model first");
        }
        return parameter.getArray();
    }

    private String floats(String name, NDArray array) {
        return graph.floats(name, array.getShape().getShape(), array.toFloatArray());
    }

    private String scalar(String name, float value) {
        return graph.floats(name, new long[0], new float[] {value});
    }

    private static int[] ints(Shape shape) {
        return Arrays.stream(shape.getShape()).mapToInt(Math::toIntExact).toArray();
    }

    // DJL pads both ends alike; ONNX lists the beginnings, then the ends.
    private static int[] pads(Shape padding) {
        int[] half = ints(padding);
        int[] both = new int[half.length * 2];
        System.arraycopy(half, 0, both, 0, half.length);
        System.arraycopy(half, 0, both, half.length, half.length);
        return both;
    }
}
