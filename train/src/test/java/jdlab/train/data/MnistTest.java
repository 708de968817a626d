package jdlab.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {

    private static final Path MNIST = Path.of("..", "notebooks", "data", "mnist");

    private static Examples train;
    private static Examples test;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readTheRealFiles() throws IOException {
        train = Mnist.train(MNIST);
        test = Mnist.test(MNIST);
    }

    @Test
    void trainingSetHasSixtyThousandDigitImages() {
        assertEquals(60_000, train.size());
        assertEquals(new Shape(1, 28, 28), train.exampleShape());
        assertEquals(10, train.classes());
        assertEquals(Mnist.DIGITS, train.classNames());
        assertEquals(5, train.label(0));
    }

    @Test
    void labelsCountAsPublished() {
        assertEquals(5923, count(train, 0));
        assertEquals(5949, count(train, 9));
        assertEquals(10_000, test.size());
        assertEquals(1135, count(test, 1));
        assertEquals(7, test.label(0));
    }

    @Test
    void pixelsAreScaledFromBytesToTheUnitRange() {
        float[] pixels = features(test);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float p : pixels) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void unzippedFilesReadTheSameAsGzippedOnes() throws IOException {
        gunzip(MNIST.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte"));
        gunzip(MNIST.resolve("t10k-labels-idx1-ubyte.gz"), tmp.resolve("t10k-labels-idx1-ubyte"));

        Examples raw = Mnist.test(tmp);

        assertEquals(test.size(), raw.size());
        assertArrayEquals(features(test), features(raw));
    }

    @Test
    void otherIdxSetsReadWithTheirOwnClassNames() throws IOException {
        Path images = idx(tmp.resolve("images.gz"), 2051, new int[] {2, 3, 4}, new byte[24]);
        Path labels = idx(tmp.resolve("labels.gz"), 2049, new int[] {2}, new byte[] {9, 0});

        Examples fashion = Mnist.load(images, labels, Mnist.FASHION);

        assertEquals(new Shape(1, 3, 4), fashion.exampleShape());
        assertEquals("Ankle boot", fashion.classNames().get((int) fashion.label(0)));
    }

    @Test
    void truncatedFileSaysHowMuchIsMissing() throws IOException {
        byte[] header = idxBytes(2051, new int[] {10, 28, 28}, new byte[0]);
        byte[] cut = Arrays.copyOf(header, header.length + 1000);
        Path images = gzip(tmp.resolve("train-images-idx3-ubyte.gz"), cut);
        idx(tmp.resolve("train-labels-idx1-ubyte.gz"), 2049, new int[] {10}, new byte[10]);

        IOException e = assertThrows(IOException.class, () -> Mnist.train(tmp));

        assertEquals(images + ": truncated, it ends after 1000 of the 7840 bytes its header announces (10 × 28 × 28)",
                e.getMessage());
    }

    @Test
    void damagedGzipDataNamesTheFile() throws IOException {
        byte[] zipped = Files.readAllBytes(MNIST.resolve("t10k-labels-idx1-ubyte.gz"));
        Path labels = Files.write(tmp.resolve("t10k-labels-idx1-ubyte.gz"), Arrays.copyOf(zipped, zipped.length / 2));
        Files.copy(MNIST.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte.gz"));

        IOException e = assertThrows(IOException.class, () -> Mnist.test(tmp));

        assertTrue(e.getMessage().startsWith(labels + ": truncated"), e.getMessage());
    }

    @Test
    void labelFileInPlaceOfImagesIsTold() throws IOException {
        Path labels = MNIST.resolve("t10k-labels-idx1-ubyte.gz");

        IOException e = assertThrows(IOException.class, () -> Mnist.load(labels, labels, Mnist.DIGITS));

        assertEquals(labels + ": magic number 2049, but an idx image file starts with 2051; is this the right file?",
                e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = idx(tmp.resolve("images"), 2051, new int[] {3, 1, 1}, new byte[3]);
        Path labels = idx(tmp.resolve("labels"), 2049, new int[] {2}, new byte[2]);

        IOException e = assertThrows(IOException.class, () -> Mnist.load(images, labels, Mnist.DIGITS));

        assertEquals(images + " holds 3 images but " + labels + " holds 2 labels", e.getMessage());
    }

    @Test
    void labelsBeyondTheClassNamesAreRejected() throws IOException {
        Path images = idx(tmp.resolve("images"), 2051, new int[] {2, 1, 1}, new byte[2]);
        Path labels = idx(tmp.resolve("labels"), 2049, new int[] {2}, new byte[] {1, 12});

        IOException e = assertThrows(IOException.class, () -> Mnist.load(images, labels, Mnist.DIGITS));

        assertEquals(labels + ": label 12 at example 1, but there are only 10 class names", e.getMessage());
    }

    @Test
    void bytesBeyondTheHeadersCountAreRejected() throws IOException {
        Path images = idx(tmp.resolve("images"), 2051, new int[] {2, 1, 1}, new byte[2]);
        Path labels = idx(tmp.resolve("labels"), 2049, new int[] {2}, new byte[3]);

        IOException e = assertThrows(IOException.class, () -> Mnist.load(images, labels, List.of()));

        assertEquals(labels + ": longer than its header announces (2)", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.train(tmp));

        assertEquals(tmp.resolve("train-images-idx3-ubyte.gz")
                + ": no such file, nor its unzipped form train-images-idx3-ubyte", e.getMessage());
    }

    @Test
    void missingFolderIsNamed() {
        Path nowhere = tmp.resolve("nowhere");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Mnist.test(nowhere));

        assertEquals(nowhere + ": no such folder; expected MNIST's idx files in it", e.getMessage());
    }

    private static long count(Examples examples, int label) {
        return IntStream.range(0, examples.size()).filter(i -> examples.label(i) == label).count();
    }

    private static float[] features(Examples examples) {
        int[] all = IntStream.range(0, examples.size()).toArray();
        FloatBuffer out = FloatBuffer.allocate(Math.toIntExact(examples.size() * examples.exampleShape().size()));
        examples.copyFeatures(all, 0, all.length, out);
        return out.array();
    }

    private static Path idx(Path file, int magic, int[] dims, byte[] values) throws IOException {
        byte[] bytes = idxBytes(magic, dims, values);
        return file.toString().endsWith(".gz") ? gzip(file, bytes) : Files.write(file, bytes);
    }

    private static byte[] idxBytes(int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        }
        return bytes.toByteArray();
    }

    private static Path gzip(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }

    private static void gunzip(Path from, Path to) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from))) {
            Files.copy(in, to);
        }
    }
}
