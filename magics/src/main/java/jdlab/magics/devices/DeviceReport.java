package jdlab.magics.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code %devices} says, from facts gathered elsewhere, so that every case (a GPU in use, a GPU
 * the engine cannot use, no GPU at all) is testable on any machine.
 *
 * @param engine the engine's name and version ({@code PyTorch 2.7.1}), or why none loaded
 * @param nativesFlavor the build of the engine's natives ({@code cpu}, {@code cu124}), or {@code null}
 * @param cores the processors the JVM sees
 * @param threads the engine's intra-op threads as configured, or {@code null} for its default
 * @param engineGpus how many GPUs the engine sees
 * @param driverGpus the GPUs {@code nvidia-smi} lists, or {@code null} when there is no nvidia-smi
 */
record DeviceReport(String engine, String nativesFlavor, int cores, String threads, int engineGpus, List<Gpu> driverGpus) {

    String text() {
        List<String> lines = new ArrayList<>();
        lines.add("Engine: " + engine + (nativesFlavor == null ? "" : " (" + nativesFlavor + " natives)"));
        lines.add("CPU: " + cores + " cores, " + (threads == null ? "PyTorch's default intra-op threads"
                : threads + " intra-op thread" + (threads.equals("1") ? "" : "s"))
                + " (set with -Dai.djl.pytorch.num_threads=N, or OMP_NUM_THREADS)");
        if (engineGpus > 0) {
            lines.add("GPUs the engine uses: " + engineGpus + " (--device gpu or gpu:N)");
            if (driverGpus != null) {
                driverGpus.forEach(gpu -> lines.add("  " + gpu.describe()));
            }
        } else {
            lines.add("No GPU visible: " + whyNot());
        }
        return String.join("\n", lines);
    }

    private String whyNot() {
        if (driverGpus == null) {
            return "this machine has no NVIDIA driver (nvidia-smi was not found). Training runs on the CPU;"
                    + " for a GPU, run the kernel on a machine with an NVIDIA GPU and its driver.";
        }
        if (driverGpus.isEmpty()) {
            return "the NVIDIA driver lists no GPU (nvidia-smi found none). Check that the GPU is visible to"
                    + " this container or machine (CUDA_VISIBLE_DEVICES, --gpus).";
        }
        String gpus = driverGpus.stream().map(Gpu::name).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        return "the driver lists " + driverGpus.size() + " (" + gpus + "), but this kernel's PyTorch natives are the "
                + (nativesFlavor == null ? "CPU" : nativesFlavor) + " build. Point PYTORCH_LIBRARY_PATH at a CUDA"
                + " build of libtorch 2.7.1 (with its libdjl_torch.so) and restart the kernel; see the README.";
    }
}
