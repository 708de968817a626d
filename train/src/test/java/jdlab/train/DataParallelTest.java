package jdlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.util.PairList;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdlab.train.data.Examples;
import jdlab.train.distributed.Collective;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training over a real collective on loopback, each rank in a thread: 2 ranks of
 * batch 32 with their gradients summed every step end with the weights of 1 rank of batch 64.
 */
class DataParallelTest {

    private static Examples train;
    private static Examples test;
    private static NDManager weights;

    @BeforeAll
    static void digits() throws IOException {
        List<Examples> parts = TrainingTest.digitsSplit();
        train = parts.get(0);
        test = parts.get(1);
        weights = NDManager.newBaseManager();
    }

    @AfterAll
    static void free() {
        weights.close();
    }

    @Test
    void twoRanksOfBatch32EndWithTheWeightsOfOneOfBatch64WithSgd() throws Exception {
        // 1,437 examples: 22 global batches of 64 and a last one of 29, split 14 and 15 across the ranks.
        assertSameWeights("sgd", 0.1, 1e-6); // float rounding only: measured 6e-8
    }

    @Test
    void twoRanksOfBatch32EndWithTheWeightsOfOneOfBatch64WithAdam() throws Exception {
        // Adam divides by the root of its second moment, so float rounding grows faster than with SGD (measured:
        // 1.8e-7 at this rate, 6e-8 for SGD; 3e-4 at lr 0.05, where a weight whose gradients stay near zero
        // moves by about the rate either way).
        assertSameWeights("adam", 0.01, 1e-5);
    }

    private static void assertSameWeights(String optimizer, double lr, double tolerance) throws Exception {
        Block alone = initialized(4);
        TrainingResult one = Training.of(alone).data(train).validate(test).epochs(2).batch(64).optimizer(optimizer)
                .lr(lr).seed(4).fit();
        // Rank 1 starts from other weights and another seed: rank 0's broadcast makes them equal.
        Block[] replicas = {initialized(4), initialized(99)};
        List<TrainingResult> ranks = onRanks(2, (collective, rank) -> Training.of(replicas[rank]).data(train)
                .validate(test).epochs(2).batch(32).optimizer(optimizer).lr(lr).seed(rank == 0 ? 4 : 99)
                .distributed(collective).fit());

        int steps = 2 * ((train.size() + 63) / 64);
        double apart = maxAbsDifference(alone, replicas[0]);
        System.out.printf("%s: %d steps, max |w(1 rank x 64) - w(2 ranks x 32)| = %.3g; between the ranks %.3g%n",
                optimizer, steps, apart, maxAbsDifference(replicas[0], replicas[1]));
        assertTrue(steps >= 20, steps + " steps");
        assertTrue(apart <= tolerance, "max abs difference " + apart + " over " + tolerance);
        assertEquals(0, maxAbsDifference(replicas[0], replicas[1]), "the replicas stay equal");
        for (TrainingResult rank : ranks) {
            for (String metric : List.of("train_loss", "train_accuracy", "val_loss", "val_accuracy")) {
                assertEquals(one.history().last(metric), rank.history().last(metric), 1e-5,
                        metric + " merged over the ranks as one process records it");
            }
        }
        assertEquals(ranks.get(0).history().last("val_loss"), ranks.get(1).history().last("val_loss"), 0,
                "every rank records the same figures");
    }

    @Test
    void earlyStoppingStopsEveryRankAtTheSameEpoch() throws Exception {
        Block[] replicas = {initialized(2), initialized(2)};
        List<TrainingResult> ranks = onRanks(2, (collective, rank) -> Training.of(replicas[rank]).data(train)
                .validate(test).epochs(30).batch(8).optimizer("sgd").lr(0.9).seed(2).earlyStop("val_loss:2")
                .distributed(collective).fit());

        TrainingResult first = ranks.get(0);
        assertTrue(first.status().startsWith("early stop after epoch"), first.status());
        assertEquals(first.status(), ranks.get(1).status());
        assertEquals(first.bestEpoch(), ranks.get(1).bestEpoch());
        assertEquals(0, maxAbsDifference(replicas[0], replicas[1]), "both put back the same best weights");
    }

    @Test
    void distributedTrainingCannotResume() throws Exception {
        String message = onRanks(1, (collective, rank) -> assertThrows(IllegalArgumentException.class,
                () -> Training.of(initialized(1)).data(train).checkpoint(Path.of("unused")).resume(true)
                        .distributed(collective).fit()).getMessage()).get(0);
        assertEquals("distributed training cannot resume: only rank 0 writes checkpoints, so the other ranks have no"
                + " optimizer state to go on from", message, "one line");
    }

    interface RankBody<T> {
        T run(Collective collective, int rank) throws Exception;
    }

    /** Runs {@code body} on {@code n} ranks, each a thread with its own collective on loopback. */
    static <T> List<T> onRanks(int n, RankBody<T> body) throws Exception {
        List<Collective> ring = Collective.loopback(n);
        ExecutorService threads = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (Collective collective : ring) {
                results.add(threads.submit(() -> {
                    try (collective) {
                        return body.run(collective, collective.rank());
                    }
                }));
            }
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get(2, TimeUnit.MINUTES));
            }
            return values;
        } finally {
            threads.shutdownNow();
            ring.forEach(Collective::close);
        }
    }

    /** An MLP initialized from {@code seed} before any thread starts: the engine's generator is global. */
    private static Block initialized(int seed) {
        Block block = TrainingTest.mlp();
        Engine.getInstance().setRandomSeed(seed);
        block.initialize(weights, DataType.FLOAT32, new Shape(1).addAll(train.exampleShape()));
        return block;
    }

    private static double maxAbsDifference(Block a, Block b) {
        PairList<String, Parameter> left = a.getParameters();
        PairList<String, Parameter> right = b.getParameters();
        double most = 0;
        for (int i = 0; i < left.size(); i++) {
            float[] x = left.valueAt(i).getArray().toFloatArray();
            float[] y = right.valueAt(i).getArray().toFloatArray();
            for (int j = 0; j < x.length; j++) {
                most = Math.max(most, Math.abs(x[j] - y[j]));
            }
        }
        return most;
    }
}
