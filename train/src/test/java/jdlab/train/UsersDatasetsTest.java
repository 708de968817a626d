package jdlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import jdlab.train.data.DjlMnistCache;
import jdlab.train.data.Examples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Training on data held the ways DJL users hold it: an {@code ArrayDataset} of their own arrays,
 * a {@code RandomAccessDataset} of their own, DJL's {@code Mnist}; the data stays theirs after.
 */
class UsersDatasetsTest {

    private static Examples train;
    private static Examples test;
    private static NDManager users; // the user's own manager: the arrays are theirs, not the trainer's

    @TempDir
    static Path djlCache;

    @BeforeAll
    static void digits() throws IOException {
        List<Examples> parts = TrainingTest.digitsSplit();
        train = parts.get(0);
        test = parts.get(1);
        users = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeUsersManager() {
        users.close();
    }

    @ParameterizedTest(name = "labels {0} of shape {1}")
    @CsvSource({"float32, N", "float32, N1", "int64, N", "int64, N1"})
    void anArrayDatasetOfTheUsersArraysTrainsAndStaysUsable(String type, String shape) throws IOException {
        NDArray x = train.features(users, IntStream.range(0, train.size()).toArray()).reshape(train.size(), 64);
        NDArray y = labels(train, type.equals("int64") ? DataType.INT64 : DataType.FLOAT32, shape.equals("N1"));
        ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(32, true).build();
        ArrayDataset held = new ArrayDataset.Builder().setData(test.features(users, IntStream.range(0, test.size()).toArray()))
                .optLabels(labels(test, DataType.FLOAT32, false)).setSampling(32, false).build();

        TrainingResult run = Training.of(TrainingTest.mlp()).data(dataset).validate(held)
                .epochs(5).batch(32).lr(0.01).seed(1).fit();

        assertTrue(run.history().last("val_accuracy") >= 0.9, run.history().toString());
        assertTrue(Evaluation.of(run.model(), held).accuracy() >= 0.9, "a dataset scores as classes too");
        assertEquals(train.size() * 64L, x.toFloatArray().length, "the user's features are not closed");
        assertEquals(train.size(), y.toType(DataType.FLOAT32, false).toFloatArray().length, "nor their labels");
        assertEquals(train.size(), examplesIn(dataset), "and the dataset still gives its batches");
    }

    @Test
    void floatTargetsForAModelOfOneOutputStayARegression() throws IOException {
        NDArray x = train.features(users, IntStream.range(0, train.size()).toArray());
        NDArray y = labels(train, DataType.FLOAT32, true).div(9f); // a digit's value, scaled to [0, 1]
        ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(32, true).build();
        SequentialBlock net = new SequentialBlock().add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(32).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(1).build());

        TrainingResult run = Training.of(net).data(dataset).epochs(3).lr(0.01).seed(1).fit();

        assertTrue(run.history().last("train_mae") < 0.3, run.history().toString());
    }

    @Test
    void aRandomAccessDatasetOfTheUsersOwnTrains() throws IOException {
        RandomAccessDataset dataset = new DigitsDataset(new DigitsDataset.Builder().setSampling(16, true));

        TrainingResult run = Training.of(TrainingTest.mlp()).data(dataset).validate(test)
                .epochs(5).batch(32).lr(0.01).seed(1).fit();

        assertTrue(run.history().last("val_accuracy") >= 0.9, run.history().toString());
        assertEquals(train.size(), examplesIn(dataset));
    }

    @Test
    void djlsMnistReadFromItsLocalCacheTrainsAndStaysUsable() throws IOException {
        String before = System.getProperty("DJL_CACHE_DIR");
        System.setProperty("DJL_CACHE_DIR", djlCache.toString());
        try {
            DjlMnistCache.seed(Path.of("..", "notebooks", "data", "mnist"));
            Mnist mnist = Mnist.builder().optUsage(Dataset.Usage.TEST).setSampling(64, true).optLimit(3000).build();
            Mnist held = Mnist.builder().optUsage(Dataset.Usage.TEST).setSampling(64, false).optLimit(3000).build();
            SequentialBlock net = new SequentialBlock().add(ai.djl.nn.Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(64).build()).add(Activation::relu).add(Linear.builder().setUnits(10).build());

            TrainingResult run = Training.of(net).data(mnist).epochs(2).lr(0.001).seed(1).fit();

            assertTrue(run.history().last("train_accuracy") >= 0.8, run.history().toString());
            assertTrue(Evaluation.of(net, held).accuracy() >= 0.8);
            assertEquals(3000, examplesIn(mnist), "the dataset is not closed");
        } finally {
            if (before == null) {
                System.clearProperty("DJL_CACHE_DIR");
            } else {
                System.setProperty("DJL_CACHE_DIR", before);
            }
        }
    }

    private static NDArray labels(Examples examples, DataType type, boolean column) {
        float[] values = new float[examples.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = examples.label(i);
        }
        NDArray labels = users.create(values, column ? new Shape(values.length, 1) : new Shape(values.length));
        return type == DataType.FLOAT32 ? labels : labels.toType(type, false);
    }

    private static long examplesIn(Dataset dataset) throws IOException {
        long count = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    count += batch.getSize();
                }
            }
        } catch (ai.djl.translate.TranslateException e) {
            throw new IOException(e);
        }
        return count;
    }

    /** The digits as a user's own dataset would hold them: one record made per index. */
    private static final class DigitsDataset extends RandomAccessDataset {

        DigitsDataset(BaseBuilder<?> builder) {
            super(builder);
        }

        @Override
        public Record get(NDManager manager, long index) {
            int i = Math.toIntExact(index);
            return new Record(new NDList(train.features(manager, i).reshape(64)),
                    new NDList(manager.create((long) train.label(i))));
        }

        @Override
        protected long availableSize() {
            return train.size();
        }

        @Override
        public void prepare(Progress progress) {
        }

        static final class Builder extends BaseBuilder<Builder> {
            @Override
            protected Builder self() {
                return this;
            }
        }
    }
}
