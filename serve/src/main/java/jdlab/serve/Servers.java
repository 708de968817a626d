package jdlab.serve;

import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdlab.export.Export;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The servers running in this kernel, by name. They live as long as the kernel: a session {@code %reset}
 * forgets variables, not what is served, and the kernel's end (shutdown, restart) stops them all.
 */
public final class Servers {

    private static final Map<String, ModelServer> RUNNING = new LinkedHashMap<>();
    private static boolean hooked;

    private Servers() {
    }

    /**
     * Loads a model and serves it: a DJL {@link Model} or {@link Block} (with the djl engine, or exported to
     * a temporary ONNX file for the onnx engine) or the {@link Path} of an .onnx file.
     *
     * @throws IllegalArgumentException for a model or option that cannot be served, or a name already serving
     */
    public static synchronized ModelServer start(Object model, ServeOptions options) throws Exception {
        if (RUNNING.containsKey(options.name())) {
            throw new IllegalArgumentException(options.name() + " is served already at "
                    + RUNNING.get(options.name()).predictionsUrl() + "; stop it first, or give another --name");
        }
        long started = System.nanoTime();
        Predictor predictor = load(model, options.engine());
        ModelServer server = ModelServer.start(predictor, options, (System.nanoTime() - started) / 1e9);
        RUNNING.put(options.name(), server);
        if (!hooked) {
            // The kernel leaves through System.exit at shutdown and restart: servers stop with it, cleanly.
            Runtime.getRuntime().addShutdownHook(new Thread(Servers::stopAll, "jdlab-serve-shutdown"));
            hooked = true;
        }
        return server;
    }

    /** The server of that name, or null. */
    public static synchronized ModelServer get(String name) {
        return RUNNING.get(name);
    }

    /** The running servers, in the order they started. */
    public static synchronized List<ModelServer> list() {
        return List.copyOf(RUNNING.values());
    }

    /**
     * Stops a server.
     *
     * @return whether one of that name was running
     */
    public static boolean stop(String name) throws Exception {
        ModelServer server;
        synchronized (Servers.class) {
            server = RUNNING.remove(name);
        }
        if (server != null) {
            server.close();
        }
        return server != null;
    }

    /** Stops every server; returns their names. */
    public static List<String> stopAll() {
        List<ModelServer> all;
        synchronized (Servers.class) {
            all = new ArrayList<>(RUNNING.values());
            RUNNING.clear();
        }
        for (ModelServer server : all) {
            try {
                server.close();
            } catch (Exception e) {
                System.getLogger(Servers.class.getName()).log(System.Logger.Level.WARNING,
                        "stopping " + server.name() + " failed", e);
            }
        }
        return all.stream().map(ModelServer::name).toList();
    }

    /** The running servers as a table: name, engine, address, batching, requests and errors so far. */
    public static Table table() {
        List<ModelServer> all = list();
        Table table = Table.create("served models");
        table.addColumns(StringColumn.create("name", all.stream().map(ModelServer::name).toList()),
                StringColumn.create("engine", all.stream().map(ModelServer::engine).toList()),
                StringColumn.create("url", all.stream().map(s -> s.predictionsUrl().toString()).toList()),
                IntColumn.create("max batch", all.stream().mapToInt(s -> s.options().maxBatch()).toArray()),
                IntColumn.create("max delay ms", all.stream().mapToInt(s -> (int) s.options().maxDelay().toMillis()).toArray()),
                IntColumn.create("workers", all.stream().mapToInt(s -> s.options().workers()).toArray()),
                IntColumn.create("requests", all.stream().mapToInt(s -> (int) s.sample().requests()).toArray()),
                IntColumn.create("errors", all.stream().mapToInt(s -> (int) s.sample().errors()).toArray()));
        return table;
    }

    private static Predictor load(Object model, String engine) throws Exception {
        if (model instanceof Path file) {
            if ("djl".equals(engine)) {
                throw new IllegalArgumentException("the djl engine serves a DJL Model or Block; serve an .onnx file"
                        + " with the onnx engine");
            }
            return OnnxPredictor.of(file);
        }
        if (!"onnx".equals(engine)) {
            return DjlPredictor.of(model);
        }
        Path file = Files.createTempFile("jdlab-serve-", ".onnx");
        try {
            Export.onnx(DjlPredictor.blockOf(model)).to(file);
            return OnnxPredictor.ofTemporary(file, () -> delete(file));
        } catch (Exception | Error e) {
            delete(file);
            throw e;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
