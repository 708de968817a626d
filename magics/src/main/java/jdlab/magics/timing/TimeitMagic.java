package jdlab.magics.timing;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %timeit [-n N] [-r R] STATEMENT} and {@code %%timeit}: IPython's timeit, returning a
 * {@link TimeitResult} whose text is IPython's line rather than printing it, so it shows once.
 */
public final class TimeitMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.lineAndCell("timeit",
                    "Time Java code, the rest of the line or the cell below, over many loops and runs; return the"
                            + " mean and spread per loop.")
            .option("number", 'n', Integer.class, null, "loops per run; by default 1, 2, 5, 10, 20, ... "
                    + "until a run takes 0.2 s")
            .option("repeat", 'r', Integer.class, "7", "runs to measure")
            .rest("statement", "the Java code to time after %timeit, an expression or statements, as typed;"
                    + " %%timeit times the cell instead")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String code = args.code(body);
        Integer number = args.integer("number");
        int runs = args.integer("repeat");
        if ((number != null && number < 1) || runs < 1) {
            throw args.error("-n and -r count from 1");
        }
        LongUnaryOperator compiled = StatementTimer.compile(code, context);
        // Every batch passes here, so an interrupt stops warm-up, ranging and runs alike.
        LongUnaryOperator timer = loops -> {
            if (context.interrupted()) {
                throw new UsageException(args.invocation() + ": interrupted");
            }
            return compiled.applyAsLong(loops);
        };
        try {
            return measure(timer, number, runs);
        } catch (UndeclaredThrowableException e) {
            throw StatementTimer.unwrap(e);
        }
    }

    private static TimeitResult measure(LongUnaryOperator timer, Integer number, int runs) {
        int loops;
        if (number == null) {
            loops = Autorange.loops(timer);
        } else {
            Autorange.warmUp(timer, Autorange.RUN_NANOS);
            loops = number;
        }
        List<Double> timings = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            timings.add(timer.applyAsLong(loops) / 1e9 / loops);
        }
        return new TimeitResult(loops, timings);
    }
}
