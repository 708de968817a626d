package jdlab.train.data;

import ai.djl.ndarray.types.Shape;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipException;

/**
 * MNIST-style images and labels read from LeCun's idx files, gzipped or raw: MNIST itself, and
 * Fashion-MNIST or any other set in the same format through {@link #load}.
 *
 * <p>Each example has shape (1, rows, columns), one channel of pixels scaled from 0..255 to 0..1.
 */
public final class Mnist {

    /** MNIST's classes: the digits "0" to "9". */
    public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Fashion-MNIST's classes, in label order. */
    public static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;
    private static final float[] PIXEL = new float[256];

    static {
        for (int i = 0; i < PIXEL.length; i++) {
            PIXEL[i] = i / 255f;
        }
    }

    private Mnist() {
    }

    /** The 60,000 training examples from {@code train-images-idx3-ubyte[.gz]} and its labels in {@code dir}. */
    public static Examples train(Path dir) throws IOException {
        return load(find(dir, "train-images-idx3-ubyte"), find(dir, "train-labels-idx1-ubyte"), DIGITS);
    }

    /** The 10,000 test examples from {@code t10k-images-idx3-ubyte[.gz]} and its labels in {@code dir}. */
    public static Examples test(Path dir) throws IOException {
        return load(find(dir, "t10k-images-idx3-ubyte"), find(dir, "t10k-labels-idx1-ubyte"), DIGITS);
    }

    /**
     * Examples from an idx image file (magic 2051) and an idx label file (magic 2049) of the same
     * length; labels index {@code classNames}, or are named by their digits when it is empty.
     */
    public static Examples load(Path images, Path labels, List<String> classNames) throws IOException {
        Idx pixels = Idx.read(images, IMAGES_MAGIC, "image");
        Idx classes = Idx.read(labels, LABELS_MAGIC, "label");
        int count = pixels.dims[0];
        if (classes.dims[0] != count) {
            throw new IOException(images + " holds " + count + " images but " + labels + " holds " + classes.dims[0] + " labels");
        }
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = classes.values[i] & 0xff;
            if (!classNames.isEmpty() && y[i] >= classNames.size()) {
                throw new IOException(labels + ": label " + y[i] + " at example " + i + ", but there are only "
                        + classNames.size() + " class names");
            }
        }
        float[] x = new float[pixels.values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = PIXEL[pixels.values[i] & 0xff];
        }
        return Examples.classification(x, new Shape(1, pixels.dims[1], pixels.dims[2]), y, classNames);
    }

    private static Path find(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such folder; expected MNIST's idx files in it");
        }
        Path gzipped = dir.resolve(name + ".gz");
        Path raw = dir.resolve(name);
        if (Files.exists(gzipped)) {
            return gzipped;
        }
        if (Files.exists(raw)) {
            return raw;
        }
        throw new NoSuchFileException(gzipped.toString(), null, "no such file, nor its unzipped form " + name);
    }

    /** An idx file of unsigned bytes: its dimensions and its values, row-major. */
    private record Idx(int[] dims, byte[] values) {

        static Idx read(Path file, int magic, String kind) throws IOException {
            try (InputStream in = DataFiles.open(file)) {
                int[] dims = header(in, file, magic, kind);
                long size = Arrays.stream(dims).asLongStream().reduce(1, Math::multiplyExact);
                if (size > Integer.MAX_VALUE - 8) {
                    throw new IOException(file + ": dimensions " + Arrays.toString(dims) + " are too large to hold in memory");
                }
                byte[] values = new byte[(int) size];
                int read = in.readNBytes(values, 0, values.length);
                if (read < values.length) {
                    throw new IOException(file + ": truncated, it ends after " + read + " of the " + size
                            + " bytes its header announces (" + shape(dims) + ")");
                }
                if (in.read() != -1) {
                    throw new IOException(file + ": longer than its header announces (" + shape(dims) + ")");
                }
                return new Idx(dims, values);
            } catch (EOFException e) {
                throw new IOException(file + ": truncated, the gzip data ends early (" + e.getMessage() + ")", e);
            } catch (ZipException e) {
                throw new IOException(file + ": damaged gzip data (" + e.getMessage() + ")", e);
            }
        }

        private static int[] header(InputStream in, Path file, int magic, String kind) throws IOException {
            int found = headerInt(in, file);
            if (found != magic) {
                throw new IOException(file + ": magic number " + found + ", but an idx " + kind
                        + " file starts with " + magic + "; is this the right file?");
            }
            int[] dims = new int[magic & 0xff];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = headerInt(in, file);
                if (dims[i] <= 0) {
                    throw new IOException(file + ": dimension " + i + " of the idx header is " + dims[i] + ", not positive");
                }
            }
            return dims;
        }

        private static int headerInt(InputStream in, Path file) throws IOException {
            byte[] b = in.readNBytes(4);
            if (b.length < 4) {
                throw new IOException(file + ": truncated, it ends inside the idx header");
            }
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
        }

        private static String shape(int[] dims) {
            return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" × "));
        }
    }
}
