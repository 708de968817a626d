package jdlab.serve;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * One model behind HTTP on an embedded Jetty, with its {@link Batcher} and {@link ServeMetrics}. Every
 * thread it starts is named {@code jdlab-serve-NAME-...}, and {@link #close()} ends them all and frees
 * the port.
 */
public final class ModelServer implements AutoCloseable {

    /** The most threads Jetty answers with: answers wait for their batch without holding one. */
    private static final int HTTP_THREADS = 32;

    private final ServeOptions options;
    private final Predictor predictor;
    private final double loadSeconds;
    private final ServeMetrics metrics;
    private final Batcher batcher;
    private final Server jetty;
    private final ServerConnector connector;
    private int port; // kept past the stop, to name where it was

    private ModelServer(Predictor predictor, ServeOptions options, double loadSeconds) {
        this.options = options;
        this.predictor = predictor;
        this.loadSeconds = loadSeconds;
        String threads = threadPrefix(options.name());
        this.metrics = new ServeMetrics(options.name(), loadSeconds);
        this.batcher = new Batcher(predictor::predict, options.maxBatch(), options.maxDelay(), options.workers(),
                ServeOptions.QUEUE_CAPACITY, threads, metrics::batch);
        metrics.queue(batcher::depth);
        QueuedThreadPool pool = new QueuedThreadPool(HTTP_THREADS, 2);
        pool.setName(threads + "-http");
        pool.setDaemon(true);
        this.jetty = new Server(pool, new ScheduledExecutorScheduler(threads + "-scheduler", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false); // a model server need not tell the network which Jetty it runs
        this.connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        connector.setIdleTimeout(ServeOptions.IDLE_TIMEOUT.toMillis());
        jetty.addConnector(connector);
        jetty.setHandler(new Api(this, batcher, metrics, pool));
        jetty.setErrorHandler(new Api.Errors());
    }

    /**
     * Serves a predictor; closes it if the server cannot start.
     *
     * @param loadSeconds how long the model took to load, for {@code jdlab_serve_model_load_seconds}
     */
    public static ModelServer start(Predictor predictor, ServeOptions options, double loadSeconds) throws Exception {
        ModelServer server = null;
        try {
            server = new ModelServer(predictor, options, loadSeconds);
            server.jetty.start();
            server.port = server.connector.getLocalPort();
            return server;
        } catch (Exception e) {
            if (server != null) {
                server.close();
            } else {
                predictor.close();
            }
            throw e;
        }
    }

    /** The prefix of every thread a server of this name starts. */
    public static String threadPrefix(String name) {
        return "jdlab-serve-" + name;
    }

    public String name() {
        return options.name();
    }

    public ServeOptions options() {
        return options;
    }

    public String engine() {
        return description().engine();
    }

    /** What the model takes and answers. */
    public ModelDescription description() {
        return predictor.description();
    }

    /** The port it listens on: the one asked for, or the free one it was given. */
    public int port() {
        return port;
    }

    /** The server's root, {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Where predictions are asked for: {@code http://127.0.0.1:PORT/predictions/NAME}. */
    public URI predictionsUrl() {
        return url().resolve("predictions/" + name());
    }

    public double loadSeconds() {
        return loadSeconds;
    }

    /** Whether it still answers. */
    public boolean isRunning() {
        return jetty.isRunning();
    }

    ServeMetrics.Sample sample() {
        return metrics.sample();
    }

    /** The model as {@code GET /models} lists it. */
    JsonObject describe() {
        JsonObject model = new JsonObject();
        model.addProperty("name", name());
        model.addProperty("engine", engine());
        ModelDescription served = description();
        model.addProperty("kind", served.labels().isEmpty() ? "regressor" : "classifier");
        JsonArray shape = new JsonArray();
        Arrays.stream(served.exampleShape()).forEach(shape::add);
        model.add("input_shape", shape);
        JsonArray labels = new JsonArray();
        served.labels().forEach(labels::add);
        model.add("labels", labels);
        model.addProperty("url", "/predictions/" + name());
        model.addProperty("max_batch", options.maxBatch());
        model.addProperty("max_delay_ms", options.maxDelay().toMillis());
        model.addProperty("workers", options.workers());
        model.addProperty("load_seconds", loadSeconds);
        return model;
    }

    /** Stops answering, ends the workers and Jetty's threads, frees the port and the model. */
    @Override
    public void close() throws Exception {
        try {
            jetty.stop();
        } finally {
            batcher.close();
            predictor.close();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %s model at %s (batches of up to %d rows within %d ms, %d worker%s)%s",
                name(), engine(), predictionsUrl(), options.maxBatch(), options.maxDelay().toMillis(), options.workers(),
                options.workers() == 1 ? "" : "s", isRunning() ? "" : ", stopped");
    }
}
