"""DJL from the first cell, offline, and its NDArrays shown as text, tables and images."""
import base64
import struct

from conftest import execute

SETUP = "import ai.djl.ndarray.*;\nimport ai.djl.ndarray.types.*;\nvar manager = NDManager.newBaseManager();"


def png_size(data):
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", raw[16:24])


def test_djl_and_its_pytorch_engine_are_there_from_the_first_cell(kernel):
    run = execute(kernel, 'ai.djl.engine.Engine.getInstance().getEngineName() + " " + ai.djl.engine.Engine.getInstance().getVersion()',
                  timeout=120)
    assert run.status == "ok", run.error
    assert run.result == '"PyTorch 2.7.1"'


def test_a_small_matrix_shows_as_text_and_as_a_table(kernel):
    run = execute(kernel, SETUP + "\nmanager.arange(6f).reshape(2, 3)", timeout=120)
    assert run.status == "ok", run.error
    data = run.of_type("execute_result")[0]["content"]["data"]
    assert data["text/plain"].startswith("ND: (2, 3) cpu() float32")
    assert "<caption>ND: (2, 3) cpu() float32</caption>" in data["text/html"]


def test_image_and_image_grid_draw_arrays_as_png(kernel):
    execute(kernel, SETUP, timeout=120)
    run = execute(kernel, "image(manager.randomUniform(0, 1, new Shape(28, 28)))")
    assert run.status == "ok", run.error
    assert png_size(run.of_type("execute_result")[0]["content"]["data"]["image/png"]) == (28, 28)
    grid = execute(kernel, 'imageGrid(manager.randomUniform(0, 1, new Shape(3, 28, 28)), java.util.List.of("5", "0", "4"))')
    assert grid.status == "ok", grid.error
    assert png_size(grid.of_type("execute_result")[0]["content"]["data"]["image/png"]) == (3 * 60 + 4, 56 + 16 + 8)


def test_an_array_that_is_no_image_is_one_clear_error(kernel):
    execute(kernel, SETUP, timeout=120)
    run = execute(kernel, "image(manager.zeros(new Shape(2, 5, 7)))")
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.IllegalArgumentException"
    assert run.error["evalue"] == ("image(...) cannot draw an image of shape (2, 5, 7); images are"
                                   " (H, W), (H, W, C) or (C, H, W) with 1, 3 or 4 channels")
    assert run.stderr == "", "the error alone says it"


def test_an_old_notebook_asking_for_another_djl_keeps_the_kernels(kernel):
    run = execute(kernel, "%maven ai.djl:api:0.28.0\nai.djl.engine.Engine.getInstance().getVersion()")
    assert run.status == "ok", run.error
    assert run.stdout == "ai.djl:api:0.28.0 asked for; the kernel ships 0.35.1 and keeps it\n"
    assert run.result == '"2.7.1"'
