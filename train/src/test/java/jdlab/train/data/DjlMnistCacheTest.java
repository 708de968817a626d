package jdlab.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.repository.Metadata;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.JsonUtils;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlMnistCacheTest {

    private static final Path MNIST = Path.of("..", "notebooks", "data", "mnist");

    @TempDir
    Path cache;

    private String before;

    @BeforeEach
    void useScratchCache() {
        before = System.getProperty("DJL_CACHE_DIR");
        System.setProperty("DJL_CACHE_DIR", cache.toString());
    }

    @AfterEach
    void restoreCache() {
        if (before == null) {
            System.clearProperty("DJL_CACHE_DIR");
        } else {
            System.setProperty("DJL_CACHE_DIR", before);
        }
    }

    @Test
    void seedsDjlsCacheWhereDjlsMnistReadsItWithNoNetwork() throws Exception {
        assertTrue(DjlMnistCache.seed(MNIST));

        Path entry = cache.resolve("cache/repo/dataset/cv/ai/djl/basicdataset/mnist");
        assertEquals(entry.resolve("1.0"), DjlMnistCache.dataFolder());
        assertEquals(List.of(".", "1.0", "metadata.json"), names(entry));
        assertEquals(47_040_016, Files.size(entry.resolve("1.0/train-images-idx3-ubyte")));
        assertEquals(10_008, Files.size(entry.resolve("1.0/t10k-labels-idx1-ubyte")));
        try (Reader json = Files.newBufferedReader(entry.resolve("metadata.json"))) {
            Metadata metadata = JsonUtils.GSON_PRETTY.fromJson(json, Metadata.class);
            assertEquals("ai.djl.basicdataset", metadata.getGroupId());
            assertEquals("1.0", metadata.getArtifacts().get(0).getVersion());
        }
        // The network is never asked: DJL's offline switch is off, and the cached entry is read.
        Mnist test = Mnist.builder().optUsage(Dataset.Usage.TEST).setSampling(100, false).build();
        test.prepare();
        assertEquals(10_000, test.size());
    }

    @Test
    void aSecondSeedingChangesNothing() throws IOException {
        DjlMnistCache.seed(MNIST);
        Path images = DjlMnistCache.dataFolder().resolve("train-images-idx3-ubyte");
        FileTime written = Files.getLastModifiedTime(images);

        assertFalse(DjlMnistCache.seed(MNIST));
        assertEquals(written, Files.getLastModifiedTime(images));
    }

    @Test
    void whatDjlDownloadedItselfIsKeptAndOnlyTheMissingMetadataIsWritten() throws IOException {
        Path data = DjlMnistCache.dataFolder();
        Files.createDirectories(data);
        Files.writeString(data.resolve("downloaded-by-djl"), "x");

        assertTrue(DjlMnistCache.seed(MNIST));
        assertEquals(List.of(".", "downloaded-by-djl"), names(data));
        assertTrue(Files.exists(data.resolveSibling("metadata.json")));
    }

    @Test
    void aFailedSeedingLeavesNoEntryNorTemporaryFiles(@TempDir Path incomplete) throws IOException {
        Files.copy(MNIST.resolve("train-images-idx3-ubyte.gz"), incomplete.resolve("train-images-idx3-ubyte.gz"));

        assertThrows(NoSuchFileException.class, () -> DjlMnistCache.seed(incomplete));
        assertEquals(List.of("."), names(DjlMnistCache.dataFolder().getParent()));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return Stream.concat(Stream.of("."), files.map(f -> f.getFileName().toString()).sorted()).toList();
        }
    }
}
