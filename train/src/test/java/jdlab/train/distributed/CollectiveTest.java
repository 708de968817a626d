package jdlab.train.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Collectives among ranks as threads, over real sockets on 127.0.0.1. */
class CollectiveTest {

    private long socketsBefore;

    @BeforeEach
    void countSockets() throws Exception {
        socketsBefore = Ranks.openSockets();
    }

    @AfterEach
    void nothingLeftOpen() throws Exception {
        assertEquals(List.of(), Ranks.rankThreads(), "rank threads still alive");
        assertEquals(socketsBefore, Ranks.openSockets(), "sockets or selectors left open");
    }

    @Test
    void allReduceSumsExactly() throws Exception {
        for (int size : new int[] {2, 3, 4}) {
            List<Collective> ring = Collective.loopback(size);
            try {
                for (int length : new int[] {0, 1, 2, 3, 5, 1000, 100_003}) {
                    float[] expected = new float[length];
                    for (int rank = 0; rank < size; rank++) {
                        float[] values = exact(rank, length);
                        for (int i = 0; i < length; i++) {
                            expected[i] += values[i];
                        }
                    }
                    List<Ranks.Outcome<float[]>> results = Ranks.run(ring, c -> {
                        float[] data = exact(c.rank(), length);
                        c.allReduce(data, Collective.Reduce.SUM);
                        return data;
                    });
                    for (Ranks.Outcome<float[]> result : results) {
                        assertArrayEquals(expected, result.get(), "sum of " + length + " over " + size);
                    }
                }
            } finally {
                ring.forEach(Collective::close);
            }
        }
    }

    /** Multiples of 1/4 small enough that every sum is exact, whatever the order. */
    private static float[] exact(int rank, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = ((rank * 31 + i * 7) % 64 - 20) * 0.25f;
        }
        return values;
    }

    @Test
    void meansAreTheSumsDividedByTheWorldSize() throws Exception {
        List<Collective> ring = Collective.loopback(4);
        try {
            int length = 10_001;
            List<Ranks.Outcome<float[]>> results = Ranks.run(ring, c -> {
                float[] data = exact(c.rank(), length);
                c.allReduce(data, Collective.Reduce.MEAN);
                return data;
            });
            for (int i = 0; i < length; i++) {
                float sum = 0;
                for (int rank = 0; rank < 4; rank++) {
                    sum += exact(rank, length)[i];
                }
                for (Ranks.Outcome<float[]> result : results) {
                    assertEquals(sum / 4, result.get()[i], 0f, "element " + i);
                }
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void everyRankEndsWithTheSameBitsForAnyFloats() throws Exception {
        int length = 300_001; // segments larger than a chunk, and of unequal lengths
        List<Collective> ring = Collective.loopback(3);
        try {
            List<Ranks.Outcome<float[]>> results = Ranks.run(ring, c -> {
                float[] data = gaussian(c.rank(), length);
                c.allReduce(data, Collective.Reduce.SUM);
                return data;
            });
            double[] reference = new double[length];
            for (int rank = 0; rank < 3; rank++) {
                float[] values = gaussian(rank, length);
                for (int i = 0; i < length; i++) {
                    reference[i] += values[i];
                }
            }
            float[] first = results.get(0).get();
            for (int i = 0; i < length; i++) {
                assertEquals(reference[i], first[i], 1e-5, "element " + i);
            }
            for (Ranks.Outcome<float[]> result : results) {
                assertTrue(Arrays.equals(first, result.get()), "bit-identical on every rank");
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    private static float[] gaussian(int rank, int length) {
        Random random = new Random(rank);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void broadcastGivesEveryRankTheRootsData() throws Exception {
        List<Collective> ring = Collective.loopback(3);
        try {
            float[] root = gaussian(9, 70_000);
            for (int rootRank : new int[] {0, 1, 2}) {
                List<Ranks.Outcome<float[]>> results = Ranks.run(ring,
                        c -> c.broadcast(c.rank() == rootRank ? root.clone() : null, rootRank));
                for (Ranks.Outcome<float[]> result : results) {
                    assertArrayEquals(root, result.get(), "from rank " + rootRank);
                }
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void allGatherReturnsEveryRanksDataInRankOrder() throws Exception {
        int[] lengths = {3, 0, 100_000, 1};
        List<Collective> ring = Collective.loopback(4);
        try {
            List<Ranks.Outcome<float[][]>> results = Ranks.run(ring, c -> c.allGather(gaussian(c.rank(), lengths[c.rank()])));
            for (Ranks.Outcome<float[][]> result : results) {
                float[][] blocks = result.get();
                assertEquals(4, blocks.length);
                for (int rank = 0; rank < 4; rank++) {
                    assertArrayEquals(gaussian(rank, lengths[rank]), blocks[rank], "rank " + rank + "'s block");
                }
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void barrierReturnsOnlyOnceEveryRankHasReachedIt() throws Exception {
        List<Collective> ring = Collective.loopback(4);
        try {
            long[] arrived = new long[4];
            List<Ranks.Outcome<Long>> results = Ranks.run(ring, c -> {
                Thread.sleep(100L * c.rank());
                arrived[c.rank()] = System.nanoTime();
                c.barrier();
                return System.nanoTime();
            });
            long last = Arrays.stream(arrived).max().orElseThrow();
            for (Ranks.Outcome<Long> result : results) {
                assertTrue(result.get() >= last, "left the barrier before the last rank arrived");
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void loopbackReturnsTheRanksInRankOrderWithNoConnectThreadLeft() throws Exception {
        List<Collective> ring = Collective.loopback(3);
        try {
            assertEquals(List.of(0, 1, 2), ring.stream().map(Collective::rank).toList());
            assertEquals(List.of(3, 3, 3), ring.stream().map(Collective::worldSize).toList());
            assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("jdlab-loopback-connect-")).toList());
        } finally {
            ring.forEach(Collective::close);
        }
        assertThrows(IllegalArgumentException.class, () -> Collective.loopback(0));
    }

    @Test
    void aRingOfOneReturnsItsOwnData() throws Exception {
        Collective.Rendezvous alone = Collective.listen(InetAddress.getLoopbackAddress());
        try (Collective c = alone.connect(0, List.of(alone.address()), Duration.ofSeconds(5))) {
            assertEquals(1, c.worldSize());
            float[] data = {1.5f, -2f};
            c.allReduce(data, Collective.Reduce.MEAN);
            assertArrayEquals(new float[] {1.5f, -2f}, data);
            assertSame(data, c.broadcast(data, 0));
            assertArrayEquals(new float[][] {{1.5f, -2f}}, c.allGather(data));
            c.barrier();
        }
    }

    @Test
    void ranksOutOfStepFailInsteadOfMixingData() throws Exception {
        List<Collective> ring = Collective.loopback(2);
        try {
            List<Ranks.Outcome<Object>> results = Ranks.run(ring, c -> {
                c.allReduce(new float[10 + c.rank()], Collective.Reduce.SUM);
                return null;
            });
            for (Ranks.Outcome<Object> result : results) {
                CollectiveException e = assertInstanceOf(CollectiveException.class, result.error());
                assertTrue(e.getMessage().matches("rank \\d is in allReduce\\(SUM\\) of 1[01] floats .* while rank \\d is in allReduce\\(SUM\\) of 1[01] floats.*"),
                        e.getMessage());
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void aRankThatClosesMidOperationFailsTheOthersWithinSeconds() throws Exception {
        List<Collective> ring = Collective.loopback(3);
        try {
            long closedAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            List<Ranks.Outcome<Object>> results = Ranks.run(ring, c -> {
                if (c.rank() == 2) {
                    Thread.sleep(300); // the others are waiting in the all-reduce by then
                    c.close();
                    c.close();
                    return null;
                }
                c.allReduce(new float[1_000_000], Collective.Reduce.SUM);
                return null;
            });
            for (int rank : new int[] {0, 1}) {
                assertInstanceOf(CollectiveException.class, results.get(rank).error(), "rank " + rank);
                assertTrue(results.get(rank).endedAt() - closedAt < TimeUnit.SECONDS.toNanos(5), "rank " + rank + " failed late");
            }
            assertEquals(2, ((CollectiveException) results.get(0).error()).peer().orElseThrow(), "rank 0 names its peer");
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void anInterruptedRankThrowsWithinASecondAndTheOthersFollow() throws Exception {
        List<Collective> ring = Collective.loopback(3);
        AtomicReference<Thread> blocked = new AtomicReference<>();
        CountDownLatch interrupted = new CountDownLatch(1);
        long[] interruptedAt = new long[1];
        try {
            List<Ranks.Outcome<Boolean>> results = Ranks.run(ring, c -> {
                if (c.rank() == 1) {
                    blocked.set(Thread.currentThread());
                } else if (c.rank() == 2) {
                    Thread.sleep(300);
                    interruptedAt[0] = System.nanoTime();
                    blocked.get().interrupt();
                    interrupted.countDown();
                    Thread.sleep(200); // rank 2 joins late: it finds the ring broken
                }
                try {
                    c.allReduce(new float[100_000], Collective.Reduce.SUM);
                    return null;
                } catch (CollectiveException e) {
                    boolean flag = Thread.currentThread().isInterrupted();
                    throw new CollectiveFailure(e, flag);
                }
            });
            assertTrue(interrupted.await(0, TimeUnit.SECONDS));
            CollectiveFailure failure = assertInstanceOf(CollectiveFailure.class, results.get(1).error());
            assertTrue(failure.interruptFlag, "the interrupt flag is kept");
            assertTrue(failure.getCause().getMessage().startsWith("interrupted during allReduce"), failure.getCause().getMessage());
            assertTrue(results.get(1).endedAt() - interruptedAt[0] < TimeUnit.SECONDS.toNanos(1), "rank 1 threw late");
            for (int rank : new int[] {0, 2}) {
                assertInstanceOf(CollectiveFailure.class, results.get(rank).error(), "rank " + rank);
                assertTrue(results.get(rank).endedAt() - interruptedAt[0] < TimeUnit.SECONDS.toNanos(5), "rank " + rank + " failed late");
            }
        } finally {
            ring.forEach(Collective::close);
        }
    }

    /** A rank's CollectiveException, with whether its thread was still marked interrupted. */
    private static final class CollectiveFailure extends Exception {
        final boolean interruptFlag;

        CollectiveFailure(CollectiveException cause, boolean interruptFlag) {
            super(cause);
            this.interruptFlag = interruptFlag;
        }
    }

    @Test
    void anOperationThatOutlivesItsTimeoutFailsOnEveryRank() throws Exception {
        List<Collective> ring = Collective.loopback(2);
        try {
            List<Ranks.Outcome<Long>> results = Ranks.run(ring, c -> {
                long start = System.nanoTime();
                if (c.rank() == 1) {
                    Thread.sleep(1500); // arrives after rank 0 gave up
                }
                try {
                    c.withTimeout(Duration.ofMillis(500)).allReduce(new float[10], Collective.Reduce.SUM);
                } catch (CollectiveException e) {
                    assertTrue(c.rank() == 1 || e.getMessage().contains("timed out after PT0.5S waiting for rank 1"), e.getMessage());
                    return System.nanoTime() - start;
                }
                return null;
            });
            long waited = results.get(0).get();
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(450) && waited < TimeUnit.SECONDS.toNanos(5), "timed out after " + waited + " ns");
            assertTrue(results.get(1).get() != null, "rank 1 fails too");
            CollectiveException later = assertThrows(CollectiveException.class, () -> ring.get(0).barrier());
            assertTrue(later.getMessage().startsWith("the collective failed earlier: allReduce"), later.getMessage());
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void closeFromAnotherThreadEndsAWaitingOperation() throws Exception {
        List<Collective> ring = Collective.loopback(2);
        try {
            long[] closedAt = new long[1];
            List<Ranks.Outcome<Object>> results = Ranks.run(ring, c -> {
                if (c.rank() == 1) {
                    Thread.sleep(300);
                    closedAt[0] = System.nanoTime();
                    ring.get(0).close(); // rank 0 waits for rank 1, which never calls
                    return null;
                }
                c.barrier();
                return null;
            });
            CollectiveException e = assertInstanceOf(CollectiveException.class, results.get(0).error());
            assertEquals("the collective was closed during barrier (operation 2)", e.getMessage());
            assertTrue(results.get(0).endedAt() - closedAt[0] < TimeUnit.SECONDS.toNanos(1));
            // rank 0 had reached the barrier, so rank 1 may pass it; it cannot pass the next one
            CollectiveException gone = assertThrows(CollectiveException.class, () -> {
                ring.get(1).barrier();
                ring.get(1).barrier();
            });
            assertEquals(0, gone.peer().orElseThrow(), gone.getMessage());
        } finally {
            ring.forEach(Collective::close);
        }
    }

    @Test
    void connectingFailsWhenAPeerNeverConnects() throws Exception {
        Collective.Rendezvous first = Collective.listen(InetAddress.getLoopbackAddress());
        try (Collective.Rendezvous second = Collective.listen(InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class,
                    () -> first.connect(0, List.of(first.address(), second.address()), Duration.ofMillis(500)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), e.toString());
        }
    }

    @Test
    void listeningOnTheWildcardIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Collective.listen(InetAddress.getByName("0.0.0.0")));
    }
}
