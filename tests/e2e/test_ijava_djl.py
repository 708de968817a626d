"""Notebooks written for IJava in the style of DJL's first tutorials, run unchanged and offline through the
installed kernel: a first network, and a first training run on DJL's own Mnist dataset, which reads the
MNIST the kernel puts in DJL's cache. A DJL dataset that needs a download fails with one line (the test
machine, like the kernel's users offline, cannot reach mlrepo.djl.ai)."""
import json
import time

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import KERNEL_NAME, ROOT, execute, start_kernel, stop_kernel

NOTEBOOKS = ROOT / "tests" / "e2e" / "notebooks" / "ijava" / "djl"
MNIST_ENTRY = ("cache", "repo", "dataset", "cv", "ai", "djl", "basicdataset", "mnist")


@pytest.fixture(scope="module")
def djl_cache(tmp_path_factory):
    """A DJL cache of the module's own, which no install seeded, as the first kernel started with it leaves
    it: kernels started by this module use it."""
    cache = tmp_path_factory.mktemp("djl-cache")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("DJL_CACHE_DIR", str(cache))
        km, kc = start_kernel()
        try:
            metadata = cache.joinpath(*MNIST_ENTRY, "metadata.json")
            deadline = time.monotonic() + 120
            while not metadata.exists() and time.monotonic() < deadline:
                time.sleep(0.2)
            assert execute(kc, "1 + 1").result == "2"
        finally:
            stop_kernel(km, kc)
        yield cache


def run(notebook):
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=300,
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    return [c for c in nb.cells if c.cell_type == "code"]


def text(cell):
    return "".join(o["text"] if o["output_type"] == "stream" else o.get("data", {}).get("text/plain", "")
                   for o in cell.outputs)


def test_a_kernel_start_puts_mnist_where_djls_dataset_looks_when_djls_cache_lacks_it(djl_cache):
    entry = djl_cache.joinpath(*MNIST_ENTRY)
    assert entry.exists(), "no MNIST in DJL's cache two minutes after a kernel start"
    assert sorted(p.name for p in entry.iterdir()) == ["1.0", "metadata.json"]
    assert sorted((p.name, p.stat().st_size) for p in (entry / "1.0").iterdir()) == [
        ("t10k-images-idx3-ubyte", 7_840_016), ("t10k-labels-idx1-ubyte", 10_008),
        ("train-images-idx3-ubyte", 47_040_016), ("train-labels-idx1-ubyte", 60_008)]
    metadata = json.loads((entry / "metadata.json").read_text())
    assert (metadata["groupId"], metadata["artifactId"], metadata["artifacts"][0]["version"]) == (
        "ai.djl.basicdataset", "mnist", "1.0")


def test_a_first_network_notebook_runs_unchanged(djl_cache):
    setup, imports, network, shapes = run("first_network.ipynb")
    assert "not added: a binding for SLF4J 1" in text(setup)
    assert text(network) == "SequentialBlock {\n\tbatchFlatten\n\tLinear\n\tLambdaBlock\n\tLinear\n}"
    assert text(shapes) == "engine: PyTorch\n(4, 10)"


def test_a_first_training_notebook_trains_djls_mnist_offline(djl_cache):
    started = time.monotonic()
    cells = run("train_mnist.ipynb")
    data, fit = cells[2], cells[4]
    assert "640 images to learn from, 320 to check against" in text(data)
    assert float(fit.outputs[-1]["data"]["text/plain"].rstrip("f")) >= 0.5
    assert time.monotonic() - started < 180


def test_a_djl_dataset_that_needs_a_download_says_so_in_one_line(djl_cache):
    km, kc = start_kernel()
    try:
        execute(kc, "%maven ai.djl:basicdataset:0.28.0\nimport ai.djl.basicdataset.cv.classification.FashionMnist;")
        run_ = execute(kc, "var clothes = FashionMnist.builder().setSampling(32, true).build();\nclothes.prepare();")
        assert run_.error["traceback"] == [run_.error["evalue"]]
        assert run_.error["evalue"].startswith(
            "DJL's dataset FashionMnist needs a download from mlrepo.djl.ai, which cannot be reached from here."
            " Offline, the kernel has MNIST for DJL's Mnist (ai.djl.basicdataset.cv.classification.Mnist)")
        assert execute(kc, "1 + 1").result == "2"
    finally:
        stop_kernel(km, kc)
