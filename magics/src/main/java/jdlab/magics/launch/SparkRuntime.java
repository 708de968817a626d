package jdlab.magics.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;
import jdlab.api.DisplayHandle;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;

/**
 * The kernel's one Spark session, seen through JDK types: Spark's jars and jdlab-launch are loaded
 * from lib/spark/ on first use into a loader whose parent is the cells' (so tasks resolve cell
 * classes), and every call that starts, runs or stops Spark goes through one daemon thread of the
 * kernel's own, with that loader as its context class loader. Cell threads would not do: an
 * interrupt stops a cell's threads, and Spark's threads would inherit the cell's output streams.
 */
final class SparkRuntime {

    private static final String ENTRY = "jdlab.launch.SparkEntry";
    private static final Map<String, String> PENDING = new LinkedHashMap<>(); // %spark --conf, for the next start
    private static SparkRuntime instance;

    private final Function<Map<String, Object>, Object> entry;
    private final ExecutorService sparkThread;
    private volatile String master; // null until started

    private SparkRuntime(ClassLoader loader) throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        Function<Map<String, Object>, Object> loaded = (Function<Map<String, Object>, Object>)
                loader.loadClass(ENTRY).getConstructor().newInstance();
        entry = loaded;
        sparkThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(rootGroup(), task, "jdlab-spark", 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
    }

    /** The session's runtime, loading Spark the first time. */
    static synchronized SparkRuntime get(KernelContext context) throws Exception {
        if (instance == null) {
            ClassLoader cells = (ClassLoader) context.eval("Thread.currentThread().getContextClassLoader()");
            instance = new SparkRuntime(new URLClassLoader("jdlab-spark", sparkJars(context), cells));
        }
        return instance;
    }

    /** The runtime if Spark was loaded, else null: %spark shows a session without loading it. */
    static synchronized SparkRuntime loaded() {
        return instance;
    }

    /** Options for the next start; refused while Spark runs, since Spark reads them only once. */
    static synchronized void configure(Map<String, String> options) {
        if (instance != null && instance.master != null) {
            throw new UsageException("%spark: Spark is running with the options it started with; %spark --stop first");
        }
        PENDING.putAll(options);
    }

    static synchronized Map<String, String> pending() {
        return Map.copyOf(PENDING);
    }

    private static URL[] sparkJars(KernelContext context) {
        Path lib = context.sharedClasspath().get(0).getParent();
        Path spark = lib.resolve("spark");
        if (!Files.isDirectory(spark)) {
            throw new UsageException("Spark is not installed beside the kernel (" + spark + "); reinstall jdlab");
        }
        try (Stream<Path> jars = Files.list(spark)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    /** The master running now, or null. */
    String master() {
        return master;
    }

    /**
     * Starts Spark on {@code wanted} unless it runs there already, showing progress in the cell. On a
     * cluster, executors get jdlab-launch and the lent jars by Spark's spark.jars.
     */
    void start(String wanted, KernelContext context) throws Exception {
        if (wanted.equals(master)) {
            return;
        }
        Map<String, String> options = new HashMap<>(pending());
        options.put("spark.repl.class.outputDir", context.classOutputDir().toString());
        if (!wanted.startsWith("local")) {
            List<String> jars = new ArrayList<>(List.of(launchJar().toString()));
            context.sharedClasspath().forEach(p -> jars.add(p.toString()));
            options.putIfAbsent("spark.jars", String.join(",", jars));
        }
        DisplayHandle progress = context.displayUpdatable("Starting Spark (" + wanted + ") …");
        long start = System.nanoTime();
        Map<String, Object> request = new HashMap<>(Map.of("op", "start", "master", wanted, "conf", options));
        Future<Object> started = sparkThread.submit(() -> entry.apply(request));
        while (true) {
            try {
                started.get(500, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                progress.update(String.format("Starting Spark (%s) … %.1f s", wanted, seconds(start)));
            } catch (ExecutionException e) {
                progress.update("Spark did not start: " + e.getCause());
                throw new UsageException("Spark did not start on " + wanted + ": " + e.getCause().getMessage());
            }
        }
        master = wanted;
        progress.update(String.format("Spark %s started in %.1f s", wanted, seconds(start)));
    }

    private Path launchJar() throws Exception {
        return Path.of(entry.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Runs a request on the Spark thread. */
    Future<Object> submit(Map<String, Object> request) {
        return sparkThread.submit((Callable<Object>) () -> entry.apply(request));
    }

    /** Cancels a job group from the caller's thread (the Spark thread is busy running it). */
    void cancel(String group) {
        entry.apply(Map.of("op", "cancel", "group", group));
    }

    /** Master, executors and UI address of the running session; empty when none runs. */
    @SuppressWarnings("unchecked")
    Map<String, Object> describe() {
        return master == null ? Map.of() : (Map<String, Object>) entry.apply(Map.of("op", "describe"));
    }

    /** Stops the session; its options stay for the next start. */
    void stop(Duration wait) throws Exception {
        try {
            submit(Map.of("op", "stop")).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            master = null;
        }
    }
}
