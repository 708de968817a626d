import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdlab.train.distributed.Collective;
import jdlab.train.distributed.Collective.Reduce;

/**
 * What synchronising gradients costs: the all-reduce (sum) of float arrays between ranks that are
 * threads of one JVM, connected over loopback as the ranks of a launch are, for arrays of 1k, 100k
 * (the digits lab's MLP has 101,770 weights) and 1M floats. Prints the median time per all-reduce and
 * the bandwidth it reached, counted as the ring's traffic per rank, 2 (n - 1) / n of the array.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}:
 * {@code java -cp "install/target/lib/*" bench/CollectiveBench.java [ranks]}
 */
public class CollectiveBench {

    public static void main(String[] args) throws Exception {
        int ranks = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        List<Collective> ring = Collective.loopback(ranks);
        System.out.printf("all-reduce (sum) among %d ranks over loopback, %d cores%n", ranks,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%12s %10s %12s %12s%n", "floats", "rounds", "median ms", "MB/s a rank");
        for (int length : new int[] {1_000, 101_770, 1_000_000}) {
            int rounds = length >= 1_000_000 ? 50 : 500;
            double[] millis = new double[rounds];
            List<Thread> threads = new ArrayList<>();
            for (Collective c : ring) {
                Thread t = new Thread(() -> {
                    float[] data = new float[length];
                    for (int i = -rounds / 5; i < rounds; i++) { // a fifth more as warm-up
                        long start = System.nanoTime();
                        c.allReduce(data, Reduce.SUM);
                        if (i >= 0 && c.rank() == 0) {
                            millis[i] = (System.nanoTime() - start) / 1e6;
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            Arrays.sort(millis);
            double median = millis[rounds / 2];
            double bytes = 2.0 * (ranks - 1) / ranks * length * Float.BYTES;
            System.out.printf("%,12d %10d %12.3f %12.0f%n", length, rounds, median, bytes / 1e6 / (median / 1e3));
        }
        ring.forEach(Collective::close);
    }
}
