package jdlab.export;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;

/**
 * An ONNX graph being written: nodes built by Tribuo's operator support, weights as initializers
 * (float, or uint8 for int8 layers, which Tribuo's context cannot hold), every value named once.
 */
final class Graph {

    private final ONNXContext nodeNames = new ONNXContext();
    private final GraphProto.Builder proto = GraphProto.newBuilder();
    private int values;

    /** Adds a node with one output and returns that output's name. */
    String op(OnnxOp op, Map<String, Object> attributes, String... inputs) {
        return ops(op, 1, attributes, inputs)[0];
    }

    String op(OnnxOp op, String... inputs) {
        return op(op, Map.of(), inputs);
    }

    String[] ops(OnnxOp op, int outputs, Map<String, Object> attributes, String... inputs) {
        String[] names = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            names[i] = op.getOpName().toLowerCase() + "_" + values++;
        }
        proto.addNode(op.build(nodeNames, inputs, names, attributes));
        return names;
    }

    /** Renames a value by an Identity node, so that the graph's output has the name asked for. */
    void output(String value, String name) {
        proto.addNode(OnnxOp.IDENTITY.build(nodeNames, value, name));
    }

    String floats(String name, long[] dims, float[] data) {
        TensorProto.Builder tensor = tensor(name, dims, DataType.FLOAT);
        for (float f : data) {
            tensor.addFloatData(f);
        }
        proto.addInitializer(tensor);
        return tensor.getName();
    }

    String uint8(String name, long[] dims, byte[] data) {
        TensorProto.Builder tensor = tensor(name, dims, DataType.UINT8).setRawData(ByteString.copyFrom(data));
        proto.addInitializer(tensor);
        return tensor.getName();
    }

    private TensorProto.Builder tensor(String name, long[] dims, DataType type) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name + "_" + values++).setDataType(type.getNumber());
        for (long d : dims) {
            tensor.addDims(d);
        }
        return tensor;
    }

    GraphProto.Builder proto() {
        return proto;
    }
}
