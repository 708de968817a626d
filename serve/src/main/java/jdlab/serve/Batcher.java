package jdlab.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Dynamic batching: requests wait in a bounded queue; a worker takes the first, gathers those that
 * follow until the batch holds {@code maxBatch} rows or the first has waited {@code maxDelay}, runs them
 * as one batch and answers each request with its own rows. K workers run batches side by side; one
 * gathers at a time, so a batch is as full as the queue allows. A batch that fails is run again one
 * request at a time, so that only the request that makes the model fail gets the error.
 */
final class Batcher implements AutoCloseable {

    /** A batch function: the outputs of the rows, one a row, in order. */
    interface Model {
        float[][] predict(float[][] rows) throws Exception;
    }

    private record Job(float[][] rows, CompletableFuture<float[][]> answer, long enqueued) { }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Model model;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final int capacity;
    private final IntConsumer batchRan;
    // Unbounded, so that a job taken but too big for the batch goes back first; capacity counts the waiting.
    private final LinkedBlockingDeque<Job> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock gathering = new ReentrantLock();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * Starts {@code workers} threads named {@code threadPrefix-batch-N}.
     *
     * @param capacity how many requests may wait; more are refused with 503
     * @param batchRan told the rows of each batch run
     */
    Batcher(Model model, int maxBatch, Duration maxDelay, int workers, int capacity, String threadPrefix,
            IntConsumer batchRan) {
        if (maxBatch < 1 || workers < 1 || capacity < 1 || maxDelay.isNegative()) {
            throw new IllegalArgumentException("max batch, workers and queue capacity must be 1 or more, and the delay 0 or more");
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelay.toNanos();
        this.capacity = capacity;
        this.batchRan = batchRan;
        for (int i = 1; i <= workers; i++) {
            Thread worker = new Thread(this::work, threadPrefix + "-batch-" + i);
            worker.setDaemon(true);
            this.workers.add(worker);
            worker.start();
        }
    }

    /**
     * Queues rows; the answer completes with their outputs, or with the model's exception.
     *
     * @throws BadRequest 503 when the queue is full or the batcher stopped
     */
    CompletableFuture<float[][]> submit(float[][] rows) {
        if (!running) {
            throw new BadRequest(503, "the server is stopping");
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            throw new BadRequest(503, "the queue is full (" + capacity + " requests wait); retry later");
        }
        Job job = new Job(rows, new CompletableFuture<>(), System.nanoTime());
        queue.addLast(job);
        return job.answer;
    }

    /** How many requests wait for a batch. */
    int depth() {
        return waiting.get();
    }

    /** Stops the workers, waits for them, and fails the requests still waiting. */
    @Override
    public void close() {
        running = false;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Job job; (job = queue.pollFirst()) != null; ) {
            waiting.decrementAndGet();
            job.answer.completeExceptionally(new BadRequest(503, "the server is stopping"));
        }
    }

    private void work() {
        try {
            while (running) {
                List<Job> batch = gather();
                if (!batch.isEmpty()) {
                    run(batch);
                }
            }
        } catch (InterruptedException e) {
            // close() stops the worker
        }
    }

    private List<Job> gather() throws InterruptedException {
        List<Job> batch = new ArrayList<>();
        gathering.lockInterruptibly();
        try {
            Job first = queue.pollFirst(POLL_NANOS, TimeUnit.NANOSECONDS);
            if (first == null) {
                return batch;
            }
            take(batch, first);
            int rows = first.rows.length;
            long deadline = first.enqueued + maxDelayNanos;
            while (rows < maxBatch) {
                long wait = deadline - System.nanoTime();
                Job next = wait > 0 ? queue.pollFirst(wait, TimeUnit.NANOSECONDS) : queue.pollFirst();
                if (next == null) {
                    break;
                }
                if (rows + next.rows.length > maxBatch) {
                    queue.addFirst(next); // the next batch starts with it
                    break;
                }
                take(batch, next);
                rows += next.rows.length;
            }
            return batch;
        } finally {
            gathering.unlock();
        }
    }

    private void take(List<Job> batch, Job job) {
        waiting.decrementAndGet();
        batch.add(job);
    }

    private void run(List<Job> batch) {
        float[][] rows = batch.size() == 1 ? batch.get(0).rows
                : batch.stream().flatMap(j -> Arrays.stream(j.rows)).toArray(float[][]::new);
        float[][] outputs;
        try {
            batchRan.accept(rows.length);
            outputs = model.predict(rows);
            if (outputs.length != rows.length) {
                throw new IllegalStateException("the model gave " + outputs.length + " outputs for " + rows.length + " rows");
            }
        } catch (Exception | LinkageError e) {
            if (batch.size() == 1) {
                batch.get(0).answer.completeExceptionally(e);
            } else {
                batch.forEach(job -> run(List.of(job)));
            }
            return;
        }
        int at = 0;
        for (Job job : batch) {
            float[][] own = new float[job.rows.length][];
            System.arraycopy(outputs, at, own, 0, own.length);
            at += own.length;
            job.answer.complete(own);
        }
    }
}
