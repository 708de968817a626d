"""%train --workers through the installed kernelspec: the digits MLP trained on 2 workers of Spark
embedded in the kernel (each a replica built by a method of the session, half of every batch) ends
where one process with the whole batch ends; rank 0 draws the live view; its trained model becomes
a variable that %evaluate scores in the next cell; wrong uses are one line each."""
import pytest

import re
import time

from conftest import collect, execute, start_kernel, stop_kernel
from test_launch import RANK_THREADS
from test_train import PENGUINS, define_digits

RUN = "--data train --validate test --epochs 2 --batch 64 --optimizer sgd --lr 0.1 --seed 3"


@pytest.fixture(scope="module")
def started():
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


@pytest.fixture(scope="module")
def trained(started):
    """One process and 2 workers trained alike; the 2 workers' cell, kept for its outputs."""
    _, kernel = started
    define_digits(kernel)
    assert execute(kernel, "var alone = mlp(32);").status == "ok"
    one = execute(kernel, f"%train alone {RUN} --history aloneHistory", timeout=180)
    assert one.status == "ok", one.error
    assert execute(kernel, "int hidden = 32;").status == "ok"
    two = execute(kernel, f"%train \"mlp(hidden)\" --workers 2 --into net {RUN} --history netHistory", timeout=300)
    return kernel, two


def test_two_workers_end_where_one_process_with_the_whole_batch_ends(trained):
    kc, two = trained
    assert two.status == "ok", two.error
    alone = float(execute(kc, 'aloneHistory.doubleColumn("val_loss").get(1)').result)
    workers = float(execute(kc, 'netHistory.doubleColumn("val_loss").get(1)').result)
    # The same initial weights (seed 3) and the same steps: only float rounding apart.
    assert abs(alone - workers) < 1e-4, (alone, workers)


def test_each_rank_says_how_it_ended_and_the_notebook_gets_rank_zeros_model(trained):
    kc, two = trained
    assert "[rank 0] " in two.stdout and "[rank 1] " in two.stdout, two.stdout
    assert "net holds rank 0's trained model" in two.stdout
    assert execute(kc, "net.getClass().getName()").result == '"ai.djl.nn.SequentialBlock"'
    run = execute(kc, "%evaluate net --data test --result scored", timeout=120)
    assert run.status == "ok", run.error
    accuracy = float(execute(kc, "scored.accuracy()").result)
    recorded = float(execute(kc, 'netHistory.doubleColumn("val_accuracy").get(1)').result)
    assert abs(accuracy - recorded) < 1e-6, "the notebook's model is the one rank 0 trained"
    assert execute(kc, RANK_THREADS).result == "0", "no rank outlives the cell"


def test_rank_zeros_model_exports_with_the_run_it_came_from(trained, tmp_path):
    kc, _ = trained
    run = execute(kc, f"%export net --to {tmp_path / 'net.onnx'}", timeout=120)
    assert run.status == "ok", run.error
    text = "".join(m["content"]["data"]["text/plain"] for m in run.of_type("display_data") + run.of_type("execute_result"))
    text += run.stdout
    assert re.search(r"ONNX Runtime matches DJL to \S+ on \d+ examples of the check data", text), text
    assert (tmp_path / "net.onnx").stat().st_size > 0


def test_rank_zero_draws_the_live_view_in_the_cell(trained):
    _, two = trained
    updates = two.of_type("update_display_data")
    frames = [u["content"]["data"]["text/plain"] for u in updates]
    assert any("trained 2 epochs" in f for f in frames), frames[-3:]
    ids = {u["content"]["transient"]["display_id"] for u in updates
           if "epochs" in u["content"]["data"]["text/plain"]}
    assert len(ids) == 1, "one live view: rank 0's"
    assert "jdlab-progress" not in two.stdout, "the view's lines are read, not shown"


@pytest.mark.parametrize("line, says", [
    ("%train mlp --workers 2 --data train", "--workers needs --into NAME"),
    ("%train alone --into net --data train", "--into goes with --workers"),
    ("%train mlp --workers 2 --into net --batch 63 --data train", "--batch 63 does not split evenly over 2 workers"),
    ("%train mlp --workers 2 --into net --data train --resume --checkpoint runs", "--resume cannot go with --workers"),
    ("%train mlp --workers 0 --into net --data train", "--workers must be 1 to 256, not 0"),
    ("%train alone --workers 2 --into net --data train", "with --workers, MODEL is code that builds the model on each"
                                                          " worker, and alone holds one already"),
])
def test_a_wrong_use_is_one_line(trained, line, says):
    kc, _ = trained
    run = execute(kc, line)
    assert run.status == "error"
    assert says in run.error["evalue"], run.error["evalue"]
    assert len(run.error["evalue"].splitlines()) == 1


def test_a_builder_naming_what_the_session_lacks_is_one_line(trained):
    kc, _ = trained
    run = execute(kc, "%train mlp --workers 2 --into net2 --data train --epochs 1")  # the session has mlp(int)
    assert run.error["evalue"] == ("%train: mlp() names a method, class or variable that the session does not"
                                   " define (%who lists the variables)")


def test_a_builder_that_cannot_be_shipped_is_named(trained):
    kc, _ = trained
    assert execute(kc, "java.util.function.Supplier<Block> maker = () -> mlp(8);").status == "ok"
    run = execute(kc, "%train maker --workers 2 --into net2 --data train --epochs 1")
    assert run.status == "error"
    assert "variable `maker` cannot be shipped to the workers" in run.error["evalue"], run.error["evalue"]



def test_an_interrupt_cancels_every_worker_and_leaves_the_variable_as_it_was(started, trained):
    km, kc = started
    before = execute(kc, "System.identityHashCode(net)").result
    msg_id = kc.execute(f"%train mlp(hidden) --workers 2 --into net {RUN.replace('--epochs 2', '--epochs 100000')}")
    time.sleep(5)  # both ranks train (Spark runs since the first test)
    km.interrupt_kernel()
    started_at = time.monotonic()
    run = collect(kc, msg_id, timeout=60)
    assert run.error["evalue"] == "%train: interrupted; every worker was cancelled", (run.error, run.stdout, run.stderr)
    assert time.monotonic() - started_at < 15
    assert execute(kc, "System.identityHashCode(net)").result == before
    deadline = time.monotonic() + 10
    while execute(kc, RANK_THREADS).result != "0" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert execute(kc, RANK_THREADS).result == "0", "no rank outlives the cell"


def test_a_table_is_encoded_here_and_the_model_evaluates_tables(trained):
    kc, _ = trained
    code = PENGUINS + """
    Block small() {
        return new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
    }
    """
    assert execute(kc, code, timeout=60).status == "ok"
    run = execute(kc, "%train small --workers 2 --into birds --data birdsTrain --validate birdsTest --label species"
                      " --epochs 30 --batch 16 --lr 0.01 --seed 3 --history birdsHistory", timeout=180)
    assert run.status == "ok", run.error
    recorded = float(execute(kc, 'birdsHistory.doubleColumn("val_accuracy").get(29)').result)
    assert recorded >= 0.9
    assert execute(kc, "%evaluate birds --data birdsTest --result birdsScored").status == "ok"
    assert abs(float(execute(kc, "birdsScored.accuracy()").result) - recorded) < 1e-6, "the table encoded as in training"
