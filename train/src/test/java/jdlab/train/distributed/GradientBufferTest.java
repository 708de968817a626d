package jdlab.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdlab.train.Training;
import jdlab.train.TrainingListener;
import jdlab.train.TrainingState;
import jdlab.train.data.Digits;
import jdlab.train.data.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What data-parallel training relies on to fetch each weight's gradient once a run, checked on
 * DJL's PyTorch engine through the training loop itself: from the first backward pass on, a
 * weight's gradient stays in the same native memory, zeroed and added to in place, so a view of it
 * taken at the first step reads every later step's gradient and writes where the optimizer reads;
 * before that pass DJL answers a new array of zeros instead.
 */
class GradientBufferTest {

    private static Examples digits;

    @BeforeAll
    static void digits() throws IOException {
        digits = Digits.load(Path.of("..", "notebooks", "data", "digits", "digits.csv.gz")).take(640);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void aViewTakenAtTheFirstStepReadsAndWritesTheGradientOfEveryLaterStep(String optimizer) throws Exception {
        Block block = mlp();
        FirstStepViews views = new FirstStepViews(block);
        Training.of(block).data(digits).epochs(1).batch(32).optimizer(optimizer).lr(0.05).seed(3).metrics().live(false)
                .listener(views).fit();

        int checks = views.laterSteps * views.weights.size();
        assertEquals(19, views.laterSteps, "640 rows in batches of 32, less the first");
        assertEquals(checks, views.readsAlike, "the first step's view read what a new fetch reads");
        assertEquals(checks, views.changedSinceFirst, "each later gradient differs from the first step's");
        assertEquals(checks, views.writesSeen, "a write through the first step's view reached the gradient");
    }

    @Test
    void beforeTheFirstBackwardPassTheGradientIsANewArrayOfZeros() throws Exception {
        Block block = mlp();
        List<float[]> early = new ArrayList<>();
        List<float[]> first = new ArrayList<>();
        Training.of(block).data(digits).epochs(1).batch(32).optimizer("sgd").lr(0.05).seed(3).metrics().live(false)
                .listener(new TrainingListener() {
                    private NDArray fetchedEarly;

                    @Override
                    public void onTrainingBegin(TrainingState run) {
                        fetchedEarly = weight(block).getGradient();
                    }

                    @Override
                    public void onTrainingBatch(TrainingState run) {
                        if (first.isEmpty()) {
                            early.add(fetchedEarly.toFloatArray());
                            first.add(weight(block).getGradient().toFloatArray());
                            fetchedEarly.close();
                        }
                    }
                }).fit();

        assertArrayEquals(new float[first.get(0).length], early.get(0), "the array fetched before the first step");
        assertTrue(anyNonZero(first.get(0)), "the first step's gradient");
    }

    /** Takes a view of every weight's gradient at the first step and checks it against new fetches later. */
    private static final class FirstStepViews implements TrainingListener {

        private final Block block;
        private final List<NDArray> weights = new ArrayList<>();
        private final List<NDArray> firstArrays = new ArrayList<>();
        private final List<FloatBuffer> views = new ArrayList<>();
        private final List<float[]> firstValues = new ArrayList<>();
        private int laterSteps;
        private int readsAlike;
        private int changedSinceFirst;
        private int writesSeen;

        FirstStepViews(Block block) {
            this.block = block;
        }

        @Override
        public void onTrainingBegin(TrainingState run) {
            for (Parameter parameter : block.getParameters().values()) {
                weights.add(parameter.getArray());
            }
        }

        @Override
        public void onTrainingBatch(TrainingState run) {
            if (views.isEmpty()) {
                for (NDArray weight : weights) {
                    NDArray gradient = weight.getGradient();
                    firstArrays.add(gradient);
                    views.add(gradient.toByteBuffer(true).asFloatBuffer());
                    firstValues.add(gradient.toFloatArray());
                }
                return;
            }
            laterSteps++;
            for (int i = 0; i < weights.size(); i++) {
                FloatBuffer view = views.get(i);
                try (NDArray fetched = weights.get(i).getGradient()) {
                    float[] now = fetched.toFloatArray();
                    float[] seen = new float[now.length];
                    view.get(0, seen);
                    readsAlike += Arrays.equals(now, seen) ? 1 : 0;
                    changedSinceFirst += Arrays.equals(now, firstValues.get(i)) ? 0 : 1;
                    float kept = view.get(0);
                    float marker = kept == 1f ? 2f : 1f;
                    view.put(0, marker);
                    writesSeen += fetched.toFloatArray()[0] == marker ? 1 : 0;
                    view.put(0, kept);
                }
            }
        }

        @Override
        public void onTrainingEnd(TrainingState run) {
            firstArrays.forEach(NDArray::close);
        }
    }

    private static Block mlp() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(16).build())
                .add(Activation::relu).add(Linear.builder().setUnits(10).build());
    }

    private static NDArray weight(Block block) {
        return block.getParameters().valueAt(0).getArray();
    }

    private static boolean anyNonZero(float[] values) {
        for (float value : values) {
            if (value != 0) {
                return true;
            }
        }
        return false;
    }
}
