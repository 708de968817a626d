package jdlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 */
final class DatasetExamples {

    private DatasetExamples() {
    }

    static Examples read(Dataset dataset, String what) {
        try (NDManager manager = NDManager.newBaseManager()) {
            dataset.prepare();
            List<NDArray> x = new ArrayList<>();
            List<NDArray> y = new ArrayList<>();
            for (Batch batch : dataset.getData(manager)) {
                x.add(batch.getData().head().toType(DataType.FLOAT32, false));
                y.add(batch.getLabels().head());
            }
            if (x.isEmpty()) {
                throw new IllegalArgumentException("the " + what + " gave no batches");
            }
            NDArray features = NDArrays.concat(new NDList(x));
            NDArray labels = NDArrays.concat(new NDList(y));
            if (labels.getShape().dimension() > 1 && labels.getShape().size() == labels.getShape().get(0)) {
                labels = labels.reshape(new Shape(labels.getShape().get(0)));
            }
            return Examples.of(features, labels);
        } catch (IOException e) {
            throw new UncheckedIOException("the " + what + " could not be read: " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new IllegalArgumentException("the " + what + " could not be read: " + e.getMessage(), e);
        }
    }

}
