package jdlab.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlMnistSeedingTest {

    // The repository's notebooks folder holds data/mnist as the kernelspec does.
    private static final Path NOTEBOOKS = Path.of("..", "notebooks");

    @TempDir
    Path scratch;

    private String before;

    @BeforeEach
    void rememberCache() {
        before = System.getProperty("DJL_CACHE_DIR");
    }

    @AfterEach
    void restoreCache() {
        if (before == null) {
            System.clearProperty("DJL_CACHE_DIR");
        } else {
            System.setProperty("DJL_CACHE_DIR", before);
        }
    }

    private static String atInstall() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DjlMnistSeeding.atInstall(NOTEBOOKS, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anInstallSaysWhereItPutMnistAndALaterOneFindsItThere() {
        System.setProperty("DJL_CACHE_DIR", scratch.toString());

        assertEquals("Put MNIST where DJL's Mnist dataset finds it offline: "
                + scratch.resolve("cache/repo/dataset/cv/ai/djl/basicdataset/mnist/1.0") + "\n", atInstall());
        assertEquals("", atInstall());
    }

    @Test
    void aCacheThatCannotBeWrittenIsOneLineNotAFailedInstall() throws IOException {
        Path notAFolder = Files.writeString(scratch.resolve("file"), "x");
        System.setProperty("DJL_CACHE_DIR", notAFolder.toString());

        String said = atInstall();

        assertTrue(said.startsWith("DJL's Mnist dataset will need a download: could not write DJL's cache ("), said);
        assertEquals(1, said.lines().count(), said);
    }
}
