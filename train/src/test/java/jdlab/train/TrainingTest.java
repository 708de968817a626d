package jdlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdlab.train.data.Digits;
import jdlab.train.data.Examples;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training small MLPs on the 8x8 digits with the real PyTorch engine, on the CPU. */
class TrainingTest {

    private static Examples train;
    private static Examples test;

    @TempDir
    Path folder;

    @BeforeAll
    static void digits() throws IOException {
        List<Examples> parts = digitsSplit();
        train = parts.get(0);
        test = parts.get(1);
    }

    /** The 8x8 digits, split 80/20 with seed 7: the training and test examples these tests share. */
    static List<Examples> digitsSplit() throws IOException {
        return Digits.load(Path.of("..", "notebooks", "data", "digits", "digits.csv.gz")).split(0.8, 7);
    }

    static Block mlp() {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
    }

    @Test
    void anMlpLearnsTheDigitsToNinetyPercentInFiveEpochs() throws IOException {
        TrainingResult run = Training.of(mlp()).data(train).validate(test)
                .epochs(5).batch(32).optimizer("adam").lr(0.01).seed(1).fit();

        assertEquals(5, run.history().size());
        double accuracy = run.history().last("val_accuracy");
        assertTrue(accuracy >= 0.90, "validation accuracy " + accuracy);
        assertTrue(run.history().epoch(5).get("train_loss") < run.history().epoch(1).get("train_loss"));
        assertEquals("trained 5 epochs", run.status());

        Evaluation evaluation = Evaluation.of(run.model(), test);
        assertEquals(accuracy, evaluation.accuracy(), 1e-9, "the evaluation agrees with the last validation");
        int[][] confusion = evaluation.confusion();
        int total = 0;
        int diagonal = 0;
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                total += confusion[i][j];
                diagonal += i == j ? confusion[i][j] : 0;
            }
        }
        assertEquals(test.size(), total);
        assertEquals(test.size() - diagonal, evaluation.misclassified().length);
        assertEquals(10, evaluation.confusionTable().columnCount(), "digits: the row numbers are the actual classes");
        assertEquals("0", evaluation.confusionTable().columnNames().get(0));
        Map<?, ?> heatmap = (Map<?, ?>) ((List<?>) evaluation.heatmap().get("data")).get(0);
        assertEquals(List.of(0, "#f7fbff"), ((List<?>) heatmap.get("colorscale")).get(0), "no examples: the palest colour");
        assertEquals(List.of(1, "#08306b"), ((List<?>) heatmap.get("colorscale")).get(2), "the most: the strongest");
        assertEquals(0, heatmap.get("zmin"));
        int wrong = evaluation.misclassified()[0];
        assertEquals((int) test.label(wrong) + "→" + evaluation.predictions()[wrong], evaluation.labels(wrong).get(0));
    }

    @Test
    void aRegressionOnATableLearnsTheTargetsScale() throws IOException {
        Table penguins = Table.read().csv(Path.of("..", "notebooks", "data", "palmer-penguins", "penguins.csv").toFile())
                .removeColumns("year");
        penguins.addColumns(penguins.numberColumn("body_mass_g").divide(1000).setName("body_mass_kg"));
        penguins.removeColumns("body_mass_g");
        int[] every5th = java.util.stream.IntStream.range(0, penguins.rowCount()).filter(i -> i % 5 == 0).toArray();
        int[] others = java.util.stream.IntStream.range(0, penguins.rowCount()).filter(i -> i % 5 != 0).toArray();
        Table[] parts = {penguins.rows(others), penguins.rows(every5th)};
        Block net = new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());
        // Body mass in kilograms (2.7 to 6.3) from the other columns, standardised: an MSE loss, and
        // the mean absolute error as the metric by default.
        TrainingResult run = Training.of(net).data(parts[0]).validate(parts[1]).label("body_mass_kg")
                .epochs(40).batch(16).optimizer("adam").lr(0.01).seed(1).fit();

        double mae = run.history().last("val_mae");
        assertTrue(mae < 0.4, "mean absolute error " + mae + " kg\n" + run.history());
        assertEquals(Math.sqrt(run.history().last("val_loss")) > mae, true, "RMSE is at least the MAE");
    }

    @Test
    void aConfusionTableOfNamedClassesNamesTheActualClassInItsFirstColumn() throws IOException {
        Table penguins = Table.read().csv(Path.of("..", "notebooks", "data", "palmer-penguins", "penguins.csv").toFile());
        Block net = new SequentialBlock().add(Linear.builder().setUnits(3).build());
        Training.of(net).data(penguins).label("species").epochs(1).seed(1).fit();

        Table confusion = Evaluation.of(net, penguins).confusionTable();

        assertEquals(4, confusion.columnCount());
        assertEquals("actual", confusion.columnNames().get(0));
        assertTrue(confusion.stringColumn("actual").asList().contains("Gentoo"));
    }

    @Test
    void theMetricMustFitTheLabels() {
        assertEquals("metric mae: class labels take accuracy",
                message(() -> Training.of(mlp()).data(train).metrics("mae").fit()));
    }

    @Test
    void plainSgdLearnsToo() throws IOException {
        TrainingResult run = Training.of(mlp()).data(train).validate(test)
                .epochs(5).batch(32).optimizer("sgd").lr(0.1).seed(1).fit();

        assertTrue(run.history().last("val_accuracy") >= 0.90, run.history().toString());
    }

    @Test
    @SuppressWarnings("removal")
    void aBlocksWeightsOutliveTheModelMadeAroundIt() throws IOException {
        Block block = mlp();
        Training.of(block).data(train).epochs(3).lr(0.01).seed(1).fit(); // the result and its model are dropped
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization(); // DJL's models close their manager when finalized
        }

        assertTrue(Evaluation.of(block, test).accuracy() > 0.5, "the weights are still there and trained");
    }

    @Test
    void theSameSeedGivesTheSameWeights() throws IOException {
        Block first = mlp();
        Block second = mlp();
        Training.of(first).data(train).epochs(2).optimizer("sgd").lr(0.1).seed(3).fit();
        Training.of(second).data(train).epochs(2).optimizer("sgd").lr(0.1).seed(3).fit();

        assertWeightsEqual(first, second);
    }

    @Test
    void aResumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws IOException {
        for (String optimizer : List.of("sgd", "adam")) {
            Block whole = mlp();
            Training.of(whole).data(train).epochs(4).optimizer(optimizer).lr(0.05).seed(5).fit();

            Path runs = folder.resolve(optimizer);
            Training.of(mlp()).data(train).epochs(2).optimizer(optimizer).lr(0.05).seed(5).checkpoint(runs).fit();
            Block resumed = mlp();
            TrainingResult rest = Training.of(resumed).data(train).epochs(4).optimizer(optimizer).lr(0.05).seed(5)
                    .checkpoint(runs).resume(true).fit();

            assertEquals(4, rest.history().size(), "the history holds the saved epochs and the new ones");
            assertWeightsEqual(whole, resumed);
        }
    }

    @Test
    void earlyStoppingPutsBackTheBestEpochsWeights() throws IOException {
        // A learning rate far too high makes the validation loss climb after the first epochs.
        Block block = mlp();
        TrainingResult run = Training.of(block).data(train).validate(test).epochs(30).batch(16)
                .optimizer("sgd").lr(0.9).seed(2).earlyStop("val_loss:2").checkpoint(folder).fit();

        int best = run.bestEpoch();
        assertTrue(best > 0 && run.history().size() == best + 2, run.status() + "\n" + run.history());
        assertTrue(run.status().startsWith("early stop after epoch " + (best + 2)), run.status());
        double bestLoss = run.history().epoch(best).get("val_loss");
        double now = Scores.of(block, run.model().getNDManager(), test, Loss.CROSS_ENTROPY, false).loss();
        assertEquals(bestLoss, now, 1e-5, "the model scores as its best epoch did");
        assertEquals(best, Checkpoint.read(folder.resolve(Checkpoint.BEST)).epoch());
        assertEquals(best + 2, Checkpoint.read(folder.resolve(Checkpoint.LAST)).epoch());
    }

    @Test
    void aListenerHearsEveryEventInOrderAndCanStopTheRun() throws IOException {
        List<String> heard = new ArrayList<>();
        TrainingListener counter = new TrainingListener() {
            int batches;
            int validationBatches;

            @Override
            public void onTrainingBegin(TrainingState run) {
                heard.add("begin " + run.epochs() + " epochs of " + run.batchesPerEpoch());
            }

            @Override
            public void onTrainingBatch(TrainingState run) {
                batches++;
                assertTrue(run.model().getBlock().getParameters().valueAt(0).getArray().getGradient().abs().sum()
                        .getFloat() > 0, "the gradients are there before the update");
            }

            @Override
            public void onValidationBatch(TrainingState run) {
                validationBatches++;
            }

            @Override
            public void onEpoch(TrainingState run) {
                heard.add("epoch " + run.epoch() + " " + batches + " " + validationBatches + " "
                        + run.metrics().containsKey("val_loss"));
                if (run.epoch() == 2) {
                    run.stop("stopped by the listener after epoch 2");
                }
            }

            @Override
            public void onTrainingEnd(TrainingState run) {
                heard.add("end " + run.status());
            }
        };
        int perEpoch = (train.size() + 99) / 100;
        TrainingResult run = Training.of(mlp()).data(train).validate(test).epochs(5).batch(100).seed(1)
                .listener(counter).fit();

        assertEquals(List.of("begin 5 epochs of " + perEpoch, "epoch 1 " + perEpoch + " 1 true",
                "epoch 2 " + 2 * perEpoch + " 2 true", "end stopped by the listener after epoch 2"), heard);
        assertEquals(2, run.history().size());
        assertEquals("stopped by the listener after epoch 2", run.status());
    }

    @Test
    void aSaveThatFailsHalfwayLeavesTheOldCheckpointWhole() throws IOException {
        Block block = mlp();
        Training.of(block).data(train).epochs(1).seed(1).checkpoint(folder).fit();
        Path last = folder.resolve(Checkpoint.LAST);
        byte[] before = Files.readAllBytes(last);
        Block failing = new SequentialBlock() {
            @Override
            public void saveParameters(java.io.DataOutputStream os) throws IOException {
                block.saveParameters(os);
                throw new IOException("disk full (simulated)");
            }
        };

        assertThrows(IOException.class, () -> Checkpoint.write(last, new Checkpoint.State(2, "", List.of(), 0, 0, 0),
                failing, List.of()));

        assertArrayEquals(before, Files.readAllBytes(last));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(Checkpoint.LAST), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
        assertEquals(1, Checkpoint.read(last).epoch());
    }

    @Test
    @Tag("gpu")
    void onAGpuTheMlpLearnsAsOnTheCpu() throws IOException {
        assumeTrue(Engine.getInstance().getGpuCount() > 0, "no GPU visible to the engine");
        TrainingResult run = Training.of(mlp()).data(train).validate(test).device("gpu")
                .epochs(5).batch(32).optimizer("adam").lr(0.01).seed(1).fit();

        assertTrue(run.model().getNDManager().getDevice().isGpu());
        assertTrue(run.history().last("val_accuracy") >= 0.90, run.history().toString());
    }

    @Test
    void badOptionsAreOneClearLine() {
        Block block = mlp();
        assertEquals("epochs must be 1 or more, not 0", message(() -> Training.of(block).data(train).epochs(0).fit()));
        assertEquals("optimizer rmsprop: use sgd, adam or adamw", message(() -> Training.of(block).optimizer("rmsprop")));
        assertEquals("the model must be a DJL Model or Block, not java.lang.String", message(() -> Training.of("net")));
        assertTrue(message(() -> Training.of(block).data(train).device("gpu").fit()).startsWith("device gpu: no GPU is visible"));
        assertTrue(message(() -> Training.of(block).data(train).earlyStop("val_loss:2").fit())
                .contains("val_ metrics need --validate"));
        Block threeClasses = new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build());
        assertTrue(message(() -> Training.of(threeClasses).data(train).epochs(1).fit())
                .contains("the data has 10 classes"));
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void assertWeightsEqual(Block a, Block b) {
        List<float[]> left = weights(a);
        List<float[]> right = weights(b);
        assertEquals(left.size(), right.size());
        for (int i = 0; i < left.size(); i++) {
            assertArrayEquals(left.get(i), right.get(i), "parameter " + i);
        }
        assertFalse(left.isEmpty());
    }

    private static List<float[]> weights(Block block) {
        List<float[]> all = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            all.add(array.toFloatArray());
        }
        return all;
    }
}
