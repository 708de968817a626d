"""%train and Training on data held the ways DJL users hold it, through the installed kernelspec: an
ArrayDataset of the user's own float32 arrays (float32 or int64 labels, of shape (N) or (N, 1)), a
RandomAccessDataset subclass of their own, and DJL's basicdataset Mnist read from a local DJL cache
with no network. After the run the user's arrays and dataset are still theirs and still open."""
import pathlib

import pytest

from conftest import execute
from test_train import SETUP

MNIST = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "data" / "mnist"

ARRAYS = """
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.training.dataset.*;
var mine = NDManager.newBaseManager();
NDArray featuresOf(Examples e) {
    return e.features(mine, java.util.stream.IntStream.range(0, e.size()).toArray()).reshape(e.size(), 64);
}
NDArray labelsOf(Examples e, DataType type, boolean column) {
    float[] v = new float[e.size()];
    for (int i = 0; i < v.length; i++) v[i] = e.label(i);
    return mine.create(v, column ? new Shape(v.length, 1) : new Shape(v.length)).toType(type, false);
}
"""


@pytest.fixture(scope="module")
def arrays(kernel):
    run = execute(kernel, "import java.nio.file.Path;\n" + SETUP + ARRAYS, timeout=120)
    assert run.status == "ok", run.error
    return kernel


@pytest.mark.parametrize("dtype, column", [("FLOAT32", False), ("FLOAT32", True), ("INT64", False), ("INT64", True)])
def test_train_learns_from_an_array_dataset_of_the_users_arrays_and_leaves_them_open(arrays, dtype, column):
    name = f"{dtype.lower()}{'Column' if column else ''}"
    code = f"""
    var x_{name} = featuresOf(train);
    var y_{name} = labelsOf(train, DataType.{dtype}, {str(column).lower()});
    var set_{name} = new ArrayDataset.Builder().setData(x_{name}).optLabels(y_{name}).setSampling(32, true).build();
    var held_{name} = new ArrayDataset.Builder().setData(featuresOf(test))
            .optLabels(labelsOf(test, DataType.{dtype}, {str(column).lower()})).setSampling(32, false).build();
    var net_{name} = mlp(64);
    """
    assert execute(arrays, code).status == "ok"
    run = execute(arrays, f"%train net_{name} --data set_{name} --validate held_{name} --epochs 5 --batch 32"
                          f" --lr 0.01 --seed 1 --history h_{name}", timeout=180)
    assert run.status == "ok", run.error
    assert float(execute(arrays, f'h_{name}.doubleColumn("val_accuracy").get(4)').result) >= 0.9
    assert execute(arrays, f"x_{name}.toFloatArray().length").result == str(1438 * 64), "the features stay open"
    assert execute(arrays, f"y_{name}.getShape().get(0)").result == "1438", "so do the labels"
    batches = execute(arrays, f"var n_{name} = 0L; for (var b : set_{name}.getData(mine)) {{ n_{name} += b.getSize(); b.close(); }}"
                              f" n_{name}")
    assert batches.result == "1438", "and the dataset still gives its batches"
    scored = execute(arrays, f"%evaluate net_{name} --data held_{name}")
    assert scored.status == "ok" and "accuracy" in scored.result, scored.error


def test_training_learns_from_a_random_access_dataset_of_the_users_own(arrays):
    code = """
    class DigitsSet extends RandomAccessDataset {
        DigitsSet(BaseBuilder<?> b) { super(b); }
        public ai.djl.training.dataset.Record get(NDManager m, long i) {
            return new ai.djl.training.dataset.Record(new NDList(train.features(m, (int) i).reshape(64)), new NDList(m.create((long) train.label((int) i))));
        }
        protected long availableSize() { return train.size(); }
        public void prepare(ai.djl.util.Progress p) { }
    }
    class DigitsSetBuilder extends RandomAccessDataset.BaseBuilder<DigitsSetBuilder> {
        protected DigitsSetBuilder self() { return this; }
    }
    var own = new DigitsSet(new DigitsSetBuilder().setSampling(16, true));
    var ownRun = Training.of(mlp(64)).data(own).validate(test).epochs(5).batch(32).lr(0.01).seed(1).fit();
    """
    run = execute(arrays, code, timeout=180)
    assert run.status == "ok", run.error
    assert float(execute(arrays, 'ownRun.history().last("val_accuracy")').result) >= 0.9
    assert execute(arrays, "own.size()").result == "1438"


def test_djls_mnist_from_its_local_cache_trains_with_train_and_stays_usable(arrays, tmp_path):
    code = f"""
    var cacheBefore = System.getProperty("DJL_CACHE_DIR");
    System.setProperty("DJL_CACHE_DIR", "{tmp_path}");
    jdlab.train.data.DjlMnistCache.seed(java.nio.file.Path.of("{MNIST}"));
    var mnist = ai.djl.basicdataset.cv.classification.Mnist.builder().optUsage(Dataset.Usage.TEST)
            .setSampling(64, true).optLimit(3000).build();
    Block digitsNet = new SequentialBlock().add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(64).build()).add(Activation::relu).add(Linear.builder().setUnits(10).build());
    """
    assert execute(arrays, code).status == "ok"
    try:
        run = execute(arrays, "%train digitsNet --data mnist --epochs 2 --lr 0.001 --seed 1 --history mnistHistory",
                      timeout=180)
        assert run.status == "ok", run.error
        assert float(execute(arrays, 'mnistHistory.doubleColumn("train_accuracy").get(1)').result) >= 0.8
        assert execute(arrays, "mnist.size()").result == "3000"
        again = execute(arrays, "var seen = 0L; for (var b : mnist.getData(mine)) { seen += b.getSize(); b.close(); } seen")
        assert again.result == "3000", "the dataset still gives its batches"
    finally:
        execute(arrays, 'if (cacheBefore == null) System.clearProperty("DJL_CACHE_DIR");'
                        ' else System.setProperty("DJL_CACHE_DIR", cacheBefore);')
