package jdlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Turns {@code auto}, {@code cpu}, {@code gpu} and {@code gpu:N} into a device, or says why it cannot. */
public final class Devices {

    private Devices() {
    }

    /**
     * The device named; {@code auto} takes the first GPU when the engine sees one.
     *
     * @throws IllegalArgumentException for a name it does not know, or a GPU the engine does not see
     */
    public static Device resolve(String name) {
        int gpus = Engine.getInstance().getGpuCount();
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("gpu") || n.startsWith("gpu:")) {
            int index;
            try {
                index = n.equals("gpu") ? 0 : Integer.parseInt(n.substring(4));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device " + name + ": write gpu:N with N a number, e.g. gpu:0");
            }
            if (gpus == 0) {
                throw new IllegalArgumentException("device " + name + ": no GPU is visible to "
                        + Engine.getInstance().getEngineName() + " (it loaded CPU natives); %devices says why; use --device cpu or auto");
            }
            if (index < 0 || index >= gpus) {
                throw new IllegalArgumentException("device " + name + ": there " + (gpus == 1 ? "is 1 GPU (gpu:0)" : "are " + gpus + " GPUs (gpu:0 to gpu:" + (gpus - 1) + ")"));
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device " + name + ": use auto, cpu, gpu or gpu:N");
    }
}
