package jdlab.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.List;
import jdlab.export.Export;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL block and its ONNX export, each served by its predictor, give the same outputs. */
class PredictorsTest {

    private static final float[][] ROWS = {{1, 2, 3, 4}, {-1, 0.5f, 0, 2}, {0, 0, 0, 0}};
    private static NDManager manager;
    private static Block block;

    @BeforeAll
    static void block() {
        manager = NDManager.newBaseManager();
        block = new SequentialBlock().add(Linear.builder().setUnits(8).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void anOnnxExportServedByOnnxRuntimeAnswersAsTheDjlBlockDoes(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("net.onnx");
        Export.onnx(block).inputShape(1, 4).to(file);
        try (Predictor djl = DjlPredictor.of(block); Predictor onnx = OnnxPredictor.of(file)) {
            assertArrayEquals(new long[] {4}, djl.description().exampleShape());
            assertArrayEquals(new long[] {4}, onnx.description().exampleShape());
            float[][] expected = djl.predict(ROWS);
            float[][] actual = onnx.predict(ROWS);
            for (int i = 0; i < ROWS.length; i++) {
                assertArrayEquals(expected[i], actual[i], 1e-5f);
            }
            assertEquals("onnx", onnx.description().engine());
            assertEquals(List.of(), onnx.description().labels());
        }
    }

    @Test
    void aModelLoadedFromAnExportNamesItsClassesByItsLabelsProperty() {
        try (Model model = Model.newInstance("net")) {
            model.setBlock(block);
            model.setProperty("labels", "cat,dog,bird");
            try (Predictor djl = DjlPredictor.of(model)) {
                assertEquals(List.of("cat", "dog", "bird"), djl.description().labels());
            }
        }
    }

    @Test
    void aBlockWithoutWeightsIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DjlPredictor.of(Linear.builder().setUnits(1).build()));
        assertEquals("the model has no weights yet: train it first", refused.getMessage());
    }
}
