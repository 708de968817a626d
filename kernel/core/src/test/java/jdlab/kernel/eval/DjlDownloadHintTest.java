package jdlab.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The frames are those DJL 0.35.1 throws with when FashionMnist.prepare() runs offline, cut to DJL's. */
class DjlDownloadHintTest {

    private static final StackTraceElement[] FASHION_MNIST_PREPARE = {
        new StackTraceElement("java.net.URL", "openStream", "URL.java", 1161),
        new StackTraceElement("ai.djl.repository.RemoteRepository", "locate", "RemoteRepository.java", 85),
        new StackTraceElement("ai.djl.repository.MRL", "getDefaultArtifact", "MRL.java", 213),
        new StackTraceElement("ai.djl.basicdataset.cv.classification.FashionMnist", "prepare", "FashionMnist.java", 88),
        new StackTraceElement("ai.djl.training.dataset.Dataset", "prepare", "Dataset.java", 63),
        new StackTraceElement("REPL.$JShell$12", "do_it$", "#12", 3)};

    private static Optional<String> hint(Throwable thrown) {
        return DjlDownloadHint.of(thrown, t -> t.getClass().getName());
    }

    private static <T extends Throwable> T thrownBy(T thrown, StackTraceElement... frames) {
        thrown.setStackTrace(frames);
        return thrown;
    }

    @Test
    void anUnknownHostInDjlsRepositoryNamesTheDatasetTheHostAndWhatIsOffline() {
        String line = hint(thrownBy(new UnknownHostException("mlrepo.djl.ai"), FASHION_MNIST_PREPARE)).orElseThrow();

        assertTrue(line.startsWith("DJL's dataset FashionMnist needs a download from mlrepo.djl.ai, which cannot be reached"), line);
        assertTrue(line.contains("the kernel has MNIST for DJL's Mnist (ai.djl.basicdataset.cv.classification.Mnist)"), line);
        assertEquals(-1, line.indexOf('\n'));
    }

    @Test
    void aWrappedFailureIsFoundAmongTheCauses() {
        Throwable refused = thrownBy(new ConnectException("Connection refused"), FASHION_MNIST_PREPARE);

        String line = hint(new RuntimeException("prepare failed", new IOException(refused))).orElseThrow();

        assertTrue(line.startsWith("DJL's dataset FashionMnist needs a download from DJL's repository, which cannot"), line);
    }

    @Test
    void networkFailuresOutsideDjlsRepositoryKeepTheirTraceback() {
        StackTraceElement[] usersOwnDownload = {new StackTraceElement("java.net.URL", "openStream", "URL.java", 1161),
            new StackTraceElement("REPL.$JShell$13", "do_it$", "#13", 1)};

        assertEquals(Optional.empty(), hint(thrownBy(new UnknownHostException("example.org"), usersOwnDownload)));
        assertEquals(Optional.empty(), hint(thrownBy(new IOException("mlrepo.djl.ai"), FASHION_MNIST_PREPARE)));
    }
}
