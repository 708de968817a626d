package jdlab.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.IntSupplier;

/**
 * A server's metrics in a registry of its own (not the client's global default, so two servers, or one
 * restarted, never clash), named as Prometheus names them, each labelled {@code model=NAME}:
 * <ul>
 * <li>{@code jdlab_serve_requests_total{code}}: prediction requests answered, by HTTP status;
 * <li>{@code jdlab_serve_errors_total{code}}: those answered with a status of 400 or more;
 * <li>{@code jdlab_serve_request_duration_seconds}: a histogram of their latency, from the request's
 *     arrival to its answer;
 * <li>{@code jdlab_serve_batch_size}: a histogram of the rows in each batch the model ran;
 * <li>{@code jdlab_serve_queue_depth}: requests waiting for a batch;
 * <li>{@code jdlab_serve_in_flight_requests}: prediction requests being answered;
 * <li>{@code jdlab_serve_model_load_seconds}: how long the model took to load.
 * </ul>
 */
public final class ServeMetrics {

    /** The latency buckets in seconds: from half a millisecond, where a small model on a CPU answers, to 10 s. */
    static final double[] LATENCY_BOUNDS = {0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05,
            0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final String model;
    private final Counter requests;
    private final Counter errors;
    private final Histogram latency;
    private final Histogram batchSize;
    private final Gauge inFlight;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    ServeMetrics(String model, double loadSeconds) {
        this.model = model;
        requests = Counter.builder().name("jdlab_serve_requests_total")
                .help("Prediction requests answered, by HTTP status code").labelNames("model", "code").register(registry);
        errors = Counter.builder().name("jdlab_serve_errors_total")
                .help("Prediction requests answered with an error status (400 or more)").labelNames("model", "code")
                .register(registry);
        latency = Histogram.builder().name("jdlab_serve_request_duration_seconds")
                .help("Latency of prediction requests, from arrival to answer").labelNames("model")
                .classicOnly().classicUpperBounds(LATENCY_BOUNDS).register(registry);
        batchSize = Histogram.builder().name("jdlab_serve_batch_size")
                .help("Rows in each batch the model ran").labelNames("model")
                .classicOnly().classicUpperBounds(BATCH_BOUNDS).register(registry);
        inFlight = Gauge.builder().name("jdlab_serve_in_flight_requests").help("Prediction requests being answered")
                .labelNames("model").register(registry);
        Gauge.builder().name("jdlab_serve_model_load_seconds").help("Time the model took to load")
                .labelNames("model").register(registry).labelValues(model).set(loadSeconds);
    }

    /** Reports the depth of the queue, read at each scrape. */
    void queue(IntSupplier depth) {
        GaugeWithCallback.builder().name("jdlab_serve_queue_depth").help("Requests waiting for a batch")
                .labelNames("model").callback(callback -> callback.call(depth.getAsInt(), model)).register(registry);
    }

    void started() {
        inFlight.labelValues(model).inc();
    }

    /** A prediction request answered with {@code status} after {@code seconds}. */
    void answered(int status, double seconds) {
        inFlight.labelValues(model).dec();
        String code = Integer.toString(status);
        requests.labelValues(model, code).inc();
        if (status >= 400) {
            errors.labelValues(model, code).inc();
        }
        latency.labelValues(model).observe(seconds);
    }

    void batch(int rows) {
        batchSize.labelValues(model).observe(rows);
    }

    /** Every metric in the Prometheus text format. */
    byte[] text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return out.toByteArray();
    }

    String contentType() {
        return writer.getContentType();
    }

    /** The counts so far, for a watch to take differences of. */
    Sample sample() {
        long answered = 0;
        long failed = 0;
        for (var point : requests.collect().getDataPoints()) {
            answered += (long) point.getValue();
        }
        for (var point : errors.collect().getDataPoints()) {
            failed += (long) point.getValue();
        }
        long[] counts = new long[LATENCY_BOUNDS.length + 1];
        for (var point : latency.collect().getDataPoints()) {
            ClassicHistogramBuckets buckets = point.getClassicBuckets();
            for (int i = 0; i < counts.length; i++) {
                counts[i] = buckets.getCount(i);
            }
        }
        long batches = 0;
        double batchRows = 0;
        for (var point : batchSize.collect().getDataPoints()) {
            batches = point.getCount();
            batchRows = point.getSum();
        }
        return new Sample(System.nanoTime(), answered, failed, counts, batches, batchRows);
    }

    /**
     * The counters at one moment.
     *
     * @param latencyCounts the observations in each bucket of {@link #LATENCY_BOUNDS}, then over the last
     */
    record Sample(long nanos, long requests, long errors, long[] latencyCounts, long batches, double batchRows) { }
}
