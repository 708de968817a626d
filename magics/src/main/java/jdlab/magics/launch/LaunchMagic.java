package jdlab.magics.launch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %%launch}: runs the cell on N workers scheduled together as one Spark barrier stage. */
public final class LaunchMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.cell("launch",
                    "Run the cell on N workers at once (a Spark barrier stage), with a collective between them.")
            .option("workers", 'n', Integer.class, "2", "how many workers run the body, 1 to 256")
            .option("master", 'm', String.class, null, "a Spark master URL (spark://host:port); default: the"
                    + " running session, else Spark embedded in the kernel, local[N]")
            .option("output", 'o', String.class, "all", "whose output to show: all, rank0 or none")
            .option("timeout", 't', String.class, null, "cancel every worker after this long: 90s, 5m, 1h")
            .notes("In the body: rank, worldSize, collective, out (a PrintStream whose lines come back prefixed"
                            + " [rank r]), barrier(), broadcast(float[] or NDArray, root), allGather(float[]),"
                            + " allReduce(float[] or NDArray, SUM or MEAN), in place.",
                    "The classes and methods of earlier cells are usable; the variables the body names are"
                            + " captured on the driver and shipped by Java serialization.",
                    "A failing worker cancels them all; so do an interrupt and --timeout. %spark shows the session.")
            .build();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger LAUNCHES = new AtomicInteger();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        int workers = args.integer("workers");
        if (workers < 1 || workers > 256) {
            throw args.error("--workers must be 1 to 256, not " + workers);
        }
        String output = args.string("output");
        if (!List.of("all", "rank0", "none").contains(output)) {
            throw args.error("--output is all, rank0 or none, not " + output);
        }
        Duration timeout = args.given("timeout", String.class).map(t -> duration(t, args)).orElse(null);
        List<Variable> captured = BodyClass.captured(body, context.variables());
        BodyClass.checkShippable(captured);
        int launch = LAUNCHES.incrementAndGet();
        String name = "LaunchBody" + launch;
        context.eval(BodyClass.source(name, body, captured));
        Object instance = context.eval("new " + name + "(" + String.join(", ", captured.stream().map(Variable::name).toList()) + ")");

        SparkRuntime spark = SparkRuntime.get(context);
        spark.start(master(args.string("master"), workers, spark), context);
        String group = "jdlab-launch-" + launch;
        Future<Object> job = spark.submit(Map.of("op", "run", "body", instance, "workers", workers, "group", group));
        List<String> lines = await(job, group, timeout, spark, context);
        for (String line : lines) {
            if (output.equals("all") || output.equals("rank0") && line.startsWith("[rank 0] ")) {
                System.out.println(line);
            }
        }
        return null;
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
    @SuppressWarnings("unchecked")
    private static List<String> await(Future<Object> job, String group, Duration timeout, SparkRuntime spark,
            KernelContext context) throws Exception {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        String cancelled = null;
        while (true) {
            try {
                return (List<String>) job.get(100, TimeUnit.MILLISECONDS);
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
                throw new UsageException("%%launch: " + failure.lines().findFirst().orElse(failure));
            }
            if (cancelled != null) {
                spark.cancel(group);
                waitUninterruptibly(job);
                throw new UsageException("%%launch: " + cancelled + "; every worker was cancelled");
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
