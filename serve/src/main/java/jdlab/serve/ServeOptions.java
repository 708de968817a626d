package jdlab.serve;

import java.time.Duration;

/**
 * How a model is served.
 *
 * @param name the model's name in {@code /predictions/NAME} and in the metrics' {@code model} label
 * @param host the address to bind: loopback unless asked otherwise
 * @param port the port, or 0 for a free one
 * @param engine "djl", "onnx", or null for the model's own: djl for a DJL model, onnx for a file
 * @param maxBatch the most rows a batch gathers
 * @param maxDelay the longest a request waits for others to join its batch
 * @param workers how many batches run side by side
 */
public record ServeOptions(String name, String host, int port, String engine, int maxBatch, Duration maxDelay,
        int workers) {

    /** The largest request body: 4 MiB, some 500 rows of 784 numbers. */
    public static final int MAX_BODY_BYTES = 4 << 20;
    /** How many requests may wait for a batch before more are refused with 503. */
    public static final int QUEUE_CAPACITY = 1024;
    /** A connection idle this long, a client that stops sending half-way included, is closed. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);

    public ServeOptions {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("the name " + name + " must be letters, digits, '.', '_' or '-' (--name)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 (a free one) to 65535, not " + port);
        }
        if (engine != null && !engine.equals("djl") && !engine.equals("onnx")) {
            throw new IllegalArgumentException("unknown --engine " + engine + "; djl or onnx");
        }
        if (maxBatch < 1 || maxBatch > 1024) {
            throw new IllegalArgumentException("--max-batch must be 1 to 1024, not " + maxBatch);
        }
        if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("--max-delay must be 0 to 1000 ms, not " + maxDelay.toMillis());
        }
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("--workers must be 1 to 64, not " + workers);
        }
    }

    /** The defaults: loopback, a free port, the model's engine, batches of up to 32 rows gathered for 5 ms, one worker. */
    public static ServeOptions named(String name) {
        return new ServeOptions(name, "127.0.0.1", 0, null, 32, Duration.ofMillis(5), 1);
    }
}
