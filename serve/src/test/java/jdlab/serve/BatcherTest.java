package jdlab.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatcherTest {

    private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    // Holds the worker in its first batch until released, so that the requests sent meanwhile wait together.
    private Batcher.Model gated(Batcher.Model model) {
        return rows -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return model.predict(rows);
        };
    }

    // Each row's output is its sum and its first number, so each answer can be traced to its own rows.
    private static float[][] sums(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            float sum = 0;
            for (float v : rows[i]) {
                sum += v;
            }
            out[i] = new float[] {sum, rows[i][0]};
        }
        return out;
    }

    private static float[][] rows(float... firsts) {
        float[][] rows = new float[firsts.length][];
        for (int i = 0; i < firsts.length; i++) {
            rows[i] = new float[] {firsts[i], 1};
        }
        return rows;
    }

    @Test
    void requestsWaitingTogetherRunAsBatchesOfAtMostMaxBatchRows() throws Exception {
        try (Batcher batcher = new Batcher(gated(BatcherTest::sums), 4, Duration.ofMillis(100), 1, 100, "test", batches::add)) {
            // The first request holds the worker; the 8 that follow wait and are grouped 4 and 4.
            CompletableFuture<float[][]> first = batcher.submit(rows(100));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            List<CompletableFuture<float[][]>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(batcher.submit(rows(i)));
            }
            release.countDown();
            assertEquals(101f, first.get(10, TimeUnit.SECONDS)[0][0]);
            for (int i = 0; i < 8; i++) {
                float[][] own = answers.get(i).get(10, TimeUnit.SECONDS);
                assertEquals(1, own.length);
                assertArrayEquals(new float[] {i + 1f, i}, own[0]);
            }
        }
        assertEquals(List.of(1, 4, 4), batches);
    }

    @Test
    void aBatchThatIsNotFullRunsWhenItsFirstRequestHasWaitedMaxDelay() throws Exception {
        try (Batcher batcher = new Batcher(BatcherTest::sums, 100, Duration.ofMillis(300), 1, 100, "test", batches::add)) {
            long start = System.nanoTime();
            CompletableFuture<float[][]> a = batcher.submit(rows(1, 2));
            CompletableFuture<float[][]> b = batcher.submit(rows(3));
            assertEquals(2, a.get(10, TimeUnit.SECONDS).length);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertArrayEquals(new float[] {4, 3}, b.get(10, TimeUnit.SECONDS)[0]);
            assertTrue(waited >= 250, "the batch ran after " + waited + " ms, before the delay");
        }
        assertEquals(List.of(3), batches);
    }

    @Test
    void aRequestThatWouldOverfillTheBatchStartsTheNextOne() throws Exception {
        try (Batcher batcher = new Batcher(gated(BatcherTest::sums), 4, Duration.ofMillis(100), 1, 100, "test", batches::add)) {
            CompletableFuture<float[][]> holder = batcher.submit(rows(0));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<float[][]> three = batcher.submit(rows(1, 2, 3));
            CompletableFuture<float[][]> two = batcher.submit(rows(4, 5));
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(3, three.get(10, TimeUnit.SECONDS).length);
            assertArrayEquals(new float[] {5, 4}, two.get(10, TimeUnit.SECONDS)[0]);
        }
        assertEquals(List.of(1, 3, 2), batches);
    }

    @Test
    void aRequestThatMakesTheModelFailGetsTheErrorAndTheOthersTheirAnswers() throws Exception {
        Batcher.Model failsOnNegative = rows -> {
            for (float[] row : rows) {
                if (row[0] < 0) {
                    throw new IllegalArgumentException("negative input");
                }
            }
            return sums(rows);
        };
        try (Batcher batcher = new Batcher(gated(failsOnNegative), 10, Duration.ofMillis(100), 1, 100, "test", batches::add)) {
            CompletableFuture<float[][]> holder = batcher.submit(rows(0));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<float[][]> good = batcher.submit(rows(1));
            CompletableFuture<float[][]> bad = batcher.submit(rows(-1));
            CompletableFuture<float[][]> alsoGood = batcher.submit(rows(2));
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertArrayEquals(new float[] {2, 1}, good.get(10, TimeUnit.SECONDS)[0]);
            assertArrayEquals(new float[] {3, 2}, alsoGood.get(10, TimeUnit.SECONDS)[0]);
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertEquals("negative input", e.getCause().getMessage());
        }
    }

    @Test
    void aFullQueueRefusesWith503AndStoppingFailsTheRequestsStillWaiting() throws Exception {
        Batcher batcher = new Batcher(gated(BatcherTest::sums), 1, Duration.ZERO, 1, 2, "test", batches::add);
        batcher.submit(rows(0));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<float[][]> waiting = batcher.submit(rows(1));
        batcher.submit(rows(2));
        BadRequest full = assertThrows(BadRequest.class, () -> batcher.submit(rows(3)));
        assertEquals(503, full.status());
        assertTrue(full.getMessage().contains("queue is full"), full.getMessage());
        release.countDown();
        batcher.close();
        assertTrue(waiting.isDone());
        assertEquals(503, assertThrows(BadRequest.class, () -> batcher.submit(rows(4))).status());
    }

    @Test
    void closingEndsEveryWorkerThread() {
        Batcher batcher = new Batcher(BatcherTest::sums, 8, Duration.ofMillis(1), 3, 10, "jdlab-batcher-test", batches::add);
        assertEquals(3, threads("jdlab-batcher-test"));
        batcher.close();
        assertEquals(0, threads("jdlab-batcher-test"));
    }

    static long threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
