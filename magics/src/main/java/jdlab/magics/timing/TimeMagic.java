package jdlab.magics.timing;

import java.util.Optional;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/** {@code %time STATEMENT} and {@code %%time}: runs the code once, prints its CPU and wall time, returns its value. */
abstract class TimeMagic implements Magic {

    private final ArgSpec args;

    TimeMagic(ArgSpec args) {
        this.args = args;
    }

    @Override
    public ArgSpec args() {
        return args;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String code = args.code(body);
        if (code.isBlank()) {
            throw new UsageException(this.args.invocation() + ": nothing to time; write Java code after it\n"
                    + this.args.usage());
        }
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
