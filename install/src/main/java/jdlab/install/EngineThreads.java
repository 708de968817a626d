package jdlab.install;

import java.util.Map;
import java.util.Properties;

/**
 * DJL's PyTorch thread counts, when the user set none: intra-op threads are {@code OMP_NUM_THREADS}
 * or the processors this JVM may use (a container's CPU quota included, which PyTorch's own count
 * of physical cores ignores, and oversubscribed OpenMP is many times slower); inter-op threads are
 * one, as a notebook runs one model at a time. {@code --java-option=-Dai.djl.pytorch.num_threads=N}
 * at install, or {@code OMP_NUM_THREADS}, overrides them.
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
            properties.setProperty(INTRA, ompValid ? omp.strip() : Integer.toString(Math.max(1, processors)));
        }
        if (properties.getProperty(INTER) == null) {
            properties.setProperty(INTER, "1");
        }
    }
}
