package jdlab.magics.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceReportTest {

    private static final List<Gpu> TWO = Gpu.parse("0, NVIDIA H100 80GB HBM3, 1024, 81559, 37\n1, NVIDIA H100 80GB HBM3, 3, 81559, [N/A]\n");

    @Test
    void nvidiaSmiLinesBecomeGpusAndOtherLinesAreLeftOut() {
        assertEquals(2, TWO.size());
        assertEquals(new Gpu(0, "NVIDIA H100 80GB HBM3", 1024, 81559, "37"), TWO.get(0));
        assertEquals("GPU 0: NVIDIA H100 80GB HBM3, memory 1024 / 81559 MiB used, 37 % busy", TWO.get(0).describe());
        assertEquals("GPU 1: NVIDIA H100 80GB HBM3, memory 3 / 81559 MiB used", TWO.get(1).describe());
        assertEquals(List.of(), Gpu.parse("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."));
    }

    @Test
    void gpusTheEngineUsesAreListedWithTheirMemory() {
        String text = new DeviceReport("PyTorch 2.7.1", "cu124", 16, "4", 2, TWO).text();
        assertEquals("""
                Engine: PyTorch 2.7.1 (cu124 natives)
                CPU: 16 cores, 4 intra-op threads (set with -Dai.djl.pytorch.num_threads=N, or OMP_NUM_THREADS)
                GPUs the engine uses: 2 (--device gpu or gpu:N)
                  GPU 0: NVIDIA H100 80GB HBM3, memory 1024 / 81559 MiB used, 37 % busy
                  GPU 1: NVIDIA H100 80GB HBM3, memory 3 / 81559 MiB used""", text);
    }

    @Test
    void withoutADriverItSaysSoAndThatTrainingRunsOnTheCpu() {
        String text = new DeviceReport("PyTorch 2.7.1", "cpu", 2, "1", 0, null).text();
        assertTrue(text.endsWith("No GPU visible: this machine has no NVIDIA driver (nvidia-smi was not found)."
                + " Training runs on the CPU; for a GPU, run the kernel on a machine with an NVIDIA GPU and its driver."), text);
        assertTrue(text.contains("CPU: 2 cores, 1 intra-op thread ("), text);
    }

    @Test
    void aGpuTheCpuBuildCannotUseIsNamedWithTheWayToUseIt() {
        String text = new DeviceReport("PyTorch 2.7.1", "cpu", 16, null, 0, TWO).text();
        assertTrue(text.contains("No GPU visible: the driver lists 2 (NVIDIA H100 80GB HBM3), but this kernel's PyTorch"
                + " natives are the cpu build. Point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch 2.7.1"), text);
        assertTrue(text.contains("PyTorch's default intra-op threads"), text);
    }

    @Test
    void aDriverThatListsNoGpuIsToldApart() {
        String text = new DeviceReport("PyTorch 2.7.1", "cpu", 2, "1", 0, List.of()).text();
        assertTrue(text.contains("No GPU visible: the NVIDIA driver lists no GPU"), text);
    }

    @Test
    void bothNamesAnswerHelp() {
        var spec = new DevicesMagic().args();
        assertTrue(spec.parse("%devices", "--help", null).helpRequested().startsWith("Usage: %devices"));
        assertTrue(spec.parse("%gpu", "--help", null).helpRequested().startsWith("Usage: %gpu"));
    }
}
