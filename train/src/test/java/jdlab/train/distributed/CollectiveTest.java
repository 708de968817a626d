package jdlab.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import jdlab.train.distributed.Collective.Reduce;
import org.junit.jupiter.api.Test;

/** Ranks as threads of one JVM, over real sockets on the loopback address. */
class CollectiveTest {

    private static final Duration CONNECT = Duration.ofSeconds(20);

    /** Connects {@code n} ranks and runs the body on each; returns their results in rank order. */
    private static <T> List<T> onRanks(int n, Function<Collective, T> body) throws Exception {
        List<Collective.Rendezvous> rendezvous = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rendezvous.add(Collective.listen(InetAddress.getLoopbackAddress()));
            addresses.add(rendezvous.get(r).address());
        }
        ExecutorService ranks = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                int rank = r;
                results.add(ranks.submit(() -> {
                    try (Collective c = rendezvous.get(rank).connect(rank, addresses, CONNECT)) {
                        return body.apply(c);
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> result : results) {
                out.add(result.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            ranks.shutdownNow();
            assertTrue(ranks.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    private static float[] wholeNumbers(int length, int seed) {
        Random random = new Random(seed);
        float[] data = new float[length];
        for (int i = 0; i < length; i++) {
            data[i] = random.nextInt(2001) - 1000; // sums of these are exact in float, whatever the order
        }
        return data;
    }

    @Test
    void allReduceSumsAndAveragesEveryRanksArrayForSeveralWorldSizesAndLengths() throws Exception {
        for (int n : new int[] {1, 2, 3, 4}) {
            for (int length : new int[] {0, 1, 3, 1_000, 100_003}) {
                float[] expected = new float[length];
                for (int r = 0; r < n; r++) {
                    float[] mine = wholeNumbers(length, r);
                    for (int i = 0; i < length; i++) {
                        expected[i] += mine[i];
                    }
                }
                List<float[]> sums = onRanks(n, c -> {
                    float[] data = wholeNumbers(length, c.rank());
                    c.allReduce(data, Reduce.SUM);
                    return data;
                });
                for (float[] sum : sums) {
                    assertArrayEquals(expected, sum, "n=" + n + " length=" + length);
                }
                List<float[]> means = onRanks(n, c -> {
                    float[] data = wholeNumbers(length, c.rank());
                    c.allReduce(data, Reduce.MEAN);
                    return data;
                });
                for (int i = 0; i < length; i++) {
                    assertEquals(expected[i] / n, means.get(0)[i], 1e-3, "mean at " + i);
                }
            }
        }
    }

    @Test
    void everyRankEndsAnAllReduceWithTheSameBits() throws Exception {
        List<float[]> sums = onRanks(3, c -> {
            Random random = new Random(c.rank());
            float[] data = new float[10_007];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            c.allReduce(data, Reduce.SUM);
            return data;
        });
        assertArrayEquals(sums.get(0), sums.get(1), 0f);
        assertArrayEquals(sums.get(0), sums.get(2), 0f);
    }

    @Test
    void broadcastGivesTheRootsArrayToEveryRank() throws Exception {
        float[] root = wholeNumbers(50_000, 7);
        List<float[]> got = onRanks(3, c -> c.broadcast(c.rank() == 1 ? root : new float[root.length], 1));
        for (float[] one : got) {
            assertArrayEquals(root, one, 0f);
        }
    }

    @Test
    void allGatherGivesEveryRanksArrayInRankOrderWhateverTheirLengths() throws Exception {
        List<float[][]> got = onRanks(4, c -> c.allGather(wholeNumbers(c.rank() * 3, c.rank())));
        for (float[][] all : got) {
            for (int r = 0; r < 4; r++) {
                assertArrayEquals(wholeNumbers(r * 3, r), all[r], 0f);
            }
        }
    }

    @Test
    void barrierReturnsOnlyOnceEveryRankHasCalledIt() throws Exception {
        long late = 400;
        List<Long> returned = onRanks(3, c -> {
            long start = System.nanoTime();
            if (c.rank() == 2) {
                sleep(late);
            }
            c.barrier();
            return (System.nanoTime() - start) / 1_000_000;
        });
        for (long millis : returned) {
            assertTrue(millis >= late - 20, "returned after " + millis + " ms");
        }
    }

    @Test
    void djlArraysAreReducedAndBroadcastInPlace() throws Exception {
        List<float[]> got = onRanks(2, c -> {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray summed = manager.create(new float[] {c.rank() + 1f, 10f * (c.rank() + 1)}).reshape(2, 1);
                c.allReduce(summed, Reduce.MEAN);
                NDArray shared = manager.create(new float[] {c.rank(), c.rank()});
                c.broadcast(shared, 1);
                float[] both = new float[4];
                System.arraycopy(summed.toFloatArray(), 0, both, 0, 2);
                System.arraycopy(shared.toFloatArray(), 0, both, 2, 2);
                return both;
            }
        });
        for (float[] one : got) {
            assertArrayEquals(new float[] {1.5f, 15f, 1f, 1f}, one, 0f);
        }
    }

    @Test
    void aRankThatClosesMakesTheOthersFailWithinSeconds() throws Exception {
        List<String> outcomes = onRanks(3, c -> {
            if (c.rank() == 1) {
                c.close();
                return "closed";
            }
            long start = System.nanoTime();
            CollectiveException e = assertThrows(CollectiveException.class,
                    () -> c.allReduce(new float[100_000], Reduce.SUM));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 5_000, "failed after " + millis + " ms");
            return e.getMessage();
        });
        assertTrue(outcomes.get(2).contains("rank 1"), outcomes.get(2));
    }

    @Test
    void anInterruptEndsAnOperationAtOnceAndTheOtherRanksFailToo() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        List<Boolean> ok = onRanks(2, c -> {
            if (c.rank() == 0) {
                Thread self = Thread.currentThread();
                Thread interrupter = new Thread(() -> {
                    sleep(300);
                    self.interrupt();
                });
                interrupter.start();
                long start = System.nanoTime();
                assertThrows(CollectiveException.class, () -> c.allReduce(new float[10], Reduce.SUM));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 1_300, "stopped after " + millis + " ms");
                Thread.interrupted();
                waiting.countDown();
                return true;
            }
            await(waiting); // rank 1 joins only after rank 0 gave up
            assertThrows(CollectiveException.class, () -> c.allReduce(new float[10], Reduce.SUM));
            return true;
        });
        assertEquals(List.of(true, true), ok);
    }

    @Test
    void anOperationThatWaitsLongerThanItsTimeoutFails() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        onRanks(2, c -> {
            if (c.rank() == 0) {
                c.withTimeout(Duration.ofMillis(300));
                long start = System.nanoTime();
                CollectiveException e = assertThrows(CollectiveException.class, c::barrier);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= 250 && millis < 3_000, "timed out after " + millis + " ms");
                assertTrue(e.getMessage().contains("timed out waiting for rank 1"), e.getMessage());
                done.countDown();
            } else {
                await(done);
            }
            return null;
        });
    }

    @Test
    void connectingClosesTheListeningSocketAndCloseIsIdempotent() throws Exception {
        Collective.Rendezvous alone = Collective.listen(InetAddress.getLoopbackAddress());
        String address = alone.address();
        Collective c = alone.connect(0, List.of(address), CONNECT);
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        float[] data = {1, 2};
        c.allReduce(data, Reduce.MEAN);
        assertArrayEquals(new float[] {1, 2}, data, 0f);
        c.close();
        c.close();
        assertThrows(CollectiveException.class, c::barrier);
    }

    @Test
    void aRankOutsideTheAddressesIsRefused() throws IOException {
        try (Collective.Rendezvous r = Collective.listen(InetAddress.getLoopbackAddress())) {
            assertThrows(IllegalArgumentException.class, () -> r.connect(2, List.of(r.address(), r.address()), CONNECT));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
