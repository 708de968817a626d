package jdlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import jdlab.train.data.Examples;

/**
 * Reads a DJL dataset into memory once, so that every dataset trains through the same loop (and a
 * seed fixes its shuffling): fine for the data of a notebook, not for one larger than the heap.
 *
 * <p>Each batch is copied into Java arrays and closed before the next one: the batch owns its
 * arrays, and a conversion such as {@code toType(FLOAT32, false)} hands back the batch's own array
 * when it already has that type, so nothing of a batch may outlive it. The dataset and the arrays it
 * was built from stay the user's: batches are made in a manager of this reader's own.
 */
final class DatasetExamples {

    private DatasetExamples() {
    }

    static Examples read(Dataset dataset, String what) {
        try (NDManager manager = NDManager.newBaseManager()) {
            dataset.prepare();
            Columns columns = new Columns(what);
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    columns.add(batch.getData(), batch.getLabels());
                }
            }
            return columns.examples();
        } catch (IOException e) {
            throw new UncheckedIOException("the " + what + " could not be read: " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new IllegalArgumentException("the " + what + " could not be read: " + e.getMessage(), e);
        }
    }

    /** The features and labels of the batches read so far, as Java arrays. */
    private static final class Columns {

        private final String what;
        private final FloatList features = new FloatList();
        private final FloatList labels = new FloatList();
        private Shape exampleShape;
        private boolean integerLabels;
        private int count;

        Columns(String what) {
            this.what = what;
        }

        void add(NDList data, NDList batchLabels) {
            if (data == null || data.isEmpty()) {
                throw new IllegalArgumentException("the " + what + " gave a batch without data");
            }
            if (batchLabels == null || batchLabels.isEmpty()) {
                throw new IllegalArgumentException("the " + what + " has no labels: training needs one label per example");
            }
            NDArray x = data.head();
            NDArray y = batchLabels.head();
            long n = x.getShape().get(0);
            Shape shape = x.getShape().slice(1);
            if (shape.dimension() == 0) {
                shape = new Shape(1);
            }
            if (exampleShape == null) {
                exampleShape = shape;
                integerLabels = y.getDataType().isInteger();
            } else if (!exampleShape.equals(shape)) {
                throw new IllegalArgumentException("the " + what + " mixes examples of shape " + exampleShape + " and " + shape);
            }
            if (y.getShape().size() != n) {
                throw new IllegalArgumentException("the " + what + " gives labels of shape " + y.getShape().slice(1)
                        + " per example; training takes one label per example, shape (N) or (N, 1)");
            }
            features.add(x.toType(DataType.FLOAT32, false).toFloatArray());
            labels.add(y.toType(DataType.FLOAT32, false).toFloatArray());
            count += Math.toIntExact(n);
        }

        Examples examples() {
            if (count == 0) {
                throw new IllegalArgumentException("the " + what + " gave no batches");
            }
            float[] y = labels.toArray();
            if (!integerLabels) {
                return Examples.regression(features.toArray(), exampleShape, y);
            }
            int[] classes = new int[y.length];
            for (int i = 0; i < y.length; i++) {
                classes[i] = (int) y[i];
            }
            return Examples.classification(features.toArray(), exampleShape, classes, List.of());
        }
    }

    /** Floats appended in chunks, joined once at the end. */
    private static final class FloatList {

        private final List<float[]> chunks = new ArrayList<>();
        private long size;

        void add(float[] chunk) {
            chunks.add(chunk);
            size += chunk.length;
        }

        float[] toArray() {
            float[] all = new float[Math.toIntExact(size)];
            int at = 0;
            for (float[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, at, chunk.length);
                at += chunk.length;
            }
            return all;
        }
    }
}
