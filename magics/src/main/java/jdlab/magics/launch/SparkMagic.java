package jdlab.magics.launch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %spark}: shows the kernel's Spark session, sets its options before it starts, starts and stops it. */
public final class SparkMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("spark",
                    "Show the Spark session %%launch runs on (master, executors, web UI), set its options, start or stop it.")
            .repeatableOption("conf", 'c', "a Spark option KEY=VALUE for the next start (spark.ui.enabled=true)")
            .option("master", 'm', String.class, null, "start Spark now on this master (local[4], spark://host:port)")
            .flag("stop", '\0', "stop the session; the next %%launch starts it again")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : args.strings("conf")) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw args.error("--conf takes KEY=VALUE, not " + option);
            }
            options.put(option.substring(0, eq).strip(), option.substring(eq + 1).strip());
        }
        if (!options.isEmpty()) {
            SparkRuntime.configure(options);
        }
        SparkRuntime spark = SparkRuntime.loaded();
        if (args.flag("stop")) {
            if (spark == null || spark.master() == null) {
                return "Spark is not running.";
            }
            spark.stop(Duration.ofSeconds(60));
            return "Spark stopped.";
        }
        String master = args.string("master");
        if (master != null) {
            spark = SparkRuntime.get(context);
            spark.start(master, context);
        }
        if (spark == null || spark.master() == null) {
            Map<String, String> pending = SparkRuntime.pending();
            return "Spark is not running; the next %%launch starts it embedded (local[N])"
                    + (pending.isEmpty() ? "." : " with " + format(pending) + ".");
        }
        return spark.describe().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    private static String format(Map<String, String> options) {
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
