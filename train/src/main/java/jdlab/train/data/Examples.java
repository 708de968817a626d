package jdlab.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Batchifier;
import ai.djl.util.Progress;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Labelled examples held in memory as one float array, the form the trainer copies batches from
 * without a per-record detour. It is also a DJL {@link Dataset}, so DJL's own trainers accept it.
 *
 * <p>Labels are class indices when {@link #classes()} is positive, regression targets otherwise.
 */
public final class Examples implements Dataset, Serializable {

    private static final long serialVersionUID = 1L;

    private static final int DEFAULT_BATCH = 32;

    private final float[] features;
    private final float[] labels;
    private final Shape exampleShape;
    private final int width;
    private final int classes;
    private final List<String> classNames;

    private Examples(float[] features, Shape exampleShape, float[] labels, int classes, List<String> classNames) {
        this.width = Math.toIntExact(exampleShape.size());
        if (width == 0 || features.length != (long) labels.length * width) {
            throw new IllegalArgumentException(labels.length + " labels but " + features.length
                    + " feature values, for examples of shape " + exampleShape);
        }
        this.features = features;
        this.labels = labels;
        this.exampleShape = exampleShape;
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Examples for classification: {@code features} holds one example after another, each of
     * {@code exampleShape}; labels are class indices, named by {@code classNames} (or their digits).
     */
    public static Examples classification(float[] features, Shape exampleShape, int[] labels, List<String> classNames) {
        // Names may list classes no example has yet; labels without a name are an error below.
        int classes = Math.max(classNames.size(), Arrays.stream(labels).max().orElse(-1) + 1);
        float[] asFloats = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("label " + labels[i] + " at example " + i + " is not a class index (0 or more)");
            }
            if (!classNames.isEmpty() && labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " at example " + i + " has no name among the "
                        + classNames.size() + " class names");
            }
            asFloats[i] = labels[i];
        }
        List<String> names = classNames.isEmpty() ? digits(classes) : classNames;
        return new Examples(features, exampleShape, asFloats, classes, names);
    }

    /** Examples for regression: one float target per example. */
    public static Examples regression(float[] features, Shape exampleShape, float[] targets) {
        return new Examples(features, exampleShape, targets, 0, List.of());
    }

    /** Classification examples from rows of features and their class indices. */
    public static Examples of(float[][] rows, int[] labels) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no examples");
        }
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + width);
            }
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return classification(flat, new Shape(width), labels, List.of());
    }

    /**
     * Examples from arrays: the first axis of {@code x} counts examples. An integer {@code y} holds
     * class indices; a floating-point one holds regression targets.
     */
    public static Examples of(NDArray x, NDArray y) {
        long n = x.getShape().get(0);
        if (y.getShape().get(0) != n) {
            throw new IllegalArgumentException("x has " + n + " examples but y has " + y.getShape().get(0));
        }
        Shape exampleShape = x.getShape().slice(1);
        if (exampleShape.dimension() == 0) {
            exampleShape = new Shape(1);
        }
        float[] flat = x.toType(DataType.FLOAT32, false).toFloatArray();
        if (y.getDataType().isInteger()) {
            long[] raw = y.toType(DataType.INT64, false).toLongArray();
            return classification(flat, exampleShape, Arrays.stream(raw).mapToInt(Math::toIntExact).toArray(), List.of());
        }
        return regression(flat, exampleShape, y.toType(DataType.FLOAT32, false).toFloatArray());
    }

    /** How many examples there are. */
    public int size() {
        return labels.length;
    }

    /** The shape of one example, without the batch axis. */
    public Shape exampleShape() {
        return exampleShape;
    }

    /** The number of classes, or 0 for regression targets. */
    public int classes() {
        return classes;
    }

    /** The classes' names, in index order; empty for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** The label of example {@code i}: a class index, or a target. */
    public float label(int i) {
        return labels[i];
    }

    /** The same examples seen with another shape of the same size, e.g. (784) for (1, 28, 28). */
    public Examples reshape(Shape shape) {
        if (shape.size() != width) {
            throw new IllegalArgumentException("examples of shape " + exampleShape + " cannot be seen as " + shape);
        }
        return new Examples(features, shape, labels, classes, classNames);
    }

    /**
     * Whether these are regression targets that could be class indices: all whole numbers, 0 or
     * more. DJL's own datasets (its {@code Mnist}, say) keep class indices as floats.
     */
    public boolean wholeTargets() {
        if (classes > 0) {
            return false;
        }
        for (float label : labels) {
            if (!(label >= 0) || label != Math.rint(label)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The same examples with their whole-number targets taken as indices of {@code count} classes.
     *
     * @throws IllegalArgumentException when a target is not a whole number from 0 to {@code count - 1}
     */
    public Examples asClasses(int count) {
        int[] indices = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= count || labels[i] != Math.rint(labels[i])) {
                throw new IllegalArgumentException("label " + labels[i] + " at example " + i + " is not one of "
                        + count + " class indices (0 to " + (count - 1) + ")");
            }
            indices[i] = (int) labels[i];
        }
        return classification(features, exampleShape, indices, digits(count));
    }

    /** The examples at these indices, in this order. */
    public Examples subset(int... indices) {
        float[] x = new float[indices.length * width];
        float[] y = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * width, x, i * width, width);
            y[i] = labels[indices[i]];
        }
        return new Examples(x, exampleShape, y, classes, classNames);
    }

    /** The first {@code n} examples (all of them when there are fewer). */
    public Examples take(int n) {
        int[] first = new int[Math.min(n, size())];
        Arrays.setAll(first, i -> i);
        return subset(first);
    }

    /**
     * Two disjoint parts in a shuffled order fixed by {@code seed}: the first holds {@code fraction}
     * of the examples, e.g. 0.8 for a training part and a validation part.
     */
    public List<Examples> split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, not " + fraction);
        }
        int[] order = permutation(size(), new Random(seed));
        int cut = (int) Math.round(size() * fraction);
        return List.of(subset(Arrays.copyOfRange(order, 0, cut)), subset(Arrays.copyOfRange(order, cut, size())));
    }

    /** Copies the features of examples {@code order[from..from+count)} into {@code out}, one after another. */
    public void copyFeatures(int[] order, int from, int count, FloatBuffer out) {
        for (int i = from; i < from + count; i++) {
            out.put(features, order[i] * width, width);
        }
    }

    /** Copies the class indices of examples {@code order[from..from+count)} into {@code out}. */
    public void copyClasses(int[] order, int from, int count, LongBuffer out) {
        for (int i = from; i < from + count; i++) {
            out.put((long) labels[order[i]]);
        }
    }

    /** Copies the targets (or class indices as floats) of examples {@code order[from..from+count)}. */
    public void copyLabels(int[] order, int from, int count, FloatBuffer out) {
        for (int i = from; i < from + count; i++) {
            out.put(labels[order[i]]);
        }
    }

    /** The features of the examples at these indices as one array, batch axis first. */
    public NDArray features(NDManager manager, int... indices) {
        FloatBuffer buffer = FloatBuffer.allocate(indices.length * width);
        copyFeatures(indices, 0, indices.length, buffer);
        return manager.create(buffer.flip(), new Shape(indices.length).addAll(exampleShape));
    }

    /** A random order of {@code 0..n-1}, the same for the same generator state. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    // Shape is not serializable: examples travel (to the workers of a launch) as plain arrays.
    private Object writeReplace() {
        return new Shipped(features, exampleShape.getShape(), labels, classes, classNames);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("examples are read through their shipped form");
    }

    private record Shipped(float[] features, long[] shape, float[] labels, int classes, List<String> classNames)
            implements Serializable {
        private Object readResolve() {
            return new Examples(features, new Shape(shape), labels, classes, classNames);
        }
    }

    @Override
    public Iterable<Batch> getData(NDManager manager) {
        int[] order = new int[size()];
        Arrays.setAll(order, i -> i);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(DEFAULT_BATCH, size() - next);
                NDManager batchManager = manager.newSubManager();
                FloatBuffer x = FloatBuffer.allocate(count * width);
                copyFeatures(order, next, count, x);
                NDArray data = batchManager.create(x.flip(), new Shape(count).addAll(exampleShape));
                FloatBuffer y = FloatBuffer.allocate(count);
                copyLabels(order, next, count, y);
                NDArray label = batchManager.create(y.flip(), new Shape(count));
                long progress = next / DEFAULT_BATCH;
                next += count;
                return new Batch(batchManager, new NDList(data), new NDList(label), count,
                        Batchifier.STACK, Batchifier.STACK, progress, (size() + DEFAULT_BATCH - 1) / DEFAULT_BATCH);
            }
        };
    }

    @Override
    public void prepare(Progress progress) {
        // Already in memory.
    }

    @Override
    public String toString() {
        String kind = classes > 0 ? classes + " classes" : "regression targets";
        return String.format("Examples: %,d × %s, %s", size(), exampleShape, kind);
    }

    private static List<String> digits(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }
}
