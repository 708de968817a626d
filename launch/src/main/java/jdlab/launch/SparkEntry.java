package jdlab.launch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import jdlab.train.distributed.Collective;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * The kernel's Spark session, driven by requests of JDK types only ({@code op} and its arguments),
 * since the magics that call it are loaded by a loader that cannot see Spark.
 *
 * <p>Ops: {@code start} (master, conf; a running session with another master is stopped first),
 * {@code describe}, {@code run} (body, workers, group, output, feed, token: one barrier stage whose
 * ranks send their lines to the feed; returns what rank 0's body returned, serialized, or null),
 * {@code cancel} (group) and {@code stop}. Start, run and stop come from one thread, whose
 * context class loader is the one tasks must resolve cell classes with.
 */
public final class SparkEntry implements Function<Map<String, Object>, Object> {

    private static final Pattern RANK_FAILED = Pattern.compile("rank \\d+ failed: .*");
    // Spark retries a barrier stage that has too few slots for 10 minutes by default: a few seconds here.
    private static final Map<String, String> DEFAULTS = Map.of(
            "spark.app.name", "jdlab",
            "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1",
            "spark.ui.enabled", "false",
            "spark.task.maxFailures", "1",
            "spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s",
            "spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "3");

    static {
        // Before Spark's first log line, or log4j2 would start with Spark's defaults (INFO and up).
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", SparkEntry.class.getResource("log4j2.properties").toString());
        }
    }

    private static final Duration TASKS_END = Duration.ofSeconds(30);

    private volatile JavaSparkContext spark;

    @Override
    @SuppressWarnings("unchecked")
    public Object apply(Map<String, Object> request) {
        return switch ((String) request.get("op")) {
            case "start" -> start((String) request.get("master"), (Map<String, String>) request.get("conf"));
            case "describe" -> describe();
            case "run" -> run((BiFunction<Collective, PrintStream, ?>) request.get("body"), (Integer) request.get("workers"),
                    (String) request.get("group"), new RankTask.Output((String) request.get("output"),
                            (String) request.get("feed"), (String) request.get("token")));
            case "cancel" -> cancel((String) request.get("group"));
            case "stop" -> stop();
            default -> throw new IllegalArgumentException("unknown op " + request.get("op"));
        };
    }

    private Object start(String master, Map<String, String> conf) {
        JavaSparkContext running = spark;
        if (running != null && running.master().equals(master)) {
            return describe();
        }
        stop();
        SparkConf sparkConf = new SparkConf(false).setMaster(master);
        DEFAULTS.forEach(sparkConf::set);
        conf.forEach(sparkConf::set);
        spark = new JavaSparkContext(sparkConf);
        return describe();
    }

    private Map<String, Object> describe() {
        JavaSparkContext running = spark;
        Map<String, Object> session = new LinkedHashMap<>();
        if (running == null) {
            return session;
        }
        session.put("master", running.master());
        session.put("driver", running.getConf().get("spark.driver.host"));
        session.put("executors", Arrays.stream(running.sc().statusTracker().getExecutorInfos())
                .map(e -> e.host() + ":" + e.port()).toList());
        session.put("slots", slots(running));
        session.put("ui", running.sc().uiWebUrl().isDefined() ? running.sc().uiWebUrl().get() : "off (spark.ui.enabled=false)");
        return session;
    }

    private byte[] run(BiFunction<Collective, PrintStream, ?> body, int workers, String group, RankTask.Output output) {
        JavaSparkContext running = spark;
        awaitSlots(running, workers);
        running.setJobGroup(group, "%%launch --workers " + workers, true); // true: cancelling interrupts the ranks
        try {
            ClassTag<Object> anything = ClassTag$.MODULE$.apply(Object.class);
            RDD<Object> ranks = running.parallelize(IntStream.range(0, workers).boxed().map(Object.class::cast).toList(), workers).rdd();
            RankTask task = new RankTask(body, Duration.ofSeconds(60), running.isLocal(), output);
            Object[] results = (Object[]) ranks.barrier().mapPartitions(task, false, anything).collect();
            return results.length == 0 ? null : (byte[]) results[0]; // rank 0's, serialized
        } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
            if (String.valueOf(e.getMessage()).contains("[SPARK-24819]")) {
                throw new IllegalStateException(workers + " workers need " + workers + " task slots at once; "
                        + running.master() + " has " + slots(running) + " (add executors or cores, or ask fewer --workers)", e);
            }
            throw new IllegalStateException(failureText(e), e);
        } finally {
            running.clearJobGroup();
            awaitNoRunningTasks(running);
        }
    }

    // A cluster's executors register after the context starts: wait for enough slots as long as
    // Spark waits for resources before scheduling (spark.scheduler.maxRegisteredResourcesWaitingTime).
    private static void awaitSlots(JavaSparkContext running, int workers) {
        long until = System.nanoTime() + running.getConf().getTimeAsMs("spark.scheduler.maxRegisteredResourcesWaitingTime", "30s") * 1_000_000;
        while (slots(running) < workers && System.nanoTime() < until) {
            pause();
        }
    }

    private static int slots(JavaSparkContext running) {
        return running.sc().maxNumConcurrentTasks(running.sc().resourceProfileManager().defaultResourceProfile());
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // A failed or cancelled job returns before its killed tasks end: wait (bounded) until every
    // executor reports none running, so that no rank outlives the cell.
    private static void awaitNoRunningTasks(JavaSparkContext running) {
        long until = System.nanoTime() + TASKS_END.toNanos();
        while (System.nanoTime() < until
                && Arrays.stream(running.sc().statusTracker().getExecutorInfos()).anyMatch(e -> e.numRunningTasks() > 0)) {
            pause();
        }
    }

    // The first rank that failed, with its trace as the task reported it; else Spark's own reason.
    private static String failureText(Exception e) {
        String text = String.valueOf(e.getMessage());
        Matcher rank = RANK_FAILED.matcher(text);
        if (!rank.find()) {
            return text.lines().findFirst().orElse(e.toString());
        }
        int end = text.indexOf("\nDriver stacktrace:", rank.start());
        return text.substring(rank.start(), end < 0 ? text.length() : end);
    }

    private Object cancel(String group) {
        JavaSparkContext running = spark;
        if (running != null) {
            running.cancelJobGroup(group);
        }
        return null;
    }

    private Object stop() {
        JavaSparkContext running = spark;
        spark = null;
        if (running != null) {
            running.stop();
        }
        return null;
    }
}
