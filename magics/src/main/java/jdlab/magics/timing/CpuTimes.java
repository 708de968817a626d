package jdlab.magics.timing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process's user and system CPU time so far, read from {@code /proc/self/stat}.
 *
 * <p>Process-wide, as IPython's {@code getrusage(RUSAGE_SELF)}: the kernel runs each snippet on a thread
 * of its own that ends with it, so a thread's CPU time ({@code ThreadMXBean}) would miss the work, and
 * {@code OperatingSystemMXBean.getProcessCpuTime()} does not split user from system time. The price is
 * the kernel's clock tick (usually 10 ms) as resolution, and counting the JVM's GC and JIT threads.
 */
record CpuTimes(long userNanos, long systemNanos) {

    // USER_HZ, which the kernel uses in /proc, is 100 on every Linux architecture the JDK runs on.
    private static final long NANOS_PER_TICK = 10_000_000;

    /** The times now, or empty where there is no {@code /proc} (not Linux). */
    static Optional<CpuTimes> now() {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc/self/stat"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads utime and stime, fields 14 and 15; the command name before them may hold spaces. */
    static CpuTimes parse(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return new CpuTimes(Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK);
    }

    /** The time spent from {@code earlier} to this. */
    CpuTimes since(CpuTimes earlier) {
        return new CpuTimes(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }
}
