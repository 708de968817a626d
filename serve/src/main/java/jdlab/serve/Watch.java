package jdlab.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.LiveChart;
import jdlab.api.SafePoints;
import jdlab.api.Stacked;

/**
 * A server's dashboard, one output redrawn each second: a status line over charts of the requests and
 * errors per second, the latency's p50, p95 and p99, and the mean batch size, each point taken over the
 * second before it. The latency quantiles come from the histogram's buckets as Prometheus'
 * {@code histogram_quantile} reads them, so the dashboard and a Prometheus server agree.
 */
public final class Watch {

    private static final Duration STEP = Duration.ofSeconds(1);
    private static final int MOST_POINTS = 300;

    private final ModelServer server;
    private final long seconds;
    private final LiveChart rate;
    private final LiveChart latency;
    private final LiveChart batches;
    private String status;

    private Watch(ModelServer server, long seconds) {
        this.server = server;
        this.seconds = seconds;
        this.rate = LiveChart.detached("requests per second", "seconds", "requests/s", "errors/s")
                .xRange(0, seconds).maxPoints(MOST_POINTS);
        this.latency = LiveChart.detached("latency (ms)", "seconds", "p50", "p95", "p99")
                .xRange(0, seconds).maxPoints(MOST_POINTS);
        this.batches = LiveChart.detached("batch size (rows)", "seconds", "mean rows a batch")
                .xRange(0, seconds).maxPoints(MOST_POINTS);
        this.status = server.name() + ": watching, the first point comes in a second";
    }

    /**
     * Shows the dashboard for {@code length}, or until the cell is interrupted or the server stops; the last
     * frame stays.
     *
     * @return a line that sums up what was watched
     */
    public static String run(ModelServer server, Duration length, KernelContext context) throws InterruptedException {
        Watch watch = new Watch(server, Math.max(1, length.toSeconds()));
        DisplayHandle handle = context.displayUpdatable(watch.frame());
        ServeMetrics.Sample first = server.sample();
        ServeMetrics.Sample last = first;
        long second = 0;
        // An interrupt ends the watch at its next look, which comes within 100 ms, and leaves the last frame.
        try (SafePoints safe = context.stopAtSafePoints()) {
            while (second < watch.seconds && server.isRunning() && sleep(STEP, context)) {
                ServeMetrics.Sample now = server.sample();
                second++;
                watch.add(second, last, now);
                handle.update(watch.frame());
                last = now;
            }
        }
        watch.rate.close();
        watch.latency.close();
        watch.batches.close();
        String summary = String.format(Locale.ROOT, "%s: %,d requests, %,d errors in %d s watched", server.name(),
                last.requests() - first.requests(), last.errors() - first.errors(), second);
        watch.status = summary;
        handle.update(watch.frame());
        return summary;
    }

    private void add(long second, ServeMetrics.Sample before, ServeMetrics.Sample now) {
        double elapsed = (now.nanos() - before.nanos()) / 1e9;
        double requests = (now.requests() - before.requests()) / elapsed;
        double errors = (now.errors() - before.errors()) / elapsed;
        rate.add("requests/s", second, requests);
        rate.add("errors/s", second, errors);
        long[] counts = new long[now.latencyCounts().length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = now.latencyCounts()[i] - before.latencyCounts()[i];
        }
        double p50 = quantile(0.5, ServeMetrics.LATENCY_BOUNDS, counts) * 1000;
        double p95 = quantile(0.95, ServeMetrics.LATENCY_BOUNDS, counts) * 1000;
        double p99 = quantile(0.99, ServeMetrics.LATENCY_BOUNDS, counts) * 1000;
        if (!Double.isNaN(p50)) {
            latency.add("p50", second, p50);
            latency.add("p95", second, p95);
            latency.add("p99", second, p99);
        }
        long batchCount = now.batches() - before.batches();
        double meanBatch = batchCount == 0 ? Double.NaN : (now.batchRows() - before.batchRows()) / batchCount;
        if (batchCount > 0) {
            batches.add("mean rows a batch", second, meanBatch);
        }
        status = String.format(Locale.ROOT, "%s · %d/%d s · %,.1f requests/s · p50 %s · p95 %s · p99 %s · %s rows a"
                + " batch · %,.1f errors/s", server.name(), second, seconds, requests, millis(p50), millis(p95),
                millis(p99), Double.isNaN(meanBatch) ? "–" : String.format(Locale.ROOT, "%.1f", meanBatch), errors);
    }

    private Stacked frame() {
        List<Object> parts = new ArrayList<>(List.of(status, rate, latency, batches));
        return new Stacked(parts);
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    // Sleeps a step, looking for an interrupt every 100 ms; false when one came.
    private static boolean sleep(Duration step, KernelContext context) throws InterruptedException {
        long end = System.nanoTime() + step.toNanos();
        while (System.nanoTime() < end) {
            if (context.interrupted()) {
                return false;
            }
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        return true;
    }

    /**
     * The q-quantile of observations counted in buckets (each bucket's own count, the last one above every
     * bound), as Prometheus' {@code histogram_quantile} estimates it: linearly within the bucket where it
     * falls, the first bucket starting at 0, and the highest bound when it falls above them all; NaN
     * without observations.
     */
    static double quantile(double q, double[] bounds, long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < bounds.length; i++) {
            if (below + counts[i] >= rank && counts[i] > 0) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                return lower + (bounds[i] - lower) * (rank - below) / counts[i];
            }
            below += counts[i];
        }
        return bounds[bounds.length - 1];
    }
}
