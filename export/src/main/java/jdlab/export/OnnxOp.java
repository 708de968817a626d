package jdlab.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The ONNX operators the exporter writes, from the default domain. Tribuo's own enum holds those
 * its linear models and trees need; a network needs convolution, pooling and the rest.
 */
enum OnnxOp implements ONNXOperator {
    MAT_MUL("MatMul", 2, 0),
    ADD("Add", 2, 0),
    MUL("Mul", 2, 0),
    CONV("Conv", 2, 1, ints("kernel_shape"), ints("strides"), ints("pads"), ints("dilations"), integer("group")),
    MAX_POOL("MaxPool", 1, 0, ints("kernel_shape"), ints("strides"), ints("pads"), integer("ceil_mode")),
    AVERAGE_POOL("AveragePool", 1, 0, ints("kernel_shape"), ints("strides"), ints("pads"), integer("ceil_mode"),
            integer("count_include_pad")),
    GLOBAL_MAX_POOL("GlobalMaxPool", 1, 0),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, real("epsilon")),
    FLATTEN("Flatten", 1, 0, integer("axis")),
    RELU("Relu", 1, 0),
    LEAKY_RELU("LeakyRelu", 1, 0, real("alpha")),
    SIGMOID("Sigmoid", 1, 0),
    TANH("Tanh", 1, 0),
    ERF("Erf", 1, 0),
    SOFTMAX("Softmax", 1, 0, integer("axis")),
    IDENTITY("Identity", 1, 0),
    // int8: the activations are quantised as they flow, the weights were quantised when written.
    DYNAMIC_QUANTIZE_LINEAR("DynamicQuantizeLinear", 1, 0, 3),
    MAT_MUL_INTEGER("MatMulInteger", 2, 2),
    CONV_INTEGER("ConvInteger", 2, 2, ints("kernel_shape"), ints("strides"), ints("pads"), ints("dilations"),
            integer("group")),
    CAST("Cast", 1, 0, integer("to"));

    private final String name;
    private final int inputs;
    private final int optionalInputs;
    private final int outputs;
    private final Map<String, ONNXAttribute> attributes = new LinkedHashMap<>();

    OnnxOp(String name, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this(name, inputs, optionalInputs, 1, attributes);
    }

    OnnxOp(String name, int inputs, int optionalInputs, int outputs, ONNXAttribute... attributes) {
        this.name = name;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.outputs = outputs;
        Arrays.stream(attributes).forEach(a -> this.attributes.put(a.getName(), a));
    }

    private static ONNXAttribute ints(String name) {
        return new ONNXAttribute(name, AttributeType.INTS, false);
    }

    private static ONNXAttribute integer(String name) {
        return new ONNXAttribute(name, AttributeType.INT, false);
    }

    private static ONNXAttribute real(String name) {
        return new ONNXAttribute(name, AttributeType.FLOAT, false);
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return outputs;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    // The default domain; the model's opset import names its version (every operator here is in opset 13).
    @Override
    public int getOpVersion() {
        return 13;
    }

    @Override
    public String getOpDomain() {
        return "";
    }
}
