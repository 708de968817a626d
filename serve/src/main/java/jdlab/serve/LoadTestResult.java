package jdlab.serve;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * What a {@link LoadTest} measured: the answered requests' latencies (sorted, in nanoseconds), the errors
 * (answers other than 200, and failed connections) and the throughput, as a line, a table and a chart.
 */
public record LoadTestResult(URI target, int clients, int rows, double seconds, long[] latencies, long errors,
        String firstError) {

    /** The requests answered with 200. */
    public long requests() {
        return latencies.length;
    }

    /** Requests answered with 200 a second. */
    public double throughput() {
        return requests() / seconds;
    }

    /** The q-quantile of the latency in milliseconds (nearest rank); NaN without answers. */
    public double latencyMillis(double q) {
        if (latencies.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * latencies.length) - 1;
        return latencies[Math.max(0, Math.min(latencies.length - 1, rank))] / 1e6;
    }

    /** One row: clients, rows a request, requests, errors, requests/s, rows/s and p50, p95, p99 in ms. */
    public Table table() {
        return Table.create("load test of " + target).addColumns(
                IntColumn.create("clients", new int[] {clients}),
                IntColumn.create("rows a request", new int[] {rows}),
                LongColumn.create("requests", new long[] {requests()}),
                LongColumn.create("errors", new long[] {errors}),
                DoubleColumn.create("requests/s", new double[] {round(throughput())}),
                DoubleColumn.create("rows/s", new double[] {round(throughput() * rows)}),
                DoubleColumn.create("p50 ms", new double[] {round(latencyMillis(0.5))}),
                DoubleColumn.create("p95 ms", new double[] {round(latencyMillis(0.95))}),
                DoubleColumn.create("p99 ms", new double[] {round(latencyMillis(0.99))}));
    }

    /** The latency percentiles as a Plotly bar chart. */
    public Map<String, Object> chart() {
        Map<String, Object> bars = new LinkedHashMap<>();
        bars.put("type", "bar");
        bars.put("x", List.of("p50", "p95", "p99"));
        bars.put("y", List.of(round(latencyMillis(0.5)), round(latencyMillis(0.95)), round(latencyMillis(0.99))));
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", Map.of("text", String.format(Locale.ROOT, "latency with %d clients: %,.0f requests/s",
                clients, throughput())));
        layout.put("yaxis", Map.of("title", Map.of("text", "ms")));
        layout.put("width", 520);
        layout.put("height", 360);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", List.of(bars));
        figure.put("layout", layout);
        return figure;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d requests in %.1f s from %d clients: %,.1f requests/s, p50 %.2f ms,"
                + " p95 %.2f ms, p99 %.2f ms, %,d errors%s", requests(), seconds, clients, throughput(),
                latencyMillis(0.5), latencyMillis(0.95), latencyMillis(0.99), errors,
                firstError == null ? "" : " (first: " + firstError + ")");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
