package jdlab.export;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Map;

/** A DJL block as an ONNX model: one input and one output, named, with a batch dimension of any size. */
final class OnnxModel {

    /** ONNX's IR version 8 (ONNX 1.12): the newest that Debian's python3-onnx checker accepts. */
    static final int IR_VERSION = 8;
    /** The opsets IR version 8 allows, from the first with today's Softmax. */
    static final int MIN_OPSET = 13;
    static final int MAX_OPSET = 17;
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private OnnxModel() {
    }

    static ModelProto of(Block block, Shape inputShape, int opset, boolean int8, Map<String, String> metadata,
            NDManager manager) {
        Graph graph = new Graph();
        String output = new GraphWriter(graph, manager, int8).write(block, INPUT, inputShape);
        graph.output(output, OUTPUT);
        Shape outputShape = block.getOutputShapes(new Shape[] {inputShape})[0];
        graph.proto().setName(block.getClass().getSimpleName())
                .addInput(tensor(INPUT, inputShape))
                .addOutput(tensor(OUTPUT, outputShape));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("jdlab")
                .setProducerVersion(version())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph.proto());
        metadata.forEach((key, value) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }

    // The first dimension is the batch, of any size; the others as the model was built for.
    private static ValueInfoProto tensor(String name, Shape shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        dims.addDimBuilder().setDimParam("batch");
        for (long d : shape.slice(1).getShape()) {
            dims.addDimBuilder().setDimValue(d);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(dims)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    private static String version() {
        String version = OnnxModel.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
