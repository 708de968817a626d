package jdlab.magics.devices;

import java.util.ArrayList;
import java.util.List;

/** One GPU as the NVIDIA driver reports it. */
record Gpu(int index, String name, long memoryUsedMiB, long memoryTotalMiB, String utilisation) {

    /**
     * The GPUs in {@code nvidia-smi --query-gpu=index,name,memory.used,memory.total,utilization.gpu
     * --format=csv,noheader,nounits} output; lines it cannot read are left out.
     */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.lines().toList()) {
            String[] f = line.split(",\\s*");
            if (f.length < 5) {
                continue;
            }
            try {
                gpus.add(new Gpu(Integer.parseInt(f[0].strip()), f[1].strip(), Long.parseLong(f[2].strip()),
                        Long.parseLong(f[3].strip()), f[4].strip()));
            } catch (NumberFormatException e) {
                // A line of another shape (a driver's warning): not a GPU.
            }
        }
        return gpus;
    }

    String describe() {
        String used = utilisation.matches("\\d+") ? ", " + utilisation + " % busy" : "";
        return "GPU " + index + ": " + name + ", memory " + memoryUsedMiB + " / " + memoryTotalMiB + " MiB used" + used;
    }
}
