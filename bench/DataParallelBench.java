import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import jdlab.train.Training;
import jdlab.train.TrainingResult;
import jdlab.train.data.Examples;
import jdlab.train.data.Mnist;
import jdlab.train.distributed.Collective;
import jdlab.train.distributed.Collective.Reduce;

/**
 * What data-parallel training costs per step on this machine: the MNIST lab's MLP (flatten, 128
 * relu, 10; 101,770 weights) trained on 6,400 images with a global batch of 64, by 1 rank and by 2
 * ranks of batch 32 (threads of one JVM over a loopback {@link Collective}, as Spark's embedded
 * master runs them), one intra-op thread each; and the all-reduce of the model's gradients alone.
 * The synchronisation's share of a 2-rank step is the all-reduce's time over the step's.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}, with one thread per rank:
 * {@code OMP_NUM_THREADS=1 java -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1
 * -cp install/target/jdlab.jar bench/DataParallelBench.java [rounds]}
 */
public class DataParallelBench {

    private static final int GLOBAL_BATCH = 64;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Examples data = Mnist.train(Path.of("notebooks", "data", "mnist")).take(6_400);
        int steps = data.size() / GLOBAL_BATCH;
        double[] one = new double[rounds];
        double[] two = new double[rounds];
        for (int round = -1; round < rounds; round++) { // one warm-up round
            double alone = epochMillis(data, 1) / steps;
            double pair = epochMillis(data, 2) / steps;
            if (round >= 0) {
                one[round] = alone;
                two[round] = pair;
            }
        }
        double reduce = allReduceMillis(101_770);
        double oneStep = median(one);
        double twoStep = median(two);
        System.out.printf("MNIST MLP, 6,400 images, global batch %d, %d rounds of one epoch (medians), %d cores%n",
                GLOBAL_BATCH, rounds, Runtime.getRuntime().availableProcessors());
        System.out.printf("1 rank  x batch 64: %6.3f ms/step (min-max %.3f-%.3f)%n", oneStep, min(one), max(one));
        System.out.printf("2 ranks x batch 32: %6.3f ms/step (min-max %.3f-%.3f)%n", twoStep, min(two), max(two));
        System.out.printf("all-reduce of 101,770 gradients, 2 ranks: %.3f ms%n", reduce);
        System.out.printf("speed-up 2 ranks / 1: %.2fx; synchronisation's share of a 2-rank step: %.0f %%%n",
                oneStep / twoStep, 100 * reduce / twoStep);
    }

    private static Block mlp() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(128).build())
                .add(Activation::relu).add(Linear.builder().setUnits(10).build());
    }

    // One epoch's seconds as the run records them, the slowest rank's.
    private static double epochMillis(Examples data, int ranks) throws Exception {
        if (ranks == 1) {
            return fit(data, GLOBAL_BATCH, null).history().last("seconds") * 1e3;
        }
        List<Collective> ring = Collective.loopback(ranks);
        List<CompletableFuture<TrainingResult>> runs = new ArrayList<>();
        for (Collective c : ring) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try (c) {
                    return fit(data, GLOBAL_BATCH / ranks, c);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        double slowest = 0;
        for (CompletableFuture<TrainingResult> run : runs) {
            slowest = Math.max(slowest, run.join().history().last("seconds") * 1e3);
        }
        return slowest;
    }

    private static TrainingResult fit(Examples data, int batch, Collective c) throws Exception {
        Training training = Training.of(mlp()).data(data).epochs(1).batch(batch).optimizer("sgd").lr(0.1).seed(1)
                .metrics().live(false);
        return (c == null ? training : training.distributed(c)).fit();
    }

    private static double allReduceMillis(int length) throws Exception {
        List<Collective> ring = Collective.loopback(2);
        double[] millis = new double[200];
        List<CompletableFuture<Void>> ranks = new ArrayList<>();
        for (Collective c : ring) {
            ranks.add(CompletableFuture.runAsync(() -> {
                float[] gradients = new float[length];
                for (int i = -50; i < millis.length; i++) {
                    long start = System.nanoTime();
                    c.allReduce(gradients, Reduce.SUM);
                    if (i >= 0 && c.rank() == 0) {
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }));
        }
        ranks.forEach(CompletableFuture::join);
        ring.forEach(Collective::close);
        return median(millis);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
