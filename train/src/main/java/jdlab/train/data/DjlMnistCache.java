package jdlab.train.data;

import ai.djl.Application;
import ai.djl.basicdataset.BasicDatasets;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.Repository;
import ai.djl.util.JsonUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts MNIST where DJL's own {@code ai.djl.basicdataset.cv.classification.Mnist} looks for its
 * download, so that notebooks written for DJL read it with no network.
 *
 * <p>DJL's remote repository reads a cached {@code metadata.json} and the artifact's folder beside
 * it before it goes online; it does not consult {@code ai.djl.offline} when neither is there. The
 * cache is DJL's own ({@code DJL_CACHE_DIR}, else {@code ~/.djl.ai}), and every path and the
 * metadata come from DJL's classes, so only the artifact's version is written here. What DJL (or an
 * earlier seeding) left is never replaced, and each part appears whole or not at all.
 */
public final class DjlMnistCache {

    private static final String ARTIFACT = "mnist";
    private static final String VERSION = "1.0"; // the version DJL's Mnist asks its repository for
    // DJL's names for the four files, and the idx files they are.
    private static final Map<String, String> ITEMS = new LinkedHashMap<>();

    static {
        ITEMS.put("train_data", "train-images-idx3-ubyte");
        ITEMS.put("train_labels", "train-labels-idx1-ubyte");
        ITEMS.put("test_data", "t10k-images-idx3-ubyte");
        ITEMS.put("test_labels", "t10k-labels-idx1-ubyte");
    }

    private DjlMnistCache() {
    }

    /** The folder DJL's Mnist reads its files from, in DJL's cache as DJL's settings now place it. */
    public static Path dataFolder() throws IOException {
        return BasicDatasets.REPOSITORY.getResourceDirectory(artifact(metadata()));
    }

    /**
     * Writes MNIST, from the four idx files (gzipped or not) in {@code idxFolder}, into DJL's cache
     * where it is missing: the data folder first, then the metadata that points DJL at it, so that
     * DJL never finds metadata without data. True if anything was written.
     */
    public static boolean seed(Path idxFolder) throws IOException {
        Metadata metadata = metadata();
        Path data = BasicDatasets.REPOSITORY.getResourceDirectory(artifact(metadata));
        Path metadataFile = data.resolveSibling("metadata.json");
        boolean wrote = false;
        if (!Files.exists(data)) {
            writeData(idxFolder, data);
            wrote = true;
        }
        if (!Files.exists(metadataFile)) {
            writeFile(metadataFile, JsonUtils.GSON_PRETTY.toJson(metadata));
            wrote = true;
        }
        return wrote;
    }

    // The metadata DJL keeps for a dataset it downloaded, built with DJL's own classes.
    private static Metadata metadata() {
        Repository repository = BasicDatasets.REPOSITORY;
        MRL mrl = repository.dataset(Application.CV.ANY, BasicDatasets.GROUP_ID, ARTIFACT, VERSION);
        Map<String, Artifact.Item> files = new LinkedHashMap<>();
        ITEMS.forEach((key, name) -> {
            Artifact.Item item = new Artifact.Item();
            item.setUri(VERSION + "/" + name + ".gz");
            item.setName(name);
            files.put(key, item);
        });
        Artifact artifact = new Artifact();
        artifact.setVersion(VERSION);
        artifact.setFiles(files);
        Metadata metadata = new Metadata();
        metadata.setMetadataVersion("0.2");
        metadata.setResourceType("dataset");
        metadata.setApplication(Application.CV.ANY);
        metadata.setGroupId(BasicDatasets.GROUP_ID);
        metadata.setArtifactId(ARTIFACT);
        metadata.setName(ARTIFACT);
        metadata.setLastUpdated(new Date());
        metadata.setArtifacts(List.of(artifact));
        metadata.setRepositoryUri(mrl.toURI());
        metadata.init(Map.of());
        return metadata;
    }

    private static Artifact artifact(Metadata metadata) {
        return metadata.getArtifacts().get(0);
    }

    // DJL's own download does the same: a temporary folder beside the target, renamed when complete.
    private static void writeData(Path idxFolder, Path data) throws IOException {
        Files.createDirectories(data.getParent());
        Path temporary = Files.createTempDirectory(data.getParent(), "." + data.getFileName() + "-");
        try {
            for (String name : ITEMS.values()) {
                Path gzipped = idxFolder.resolve(name + ".gz");
                try (InputStream in = DataFiles.open(Files.exists(gzipped) ? gzipped : idxFolder.resolve(name))) {
                    writeForced(in, temporary.resolve(name));
                }
            }
            Files.move(temporary, data, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(data)) {
                throw e;
            } // else another kernel, or DJL, wrote it meanwhile: theirs stays
        } finally {
            deleteTree(temporary);
        }
    }

    // A hard link, unlike a rename, fails when the file is there: one written meanwhile is kept.
    private static void writeFile(Path file, String text) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + "-", ".tmp");
        try {
            writeForced(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), temporary);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // theirs stays
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void writeForced(InputStream in, Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(Channels.newOutputStream(out));
            out.force(true);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
