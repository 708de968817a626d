package jdlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdlab.train.data.Digits;
import jdlab.train.data.Examples;
import jdlab.train.distributed.Collective;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training with ranks as threads over a real {@link Collective} on loopback, against
 * one process with the global batch.
 */
class DataParallelTest {

    // Float sums in another order (the ring's against one batch's) differ in the last bits: 6e-8 for
    // SGD and 5e-7 for Adam after 23 steps, measured; one step more or less moves weights by ~1e-3.
    private static final double TOLERANCE = 1e-5;

    private static Examples train;
    private static Examples test;

    @BeforeAll
    static void digits() throws IOException {
        // 1,437 examples: 22 full global batches of 64 and a short last one of 29, split 15/14.
        List<Examples> parts = Digits.load(Path.of("..", "notebooks", "data", "digits", "digits.csv.gz")).split(0.8, 7);
        train = parts.get(0);
        test = parts.get(1);
    }

    @Test
    void twoRanksOfBatch32TakeTheStepsOfOneOfBatch64WithSgdAndAdam() throws Exception {
        for (String optimizer : new String[] {"sgd", "adam"}) {
            Block alone = TrainingTest.mlp();
            TrainingResult single = Training.of(alone).data(train).validate(test).epochs(1).batch(64)
                    .optimizer(optimizer).lr(0.05).seed(3).live(false).fit();

            List<TrainingResult> ranks = onRanks(2, (collective, block) -> Training.of(block).data(train).validate(test)
                    .epochs(1).batch(32).optimizer(optimizer).lr(0.05).seed(collective.rank() == 0 ? 3 : 99)
                    .live(false).distributed(collective).fit());

            List<float[]> expected = weights(alone);
            for (TrainingResult rank : ranks) {
                double worst = maxDifference(expected, weights(rank.model().getBlock()));
                System.out.printf("%s: largest weight difference, 2 x 32 against 1 x 64 after 23 steps: %.2e%n",
                        optimizer, worst);
                assertTrue(worst < TOLERANCE, optimizer + ": weights differ by " + worst);
                for (String metric : List.of("train_loss", "train_accuracy", "val_loss", "val_accuracy")) {
                    assertEquals(single.history().last(metric), rank.history().last(metric), 1e-4, optimizer + " " + metric);
                }
            }
            assertEquals(0.0, maxDifference(weights(ranks.get(0).model().getBlock()), weights(ranks.get(1).model().getBlock())),
                    optimizer + ": the replicas hold the same weights");
        }
    }

    @Test
    void aDistributedRunCannotResume() throws Exception {
        List<String> errors = onRanks(1, (collective, block) -> assertThrows(IllegalArgumentException.class,
                () -> Training.of(block).data(train).checkpoint(Path.of("unused")).resume(true).live(false)
                        .distributed(collective).fit()).getMessage());
        assertTrue(errors.get(0).contains("cannot resume"), errors.get(0));
    }

    private interface RankBody<T> {
        T run(Collective collective, Block block) throws Exception;
    }

    /** Runs the body on n ranks, threads of this JVM, each with a fresh block and its own seed. */
    private static <T> List<T> onRanks(int n, RankBody<T> body) throws Exception {
        List<Collective.Rendezvous> rendezvous = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rendezvous.add(Collective.listen(InetAddress.getLoopbackAddress()));
            addresses.add(rendezvous.get(r).address());
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                int rank = r;
                futures.add(pool.submit(() -> {
                    try (Collective collective = rendezvous.get(rank).connect(rank, addresses, Duration.ofSeconds(20))) {
                        return body.run(collective, TrainingTest.mlp());
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<float[]> weights(Block block) {
        List<float[]> all = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            all.add(p.getValue().getArray().toFloatArray());
        }
        return all;
    }

    private static double maxDifference(List<float[]> a, List<float[]> b) {
        double worst = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).length; j++) {
                worst = Math.max(worst, Math.abs(a.get(i)[j] - b.get(i)[j]));
            }
        }
        return worst;
    }
}
