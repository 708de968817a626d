package jdlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The kernel's log: quiet by default, each warning once, turned up by a setting. */
class KernelLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @AfterEach
    void restoreJdkLogging() throws Exception {
        LogManager.getLogManager().readConfiguration();
    }

    private String logged() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"'', WARNING", "info, INFO", "DEBUG, FINE", "warn, WARNING", "ALL, ALL", "nonsense, WARNING"})
    void aSettingNamesALevelAndNonsenseKeepsTheDefault(String setting, String level) {
        assertEquals(Level.parse(level), KernelLog.parse(setting));
    }

    @Test
    void byDefaultInfoIsQuietAndALibrarysWarningIsSaidOnceOnOneLine() {
        KernelLog.configure(stream, null);
        Logger logger = Logger.getLogger("ai.djl.example");
        logger.info("Number of intra-op threads is 2");
        logger.warning("something to act on");
        logger.warning("something to act on");

        String[] lines = logged().split("\n");
        assertEquals(1, lines.length, logged());
        assertTrue(lines[0].startsWith("[jdlab ") && lines[0].endsWith(" WARNING example] something to act on"), lines[0]);
    }

    @Test
    void eachOfTheKernelsOwnWarningsIsSaid() {
        KernelLog.configure(stream, null);
        Logger logger = Logger.getLogger("jdlab.kernel.protocol.KernelSockets");
        logger.warning("dropped a message on SHELL: bad signature");
        logger.warning("dropped a message on SHELL: bad signature");

        assertEquals(2, logged().split("\n").length, logged());
    }

    @Test
    void djlsGpuProbeOnAMachineWithoutCudaIsNotAWarningByDefault() {
        KernelLog.configure(stream, null);
        Logger.getLogger("ai.djl.util.cuda.CudaUtils").warning("Failed to detect GPU count: CUDA driver version is insufficient");

        assertEquals("", logged());
    }

    @Test
    void turnedUpTheLogSaysWhatTheKernelDoesWithStackTraces() {
        KernelLog.configure(stream, "DEBUG");
        Logger logger = Logger.getLogger("jdlab.kernel.Kernel");
        logger.info("starting");
        logger.log(Level.WARNING, "failed", new IllegalStateException("why"));
        logger.log(Level.WARNING, "failed", new IllegalStateException("why"));

        String log = logged();
        assertTrue(log.contains(" INFO Kernel] starting"), log);
        assertTrue(log.contains(" WARNING Kernel] failed: java.lang.IllegalStateException: why\n    at "), log);
        assertEquals(2, log.split("WARNING Kernel] failed").length - 1, log);
    }
}
