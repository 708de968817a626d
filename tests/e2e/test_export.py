"""%export through the installed kernelspec: an MLP, a CNN and a residual net built with plain DJL
calls export to ONNX, match DJL in ONNX Runtime and pass Debian's onnx checker; int8 keeps the
digits' accuracy at a third of the size; bad input is one line each."""
import pathlib
import re
import subprocess

import pytest

from conftest import execute

DATA = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "data"

SETUP = f"""
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDList;
import ai.djl.nn.*;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import jdlab.export.Export;
import jdlab.train.data.*;
var parts = Digits.load(Path.of("{DATA / 'digits' / 'digits.csv.gz'}")).split(0.8, 7);
var train = parts.get(0);
var test = parts.get(1);
Block mlp = new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(256).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
Block cnn = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
        .add(Activation.reluBlock())
        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
SequentialBlock unit = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
        .add(BatchNorm.builder().build()).add(Activation.reluBlock())
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build())
        .add(BatchNorm.builder().build());
Block residual = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(8).build())
        .add(new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                java.util.List.of(unit, Blocks.identityBlock())))
        .add(Activation.reluBlock()).add(Pool.globalAvgPool2dBlock())
        .add(Linear.builder().setUnits(10).build());
"""


@pytest.fixture(scope="module")
def nets(kernel, tmp_path_factory):
    run = execute(kernel, SETUP, timeout=120)
    assert run.status == "ok", run.error
    for net in ("mlp", "cnn", "residual"):
        run = execute(kernel, f"%train {net} --data train --validate test --epochs 3 --batch 32 --lr 0.005 --seed 1",
                      timeout=180)
        assert run.status == "ok", run.error
    return kernel, tmp_path_factory.mktemp("export")


def onnx_checker(path):
    """Debian's python3-onnx (1.12) checks the file in full."""
    return subprocess.run(["/usr/bin/python3", "-c", "import onnx, sys; m = onnx.load(sys.argv[1]);"
                           " onnx.checker.check_model(m, full_check=True);"
                           " print({p.key: p.value for p in m.metadata_props})", str(path)],
                          capture_output=True, text=True)


def shown(run):
    """The export's one-line summary and its parity table, as text clients see them."""
    return run.result or "".join(m["content"]["data"].get("text/plain", "") for m in run.of_type("display_data"))


@pytest.mark.parametrize("net", ["mlp", "cnn", "residual"])
def test_a_net_built_with_plain_djl_exports_matches_djl_in_onnx_runtime_and_passes_the_checker(nets, net):
    kc, folder = nets
    target = folder / f"{net}.onnx"
    run = execute(kc, f"%export {net} --to {target}", timeout=120)
    assert run.status == "ok", run.error
    text = shown(run)
    match = re.search(r"ONNX Runtime matches DJL to (\S+) on 64 examples of the check data", text)
    assert match, text
    assert float(match.group(1)) < 1e-4
    assert "argmax agreement" in text and "100.0%" in text
    checked = onnx_checker(target)
    assert checked.returncode == 0, checked.stderr
    metadata = eval(checked.stdout)
    assert metadata["labels"] == "0,1,2,3,4,5,6,7,8,9"
    assert "val_accuracy=" in metadata["metrics"]


@pytest.mark.parametrize("net", ["mlp", "cnn"])
def test_int8_keeps_the_digits_accuracy_within_a_point_at_a_third_of_the_size(nets, net):
    kc, folder = nets
    target = folder / f"{net}-q.onnx"
    run = execute(kc, f"var {net}Report = Export.onnx({net}).check(test).samples(test.size()).quantize(\"int8\")"
                      f".to(Path.of(\"{target}\"));", timeout=120)
    assert run.status == "ok", run.error
    rows = execute(kc, f"{net}Report.rows().stream().map(r -> r.bytes() + \" \" + r.accuracy())"
                       f".collect(java.util.stream.Collectors.joining(\";\"))").result.strip('"').split(";")
    (float_bytes, float_accuracy), (int8_bytes, int8_accuracy) = [row.split() for row in rows]
    assert int(float_bytes) >= 3 * int(int8_bytes)
    assert float(float_accuracy) > 0.85
    assert abs(float(float_accuracy) - float(int8_accuracy)) <= 0.01
    checked = onnx_checker(folder / f"{net}-q.int8.onnx")
    assert checked.returncode == 0, checked.stderr


def one_line_error(run):
    assert run.status == "error"
    assert run.error["ename"] != "java.lang.NullPointerException"
    lines = [line for line in run.error["traceback"] if line.strip()]
    assert len(lines) == 1, run.error["traceback"]
    return lines[0]


def test_a_path_in_a_missing_folder_is_one_line(nets):
    kc, folder = nets
    line = one_line_error(execute(kc, f"%export mlp --to {folder}/no/such/mlp.onnx"))
    assert line.startswith("%export: cannot write") and "no folder" in line


def test_a_variable_of_another_type_is_one_line(nets):
    kc, folder = nets
    execute(kc, 'String words = "not a model";')
    line = one_line_error(execute(kc, f"%export words --to {folder}/w.onnx"))
    assert "the model must be a DJL Model or Block, not java.lang.String" in line


def test_an_unsupported_block_is_one_line_naming_it_and_what_is_supported(nets):
    kc, folder = nets
    run = execute(kc, "Block odd = new SequentialBlock().add(Blocks.batchFlattenBlock())"
                      ".add(Linear.builder().setUnits(4).build()).add(x -> new NDList(x.head().exp()));\n"
                      "odd.initialize(ai.djl.ndarray.NDManager.newBaseManager(), ai.djl.ndarray.types.DataType.FLOAT32,"
                      " new Shape(1, 1, 8, 8));")
    assert run.status == "ok", run.error
    line = one_line_error(execute(kc, f"%export odd --to {folder}/odd.onnx"))
    assert "cannot export an unnamed LambdaBlock that computes none of the supported functions to ONNX;" \
           " supported: SequentialBlock, Linear" in line
    assert not (folder / "odd.onnx").exists()


def test_a_mismatched_input_shape_is_one_line(nets):
    kc, folder = nets
    line = one_line_error(execute(kc, f"%export mlp --to {folder}/m.onnx --input-shape 1,100"))
    assert "input shape 1,100 does not fit the model, which takes 1,1,8,8" in line


def test_export_answers_help_and_is_listed(kernel):
    run = execute(kernel, "%export --help")
    assert run.status == "ok"
    assert "--quantize" in run.stdout + (run.result or "") and "--input-shape" in run.stdout + (run.result or "")
    listed = execute(kernel, "%lsmagic")
    assert "%export" in listed.stdout + (listed.result or "")


def test_a_djl_export_loads_in_a_fresh_kernel_into_the_same_network_built_afresh(nets, fresh_kernel):
    kc, folder = nets
    run = execute(kc, f"%export cnn --format djl --to {folder}/djl")
    assert run.status == "ok", run.error
    assert f"Exported the parameters to {folder}/djl/model-0000.params; loaded back" in run.result
    original = execute(kc, "jdlab.train.Evaluation.of(cnn, test).accuracy()").result
    # Another kernel process, which never saw the trained network: SETUP builds `cnn` afresh there,
    # untrained, and the folder is all it has.
    km, fresh = fresh_kernel
    assert execute(fresh, SETUP, timeout=120).status == "ok"
    run = execute(fresh, f"""
var loaded = ai.djl.Model.newInstance("model");
loaded.setBlock(cnn);
loaded.load(Path.of("{folder}/djl"), "model");
loaded.getProperty("labels") + " " + jdlab.train.Evaluation.of(cnn, test).accuracy()""")
    assert run.status == "ok", run.error
    labels, again = run.result.strip('"').split()
    assert labels == "0,1,2,3,4,5,6,7,8,9"
    assert again == original and float(again) > 0.85
