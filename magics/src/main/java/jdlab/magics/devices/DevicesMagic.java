package jdlab.magics.devices;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jdlab.api.KernelContext;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %devices}, also written {@code %gpu}: the engine and its version, the CPU threads, and every GPU,
 * or why there is none.
 */
public final class DevicesMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("devices",
                    "Show the deep-learning engine, its CPU threads and the GPUs it can use, or why it sees none.")
            .alias("gpu")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) {
        String engineName;
        int engineGpus = 0;
        try {
            Engine engine = Engine.getInstance();
            engineName = engine.getEngineName() + " " + engine.getVersion();
            engineGpus = engine.getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            engineName = "none loaded (" + e.getMessage() + ")";
        }
        String threads = System.getProperty("ai.djl.pytorch.num_threads", System.getenv("OMP_NUM_THREADS"));
        return new DeviceReport(engineName, nativesFlavor(), Runtime.getRuntime().availableProcessors(), threads,
                engineGpus, driverGpus()).text();
    }

    // DJL's native jars describe their build in native/lib/pytorch.properties (flavor=cpu, cu124, ...).
    private static String nativesFlavor() {
        try (InputStream in = Engine.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("flavor");
        } catch (IOException e) {
            return null;
        }
    }

    /** The GPUs nvidia-smi lists, or null when it is not there or does not answer within 10 s. */
    private static List<Gpu> driverGpus() {
        try {
            Process smi = new ProcessBuilder("nvidia-smi", "--query-gpu=index,name,memory.used,memory.total,utilization.gpu",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            String out = new String(smi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!smi.waitFor(10, TimeUnit.SECONDS) || smi.exitValue() != 0) {
                smi.destroyForcibly();
                return List.of();
            }
            return Gpu.parse(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
