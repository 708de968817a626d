"""The kernel a benchmark drives: installed from the built jar into a scratch prefix, started through
Debian's jupyter_client with one intra-op thread (OMP_NUM_THREADS=1), and the cells it runs."""
import contextlib
import os
import pathlib
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
JAR = ROOT / "install" / "target" / "jdlab.jar"
MNIST = ROOT / "notebooks" / "data" / "mnist"

MNIST_MLP_CELL = """
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.nio.FloatBuffer;
import java.nio.file.*;
import jdlab.train.data.*;
var train = Mnist.train(Path.of("{mnist}")).take({examples});
var test = Mnist.test(Path.of("{mnist}")).take(2_000);
Block mlp = new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(128).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
"""


def mnist_mlp_cell(examples):
    """A cell that defines the MNIST lab's data, the first `examples` training images as `train` and 2,000
    test images as `test`, and its MLP (flatten, 128 relu, 10) as `mlp`, with the imports they need."""
    return MNIST_MLP_CELL.format(mnist=MNIST, examples=examples)


@contextlib.contextmanager
def started(jar, kernel_name):
    """Installs the jar as kernelspec `kernel_name` in a new scratch folder and starts it; yields the
    client and the scratch folder, and shuts the kernel down after."""
    from jupyter_client.manager import start_new_kernel

    scratch = pathlib.Path(tempfile.mkdtemp(prefix=kernel_name + "-"))
    subprocess.run(["java", "-jar", str(jar), "install", "--prefix", str(scratch / "prefix"), "--name", kernel_name],
                   check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = str(scratch / "prefix" / "share" / "jupyter")
    km, kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=120, env=dict(os.environ, OMP_NUM_THREADS="1"))
    try:
        yield kc, scratch
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def execute(kc, code, timeout):
    """Runs a cell; returns its stdout and its text/plain results, or raises with the kernel's error."""
    msg_id = kc.execute(code)
    deadline = time.monotonic() + timeout
    text, error = [], None
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            text.append(content["text"])
        elif kind in ("execute_result", "display_data"):
            text.append(content["data"].get("text/plain", ""))
        elif kind == "error":
            error = "\n".join(content["traceback"])
        elif kind == "status" and content["execution_state"] == "idle":
            break
    if error:
        raise RuntimeError(f"the kernel failed on:\n{code}\n{error}")
    return "".join(text)
