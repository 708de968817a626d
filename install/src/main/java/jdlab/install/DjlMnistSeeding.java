package jdlab.install;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import jdlab.train.data.DjlMnistCache;

/**
 * The MNIST the kernel ships (the kernelspec's {@code data/mnist}, with its SOURCE.md) put where
 * DJL's own {@code Mnist} dataset looks for its download, so that DJL's tutorials train offline:
 * once at install, and at a kernel start where DJL's cache lacks it (another {@code DJL_CACHE_DIR},
 * a cleared cache).
 */
final class DjlMnistSeeding {

    static final String FOLDER = "data/mnist";
    private static final System.Logger LOG = System.getLogger(DjlMnistSeeding.class.getName());

    private DjlMnistSeeding() {
    }

    /** At install, from the data beside the installer's jar; a failure is one line, never a failed install. */
    static void atInstall(Path jarFolder, PrintStream out) {
        Path mnist = jarFolder.resolve(FOLDER);
        if (!Files.isDirectory(mnist)) { // absent only when run from classes, as unit tests do
            return;
        }
        try {
            if (DjlMnistCache.seed(mnist)) {
                out.println("Put MNIST where DJL's Mnist dataset finds it offline: " + DjlMnistCache.dataFolder());
            }
        } catch (IOException | RuntimeException e) {
            out.println("DJL's Mnist dataset will need a download: could not write DJL's cache (" + e + ")");
        }
    }

    /**
     * At a kernel start: on a background thread of the lowest priority, so that the start is no
     * slower; DJL's cache is only looked at there, and written only where MNIST is missing.
     */
    static void atStart(Path kernelDir) {
        Path mnist = kernelDir.resolve(FOLDER);
        Thread seeding = new Thread(() -> {
            try {
                if (Files.isDirectory(mnist) && DjlMnistCache.seed(mnist)) {
                    LOG.log(System.Logger.Level.INFO, "put MNIST in DJL's cache: {0}", DjlMnistCache.dataFolder());
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not put MNIST in DJL's cache", e);
            }
        }, "jdlab-djl-mnist");
        seeding.setDaemon(true);
        seeding.setPriority(Thread.MIN_PRIORITY);
        seeding.start();
    }
}
