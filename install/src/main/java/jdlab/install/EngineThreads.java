package jdlab.install;

import java.util.Map;
import java.util.Properties;

/**
 * DJL's PyTorch thread counts, when the user set none: intra-op threads are {@code OMP_NUM_THREADS}
 * or half the processors this JVM may use (a container's CPU quota included), at least one;
 * inter-op threads are one, as a notebook runs one model at a time.
 * {@code --java-option=-Dai.djl.pytorch.num_threads=N} at install, or {@code OMP_NUM_THREADS},
 * overrides them.
 *
 * <p>Why half: PyTorch's libgomp threads spin at each barrier, so an intra-op team as large as the
 * machine collapses as soon as something else holds a core, and a notebook always has a browser
 * beside it. On 2 cores with one of them busy, one epoch of an MLP on 6,000 MNIST images took 5.0 s
 * with 2 threads against 0.16 s quiet (32 times), and about 0.08 s with 1 thread either way
 * (bench/train_live_bench.py). Half the processors is also what PyTorch itself takes on a machine with
 * two hardware threads per core (its default is the physical cores).
 */
final class EngineThreads {

    static final String INTRA = "ai.djl.pytorch.num_threads";
    static final String INTER = "ai.djl.pytorch.num_interop_threads";

    private EngineThreads() {
    }

    static void setDefaults(Properties properties, Map<String, String> environment, int processors) {
        if (properties.getProperty(INTRA) == null) {
            String omp = environment.get("OMP_NUM_THREADS");
            boolean ompValid = omp != null && omp.strip().matches("[1-9][0-9]*");
            properties.setProperty(INTRA, ompValid ? omp.strip() : Integer.toString(Math.max(1, processors / 2)));
        }
        if (properties.getProperty(INTER) == null) {
            properties.setProperty(INTER, "1");
        }
    }
}
