package jdlab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExportTest {

    private static NDManager manager;

    @TempDir
    Path folder;

    @BeforeAll
    static void manager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void mlpRunsInOnnxRuntimeAsInDjl() throws IOException {
        assertParity(Nets.mlp(manager), "mlp.onnx");
    }

    @Test
    void cnnWithBatchNormAndPoolingRunsInOnnxRuntimeAsInDjl() throws IOException {
        assertParity(Nets.cnn(manager), "cnn.onnx");
    }

    @Test
    void residualNetRunsInOnnxRuntimeAsInDjl() throws IOException {
        assertParity(Nets.residual(manager), "residual.onnx");
    }

    private void assertParity(Block net, String name) throws IOException {
        ExportReport report = Export.onnx(net).samples(16).to(folder.resolve(name));
        assertTrue(report.maxDiff() < 1e-4, report.toString());
        assertEquals(1.0, report.rows().get(0).parity().argmaxAgreement(), report.toString());
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(folder.resolve(name)));
        assertEquals(8, model.getIrVersion());
        assertEquals("batch", model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("output", model.getGraph().getOutput(0).getName());
        assertEquals("jdlab", model.getProducerName());
    }

    @Test
    void oneDimensionalConvolutionsAndPoolingRunInOnnxRuntimeAsInDjl() throws IOException {
        Block net = Nets.initialized(new SequentialBlock()
                .add(ai.djl.nn.convolutional.Conv1d.builder().setKernelShape(new Shape(3)).setFilters(6)
                        .optStride(new Shape(2)).optPadding(new Shape(1)).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(ai.djl.nn.pooling.Pool.maxPool1dBlock(new Shape(2), new Shape(1), new Shape(1)))
                .add(ai.djl.nn.pooling.Pool.globalMaxPool1dBlock())
                .add(Linear.builder().setUnits(3).build()), manager, 1, 2, 20);
        assertParity(net, "conv1d.onnx");
    }

    @Test
    void unnamedActivationsAreRecognisedByWhatTheyCompute() throws IOException {
        Block net = Nets.initialized(new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(ai.djl.nn.Activation::relu)
                .add(Linear.builder().setUnits(8).build())
                .add(x -> new NDList(ai.djl.nn.Activation.leakyRelu(x.head(), 0.2f)))
                .add(Linear.builder().setUnits(4).build())
                .add(x -> new NDList(x.head().softmax(-1))), manager, 1, 5);
        assertParity(net, "unnamed.onnx");
    }

    @Test
    void int8ModelIsSmallerAndAgreesWithTheFloatOne() throws IOException {
        Block net = Nets.initialized(new SequentialBlock()
                .add(Linear.builder().setUnits(256).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build()), manager, 1, 64);
        ExportReport report = Export.onnx(net).quantize("int8").samples(64).to(folder.resolve("mlp.onnx"));
        ExportReport.Row floats = report.rows().get(0);
        ExportReport.Row int8 = report.rows().get(1);
        assertTrue(Files.isRegularFile(folder.resolve("mlp.int8.onnx")));
        assertTrue(floats.bytes() >= 3 * int8.bytes(), floats.bytes() + " against " + int8.bytes());
        assertTrue(int8.parity().argmaxAgreement() >= 0.9, report.table().print());
    }

    @Test
    void anUnsupportedBlockIsNamedWithWhatIsSupported() {
        Block net = Nets.initialized(new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(new LambdaBlock(x -> new NDList(x.head().exp()), "exp")), manager, 1, 3);
        UnsupportedBlockException e = assertThrows(UnsupportedBlockException.class,
                () -> Export.onnx(net).to(folder.resolve("exp.onnx")));
        assertTrue(e.getMessage().startsWith("cannot export the LambdaBlock \"exp\" to ONNX; supported: SequentialBlock"),
                e.getMessage());
        assertFalse(Files.exists(folder.resolve("exp.onnx")));
    }

    @Test
    void aMismatchedInputShapeSaysWhatTheModelTakes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Export.onnx(Nets.mlp(manager)).inputShape(1, 100).to(folder.resolve("mlp.onnx")));
        assertEquals("input shape 1,100 does not fit the model, which takes 1,64", e.getMessage());
    }

    @Test
    void aModelOverTheToleranceLeavesTheOldFileAndNoOther() throws IOException {
        Path target = folder.resolve("mlp.onnx");
        Files.writeString(target, "old");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Export.onnx(Nets.mlp(manager)).tolerance(1e-30).to(target));
        assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void checkDataOfAnotherSizeIsOneClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Export.onnx(Nets.mlp(manager)).check(manager.ones(new Shape(4, 10))).to(folder.resolve("m.onnx")));
        assertEquals("the check data's examples have shape (10), the model takes (64)", e.getMessage());
    }
}
