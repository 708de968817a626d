package jdlab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlExportTest {

    @TempDir
    Path folder;

    @Test
    void theSameNetworkBuiltAfreshLoadsTheExportedWeightsAndGivesTheSameOutputs() throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block trained = Nets.cnn(manager);
            Path file = Export.djl(trained).property("note", "digits").to(folder);
            assertEquals(folder.resolve("model-0000.params"), file);
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(1, files.count(), "the staging folder is gone");
            }
            Block fresh = Nets.cnnArchitecture();
            try (Model model = Model.newInstance("model")) {
                model.setBlock(fresh);
                model.load(folder, "model");
                assertEquals("digits", model.getProperty("note"));
                assertEquals("[(1, 1, 8, 8)]", model.getProperty("inputShape"));
                var x = manager.randomNormal(new Shape(3, 1, 8, 8));
                float[] expected = trained.forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
                float[] actual = fresh.forward(new ParameterStore(manager, false), new NDList(x), false).head().toFloatArray();
                assertArrayEquals(expected, actual);
            }
        }
    }

    @Test
    void anUntrainedNetworkIsRefusedAndNothingIsWritten() {
        Block untrained = new ai.djl.nn.SequentialBlock().add(ai.djl.nn.core.Linear.builder().setUnits(2).build());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Export.djl(untrained).to(folder.resolve("out")));
        assertEquals("the model has no weights yet: train it first", e.getMessage());
        assertFalse(Files.exists(folder.resolve("out")));
    }
}
