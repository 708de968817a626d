"""%train and %evaluate through the installed kernelspec: a small MLP learns the 8x8 digits on the
CPU, one live output shows the run, an interrupt keeps a usable model, a kernel killed while saving
leaves a whole checkpoint, and bad arguments are one line each."""
import os
import pathlib
import re
import signal
import time

import pytest

from conftest import TEXT_CLIENTS_HTML, collect, execute, start_kernel, stop_kernel

DATA = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "data"

SETUP = f"""
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import jdlab.train.*;
import jdlab.train.data.*;
var parts = Digits.load(Path.of("{DATA / 'digits' / 'digits.csv.gz'}")).split(0.8, 7);
var train = parts.get(0);
var test = parts.get(1);
Block mlp(int hidden) {{
    return new SequentialBlock().add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(hidden).build()).add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
}}
"""


def define_digits(kc):
    run = execute(kc, "import java.nio.file.Path;\n" + SETUP, timeout=120)
    assert run.status == "ok", run.error


@pytest.fixture(scope="module")
def digits(kernel):
    define_digits(kernel)
    return kernel


def test_a_small_mlp_learns_the_digits_to_90_percent_within_5_epochs(digits):
    execute(digits, "var net = mlp(64);")
    run = execute(digits, "%train net --data train --validate test --epochs 5 --batch 32 --optimizer adam"
                          " --lr 0.01 --seed 1 --history hist", timeout=180)
    assert run.status == "ok", run.error
    accuracy = float(execute(digits, "hist.doubleColumn(\"val_accuracy\").get(4)").result)
    assert accuracy >= 0.90
    assert execute(digits, "hist.rowCount()").result == "5"


def test_the_run_is_one_live_output_redrawn_in_place_with_no_printed_lines(digits):
    execute(digits, "var live = mlp(32);")
    run = execute(digits, "%train live --data train --validate test --epochs 3 --seed 2", timeout=180)
    assert run.status == "ok", run.error
    assert run.stdout == "" and run.stderr == ""
    shown = [m for m in run.of_type("display_data") if not for_text_clients(m)]
    assert len(shown) == 1, "one output per run"
    display_id = shown[0]["content"]["transient"]["display_id"]
    updates = run.of_type("update_display_data")
    assert updates and all(u["content"]["transient"]["display_id"] == display_id for u in updates)
    final = updates[-1]["content"]["data"]
    assert "jdlab-progress" in final["text/html"], "the progress bar"
    assert final["text/html"].count("Plotly.newPlot") >= 2 or final["text/html"].count("Plotly.react") >= 2, \
        "the loss and accuracy charts"
    text = final["text/plain"]
    assert "trained 3 epochs" in text
    assert "val_accuracy" in text, "the per-epoch table ends the output"


def for_text_clients(msg):
    """Whether a display_data is the final state shown once more for text clients: hidden in a notebook."""
    return msg["content"]["data"].get("text/html") == TEXT_CLIENTS_HTML


def text_client_view(run):
    """What a text client (jupyter console 6) prints of a run: streams, and the plain text of each
    display_data and execute_result; it ignores update_display_data."""
    printed = []
    for msg in run.messages:
        if msg["msg_type"] == "stream":
            printed.append(msg["content"]["text"])
        elif msg["msg_type"] in ("display_data", "execute_result"):
            printed.append(msg["content"]["data"].get("text/plain", ""))
    return printed


def test_a_text_client_sees_the_runs_final_state_and_a_notebook_nothing_more(digits):
    execute(digits, "var texted = mlp(32);")
    run = execute(digits, "%train texted --data train --validate test --epochs 2 --seed 2", timeout=180)
    assert run.status == "ok", run.error
    printed = text_client_view(run)
    assert printed[0].startswith("starting "), "the first frame, as before"
    assert "2/2 epochs" in printed[-1] and "trained 2 epochs" in printed[-1] and "val_accuracy" in printed[-1]
    last = run.of_type("display_data")[-1]
    assert for_text_clients(last), "in a notebook the final state adds only a hidden element"
    assert last["content"]["data"]["text/plain"] == run.of_type("update_display_data")[-1]["content"]["data"]["text/plain"]


def test_the_progress_line_gives_samples_per_second_as_steps_per_second_times_the_batch(digits):
    execute(digits, "var paced = mlp(32);")
    run = execute(digits, "%train paced --data train --epochs 30 --batch 16 --seed 2", timeout=180)
    assert run.status == "ok", run.error
    lines = [u["content"]["data"]["text/plain"].split("\n")[0] for u in run.of_type("update_display_data")]
    checked = 0
    for line in lines:
        found = re.search(r"([0-9,]+) samples/s.*, ([0-9.]+) it/s\]", line)
        if found and float(found.group(2)) > 0:
            samples, steps = float(found.group(1).replace(",", "")), float(found.group(2))
            # the last batch of an epoch is smaller (1,438 = 89 x 16 + 14), and the two are read a moment apart
            assert abs(samples / steps - 16) < 1.5, line
            checked += 1
    assert checked >= 1, lines


def test_a_listener_added_from_a_cell_hears_each_epoch_and_batch(digits):
    code = """
class Counter implements TrainingListener {
    int epochs, batches;
    public void onTrainingBatch(TrainingState run) { batches++; }
    public void onEpoch(TrainingState run) { epochs++; }
}
var counter = new Counter();
Training.of(mlp(16)).data(train).epochs(2).batch(100).seed(3).live(false).listener(counter).fit();
System.out.println(counter.epochs + " " + counter.batches + " " + train.size());
"""
    run = execute(digits, code, timeout=120)
    assert run.status == "ok", run.error
    epochs, batches, examples = map(int, run.stdout.split())
    assert epochs == 2
    assert batches == 2 * -(-examples // 100), "every batch of both epochs"


def test_evaluate_gives_loss_accuracy_and_a_confusion_matrix_table_and_heatmap(digits):
    execute(digits, "var scored = mlp(64);")
    assert execute(digits, "%train scored --data train --epochs 5 --batch 32 --lr 0.01 --seed 1",
                   timeout=180).status == "ok"
    run = execute(digits, "%evaluate scored --data test --result scores", timeout=120)
    assert run.status == "ok", run.error
    data = run.of_type("execute_result")[-1]["content"]["data"]
    assert data["text/plain"].startswith("loss ")
    assert "accuracy" in data["text/plain"] and "on 359 examples" in data["text/plain"]
    assert "confusion (rows: actual, columns: predicted)" in data["text/html"]
    assert '"heatmap"' in data["text/html"]
    wrong = int(execute(digits, "scores.misclassified().length").result)
    accuracy = float(execute(digits, "scores.accuracy()").result)
    assert wrong == round(359 * (1 - accuracy))
    assert accuracy >= 0.9


# The penguins table, three rows in four to train on and the fourth to test.
PENGUINS = f"""
var penguins = tech.tablesaw.api.Table.read().csv("{DATA / 'palmer-penguins' / 'penguins.csv'}");
var birdsTrain = penguins.rows(java.util.stream.IntStream.range(0, 344).filter(i -> i % 4 != 0).toArray());
var birdsTest = penguins.rows(java.util.stream.IntStream.range(0, 344).filter(i -> i % 4 == 0).toArray());
"""


def test_a_table_trains_with_its_label_column(digits):
    code = PENGUINS + """
    var birds = new tech.tablesaw.api.Table[] {birdsTrain, birdsTest};
    Block small = new SequentialBlock().add(Linear.builder().setUnits(16).build()).add(Activation::relu)
            .add(Linear.builder().setUnits(3).build());
    """
    assert execute(digits, code, timeout=60).status == "ok"
    run = execute(digits, "%train small --data birds[0] --epochs 1 --label species", timeout=60)
    assert run.error["evalue"].startswith("%train: no variable birds[0] is defined")
    run = execute(digits, "%train small --data birdsTrain --validate birdsTest --label species --epochs 30"
                          " --batch 16 --lr 0.01 --seed 3 --history birdsHistory", timeout=180)
    assert run.status == "ok", run.error
    assert float(execute(digits, "birdsHistory.doubleColumn(\"val_accuracy\").get(29)").result) >= 0.9
    assert execute(digits, "%evaluate small --data birdsTest").status == "ok"


@pytest.mark.parametrize("line, first_line", [
    ("%train nowhere --data train", "%train: no variable nowhere is defined (%who lists them)"),
    ("%train train --data train", "%train: the model must be a DJL Model or Block, not jdlab.train.data.Examples"),
    ("%train net --data net", "%train: the data must be Examples, a DJL Dataset or a Tablesaw Table, not "
                              "ai.djl.nn.SequentialBlock"),
    ("%train net --data penguins --label beak", "%train: no column \"beak\" in the table; its columns are "),
    ("%train net --data train --device gpu", "%train: device gpu: no GPU is visible to PyTorch"),
    ("%train net --data train --optimizer rmsprop", "%train: optimizer rmsprop: use sgd, adam or adamw"),
    ("%train net --data train --epochs many", "%train: Invalid value for option '--epochs'"),
    ("%train net", "%train: --data NAME is needed"),
    ("%evaluate nowhere --data test", "%evaluate: no variable nowhere is defined"),
])
def test_bad_arguments_are_one_clear_line(digits, line, first_line):
    execute(digits, f"""var penguins = tech.tablesaw.api.Table.read().csv("{DATA / 'palmer-penguins' / 'penguins.csv'}");""")
    run = execute(digits, line, timeout=60)
    assert run.status == "error"
    assert run.error["ename"] == "UsageError"
    assert run.error["evalue"].split("\n")[0].startswith(first_line), run.error["evalue"]
    assert execute(digits, "1 + 1").result == "2", "the kernel goes on"


def test_the_kernel_runs_with_the_kernelspecs_malloc_settings(digits):
    # Without them glibc returns libtorch's freed buffers and each step faults them back in.
    assert execute(digits, 'System.getenv("MALLOC_MMAP_THRESHOLD_")').result == '"33554432"'
    assert execute(digits, 'System.getenv("MALLOC_TRIM_THRESHOLD_")').result == '"134217728"'


def test_djl_and_its_basic_datasets_are_lent_from_the_first_cell(digits):
    assert execute(digits, "ai.djl.basicdataset.cv.classification.Mnist.class.getSimpleName()").result == '"Mnist"'


def test_train_answers_help(digits):
    run = execute(digits, "%train --help")
    assert run.status == "ok"
    assert "--early-stop" in run.stdout + (run.result or "")


def interrupted_run(km, kc, code):
    """Starts a long run in a fresh kernel with the digits, interrupts it after 6 s and checks that
    it returned within a second or so, well inside the kernel's grace for safe points."""
    define_digits(kc)
    msg_id = kc.execute(code)
    time.sleep(6)
    asked = time.monotonic()
    km.interrupt_kernel()
    run = collect(kc, msg_id, timeout=60)
    assert time.monotonic() - asked < 3, "stopped at the next batch"
    return run


def test_an_interrupt_stops_at_a_batch_and_keeps_a_usable_model(fresh_kernel):
    km, kc = fresh_kernel
    run = interrupted_run(km, kc, "var net = mlp(64);\n%train net --data train --validate test --epochs 100000"
                                  " --batch 8 --lr 0.01 --seed 1 --history hist")
    final = run.of_type("update_display_data")[-1]["content"]["data"]["text/plain"]
    assert "interrupted in epoch" in final and "the model keeps the weights of that batch" in final
    scored = execute(kc, "%evaluate net --data test --result scores", timeout=60)
    assert scored.status == "ok", scored.error
    assert float(execute(kc, "scores.accuracy()").result) >= 0.8, "the model learnt before the interrupt"
    assert int(execute(kc, "hist.rowCount()").result) >= 1


def test_a_kernel_killed_mid_save_leaves_a_whole_checkpoint(tmp_path):
    km, kc = start_kernel()
    try:
        define_digits(kc)
        # 4.3 M parameters: each save writes 17 MB, so saves take much of each epoch.
        execute(kc, "var big = mlp(4096);")
        kc.execute(f"%train big --data train --epochs 1000 --batch 512 --optimizer sgd --lr 0.01 --seed 1"
                   f" --checkpoint {tmp_path}")
        last = tmp_path / "last.ckpt"
        deadline = time.monotonic() + 120
        while not last.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert last.exists()
        # Kill while a later save is being written: wait for its temporary file.
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".last.ckpt.*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(km.provisioner.pid, signal.SIGKILL)
    finally:
        kc.stop_channels()
        km.cleanup_resources()
    km2, kc2 = start_kernel()
    try:
        define_digits(kc2)
        epoch = int(execute(kc2, f'Checkpoint.read(Path.of("{tmp_path}", "last.ckpt")).epoch()').result)
        assert epoch >= 1
        execute(kc2, "var big = mlp(4096);")
        run = execute(kc2, f"%train big --data train --epochs {epoch + 1} --batch 512 --optimizer sgd --lr 0.01"
                           f" --seed 1 --checkpoint {tmp_path} --resume --history resumed", timeout=180)
        assert run.status == "ok", run.error
        assert execute(kc2, "resumed.rowCount()").result == str(epoch + 1)
    finally:
        stop_kernel(km2, kc2)


@pytest.mark.gpu
def test_on_a_gpu_the_run_uses_it(digits):
    gpus = int(execute(digits, "ai.djl.engine.Engine.getInstance().getGpuCount()").result)
    if gpus == 0:
        pytest.skip("no GPU visible to the engine (the kernel ships CPU natives; README: %devices)")
    execute(digits, "var onGpu = mlp(64);")
    run = execute(digits, "%train onGpu --data train --validate test --epochs 5 --batch 32 --lr 0.01 --seed 1"
                          " --device gpu --history gpuHistory", timeout=180)
    assert run.status == "ok", run.error
    assert float(execute(digits, "gpuHistory.doubleColumn(\"val_accuracy\").get(4)").result) >= 0.90


def test_an_interrupt_stops_the_java_api_at_a_batch_too(fresh_kernel):
    km, kc = fresh_kernel
    run = interrupted_run(km, kc, "var net = mlp(64);\n"
                                  "var run = Training.of(net).data(train).epochs(100000).batch(8).lr(0.01).seed(1).fit();")
    assert run.status == "error" and "interrupted" in run.error["evalue"]
    status = execute(kc, "run.status()").result
    assert status.startswith('"interrupted in epoch ') and "the model keeps the weights of that batch" in status
    assert float(execute(kc, "Evaluation.of(net, test).accuracy()").result) >= 0.8


def test_a_run_interrupted_mid_epoch_and_resumed_ends_with_the_weights_of_an_uninterrupted_one(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    weights = "String weights(Block b) { return b.getParameters().values().stream()" \
              ".map(p -> java.util.Arrays.toString(p.getArray().toFloatArray())).reduce(\"\", String::concat); }"
    run = interrupted_run(km, kc, f"{weights}\nvar cut = mlp(64);\n"
                                  f"%train cut --data train --epochs 400 --batch 8 --optimizer sgd --lr 0.01 --seed 4"
                                  f" --checkpoint {tmp_path}")
    assert "interrupted in epoch" in run.of_type("update_display_data")[-1]["content"]["data"]["text/plain"]
    done = int(execute(kc, f'Checkpoint.read(Path.of("{tmp_path}", "last.ckpt")).epoch()').result)
    assert 1 <= done < 400
    target = done + 2
    resumed = execute(kc, f"var again = mlp(64);\n%train again --data train --epochs {target} --batch 8 --optimizer sgd"
                          f" --lr 0.01 --seed 4 --checkpoint {tmp_path} --resume", timeout=180)
    assert resumed.status == "ok", resumed.error
    final = resumed.of_type("update_display_data")[-1]["content"]["data"]["text/plain"]
    assert f"resumed after epoch {done} of {tmp_path / 'last.ckpt'}; trained {target} epochs" in final
    saved = execute(kc, f'Checkpoint.read(Path.of("{tmp_path}", "last.ckpt")).arguments()').result
    assert saved == f'"%train again --data train --epochs {target} --batch 8 --optimizer sgd --lr 0.01 --seed 4' \
                    f' --checkpoint {tmp_path} --resume"', "the checkpoint keeps the run's arguments as typed"
    whole = execute(kc, f"var whole = mlp(64);\n%train whole --data train --epochs {target} --batch 8 --optimizer sgd"
                        f" --lr 0.01 --seed 4", timeout=180)
    assert whole.status == "ok", whole.error
    assert execute(kc, "weights(again).equals(weights(whole))").result == "true"
    assert execute(kc, "weights(again).equals(weights(cut))").result == "false", "the interrupted run stopped elsewhere"
