package jdlab.magics.timing;

import java.util.Optional;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %time STATEMENT} and {@code %%time}: runs the code once, prints its CPU and wall time, returns its value. */
public final class TimeMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.lineAndCell("time",
                    "Run Java code once, the rest of the line or the cell below; print its CPU and wall time; return"
                            + " its value.")
            .rest("statement", "the Java code to run after %time, as typed; %%time runs the cell instead")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String code = args.code(body);
        Optional<CpuTimes> cpuBefore = CpuTimes.now();
        long wallBefore = System.nanoTime();
        Object value = context.eval(code);
        long wall = System.nanoTime() - wallBefore;
        Optional<CpuTimes> cpu = CpuTimes.now().flatMap(after -> cpuBefore.map(after::since));
        cpu.ifPresent(times -> System.out.println("CPU times: user " + Durations.format(times.userNanos() / 1e9)
                + ", sys: " + Durations.format(times.systemNanos() / 1e9)
                + ", total: " + Durations.format((times.userNanos() + times.systemNanos()) / 1e9)));
        System.out.println("Wall time: " + Durations.format(wall / 1e9));
        return value;
    }
}
