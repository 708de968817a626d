package jdlab.magics.launch;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;

/**
 * Runs code on N workers scheduled together as one Spark barrier stage, for the magics that do:
 * {@code %%launch} and {@code %train --workers}. Starts Spark when needed, waits on the cell's
 * thread, and cancels every worker on an interrupt or the timeout.
 */
public final class Launcher {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    /** Where and for how long the workers run, for the magic named ({@code %%launch}) that errors name. */
    public record Stage(String magic, int workers, String master, Duration timeout) {
    }

    private Launcher() {
    }

    /** Adds the options that say where the workers run and for how long: {@code --master}, {@code --timeout}. */
    public static ArgSpec.Builder stageOptions(ArgSpec.Builder spec) {
        return spec.option("master", '\0', String.class, null, "a Spark master URL (spark://host:port); default: the"
                        + " running session, else Spark embedded in the kernel, local[N]")
                .option("timeout", '\0', String.class, null, "cancel every worker after this long: 90s, 5m, 1h");
    }

    /** The stage of {@code workers} that the magic's options ask for, each checked. */
    public static Stage stage(Args args, int workers) {
        if (workers < 1 || workers > 256) {
            throw args.error("--workers must be 1 to 256, not " + workers);
        }
        Duration timeout = args.given("timeout", String.class).map(t -> duration(t, args)).orElse(null);
        return new Stage(args.invocation(), workers, args.string("master"), timeout);
    }

    /**
     * Runs {@code body} (a serializable {@code BiFunction<Collective, PrintStream, ?>}) on the
     * stage's workers. The lines they print, {@code [rank r] …}, go to {@code lines} as they are
     * printed, whichever JVM the workers are in; {@code output} says whose: all, rank0 or none.
     *
     * @return what rank 0's body returned, or null
     * @throws UsageException one line when a worker failed (its trace on stderr), or on an interrupt or timeout
     */
    public static Object run(KernelContext context, Object body, Stage stage, String output, Consumer<String> lines)
            throws Exception {
        SparkRuntime spark = SparkRuntime.get(context);
        spark.start(master(stage.master(), stage.workers(), spark), context);
        String group = "jdlab-launch-" + LAUNCHES.incrementAndGet();
        byte[] result;
        try (Feed feed = new Feed(InetAddress.getByName((String) spark.describe().get("driver")), stage.workers(), lines)) {
            Future<Object> job = spark.submit(Map.of("op", "run", "body", body, "workers", stage.workers(), "group", group,
                    "output", output, "feed", feed.address(), "token", feed.token()));
            result = (byte[]) await(job, group, stage, spark, context);
        }
        if (result == null) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(result))) {
            return in.readObject();
        }
    }

    // Embedded by default, with a thread per worker at least; a running session is kept unless it is
    // an embedded one with too few threads, or the user names another master.
    private static String master(String asked, int workers, SparkRuntime spark) {
        if (asked != null) {
            return asked;
        }
        String running = spark.master();
        Matcher local = running == null ? null : Pattern.compile("local\\[(\\d+)]").matcher(running);
        if (running != null && (local == null || !local.matches() || Integer.parseInt(local.group(1)) >= workers)) {
            return running;
        }
        return "local[" + Math.max(workers, Runtime.getRuntime().availableProcessors()) + "]";
    }

    // Waits for the job on the cell thread; an interrupt or the timeout cancels the job group, whose
    // tasks Spark interrupts, and waits for them to end, so that no rank outlives the cell.
    private static Object await(Future<Object> job, String group, Stage stage, SparkRuntime spark,
            KernelContext context) throws Exception {
        Duration timeout = stage.timeout();
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        String cancelled = null;
        while (true) {
            try {
                Object done = job.get(100, TimeUnit.MILLISECONDS);
                if (!context.interrupted()) {
                    return done;
                }
                cancelled = "interrupted"; // ranks in the kernel see it too, and may end early on their own
            } catch (TimeoutException e) {
                if (context.interrupted()) {
                    cancelled = "interrupted";
                } else if (System.nanoTime() > deadline) {
                    cancelled = "timed out after " + timeout.toString().substring(2).toLowerCase();
                }
            } catch (InterruptedException e) {
                cancelled = "interrupted";
            } catch (ExecutionException e) {
                String failure = e.getCause().getMessage();
                System.err.println(failure);
                throw new UsageException(stage.magic() + ": " + failure.lines().findFirst().orElse(failure));
            }
            if (cancelled != null) {
                spark.cancel(group);
                waitUninterruptibly(job);
                throw new UsageException(stage.magic() + ": " + cancelled + "; every worker was cancelled");
            }
        }
    }

    private static void waitUninterruptibly(Future<Object> job) {
        long until = System.nanoTime() + CANCEL_WAIT.toNanos();
        while (System.nanoTime() < until) {
            try {
                job.get(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                return;
            } catch (InterruptedException e) {
                // a second interrupt: the job is being cancelled already; keep waiting for its ranks
            }
        }
    }

    private static Duration duration(String text, Args args) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw args.error("--timeout is a number and a unit (ms, s, m or h), not " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
