package jdlab.magics.serve;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import jdlab.api.KernelContext;
import jdlab.api.SafePoints;
import jdlab.api.Stacked;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.serve.LoadTest;
import jdlab.serve.LoadTestResult;
import jdlab.serve.ModelServer;
import jdlab.serve.Servers;

/** {@code %loadtest}: a {@link LoadTest} of a served model, from one line. */
public final class LoadtestMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("loadtest",
                    "Send a served model concurrent prediction requests and report throughput and latency percentiles.")
            .positional("target", "the NAME of a model %serve runs, or its address"
                    + " http://127.0.0.1:PORT/predictions/NAME (loopback only)")
            .option("concurrency", 'c', Integer.class, "8", "clients sending at once, 1 to " + LoadTest.MOST_CLIENTS)
            .option("duration", 'd', Integer.class, "10", "seconds to send for, 1 to " + LoadTest.LONGEST_SECONDS
                    + " (an interrupt ends it sooner)")
            .option("rows", 'r', Integer.class, "1", "rows of random numbers a request, 1 to " + LoadTest.MOST_ROWS)
            .notes("Example: %loadtest net --concurrency 32 --duration 10. Each client sends a request, waits for its"
                    + " answer and sends the next. Run it against servers started with different --max-batch and"
                    + " --max-delay to compare them; from Java, LoadTest.run(...) returns the numbers.")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String target = args.string("target");
        URI address;
        if (target.startsWith("http://") || target.startsWith("https://")) {
            address = URI.create(target);
        } else {
            ModelServer server = Servers.get(target);
            if (server == null) {
                throw args.error("no server is named " + target + ServeMagic.running());
            }
            address = server.predictionsUrl();
        }
        LoadTestResult result;
        // An interrupt ends the clients after their current request, and the numbers so far are shown.
        try (SafePoints safe = context.stopAtSafePoints()) {
            result = LoadTest.run(address, args.integer("concurrency"), Duration.ofSeconds(args.integer("duration")),
                    args.integer("rows"), context::interrupted);
        } catch (IllegalArgumentException e) {
            throw args.error(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("%loadtest: " + address + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return Stacked.of(result.toString(), result.table(), result.chart());
    }
}
