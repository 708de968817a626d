/**
 * A trained model behind HTTP inside the kernel, as {@code %serve} starts it: {@link ModelServer} answers
 * {@code POST /predictions/NAME}, {@code GET /models}, {@code /health} and {@code /metrics} on an embedded
 * Jetty; a {@link Batcher} groups concurrent requests into batches for a {@link Predictor} (DJL or ONNX
 * Runtime); {@link ServeMetrics} counts in the Prometheus client's conventions; {@link Servers} holds what
 * runs and stops it all when the kernel ends; {@link Watch} and {@link LoadTest} watch and load it from a cell.
 */
package jdlab.serve;
