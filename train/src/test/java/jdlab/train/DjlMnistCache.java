package jdlab.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A DJL cache holding the MNIST of {@code notebooks/data/mnist}, laid out as DJL's {@code Mnist}
 * expects to find a download: so that the dataset is read as users read it, with no network.
 */
final class DjlMnistCache {

    static final Path FILES = Path.of("..", "notebooks", "data", "mnist");
    private static final String[][] ITEMS = {
        {"train_data", "train-images-idx3-ubyte"}, {"train_labels", "train-labels-idx1-ubyte"},
        {"test_data", "t10k-images-idx3-ubyte"}, {"test_labels", "t10k-labels-idx1-ubyte"}};

    private DjlMnistCache() {
    }

    /** Writes the cache under {@code root}, the folder to give DJL as {@code DJL_CACHE_DIR}. */
    static void write(Path root) throws IOException {
        Path mnist = root.resolve("cache/repo/dataset/cv/ai/djl/basicdataset/mnist");
        Files.createDirectories(mnist.resolve("1.0"));
        StringBuilder files = new StringBuilder();
        for (String[] item : ITEMS) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(FILES.resolve(item[1] + ".gz")))) {
                Files.copy(in, mnist.resolve("1.0").resolve(item[1]));
            }
            files.append(files.isEmpty() ? "" : ",").append(String.format(
                    "\"%s\": {\"uri\": \"1.0/%s.gz\", \"name\": \"%s\"}", item[0], item[1], item[1]));
        }
        Files.writeString(mnist.resolve("metadata.json"), "{\"metadataVersion\": \"0.2\", \"resourceType\": \"dataset\","
                + " \"application\": \"cv\", \"groupId\": \"ai.djl.basicdataset\", \"artifactId\": \"mnist\","
                + " \"name\": \"mnist\", \"lastUpdated\": \"2099-01-01T00:00:00.000Z\","
                + " \"artifacts\": [{\"version\": \"1.0\", \"snapshot\": false, \"files\": {"
                + files + "}}]}");
    }
}
