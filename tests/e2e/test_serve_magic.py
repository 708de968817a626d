"""%serve through the installed kernelspec: a net trained on the digits in a cell is served over HTTP
on loopback, by DJL and by ONNX Runtime, answers the same classes as %evaluate's predictions, refuses a bad request with a 4xx and
one line, and stops leaving no thread or port; the kernel's end stops what it serves."""
import json
import pathlib
import re
import socket
import threading
import urllib.error
import urllib.request

import pytest

from conftest import execute, start_kernel, stop_kernel

DATA = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "data"
ROWS = 40

SETUP = f"""
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import java.nio.file.Path;
import jdlab.train.Evaluation;
import jdlab.train.data.*;
var parts = Digits.load(Path.of("{DATA / 'digits' / 'digits.csv.gz'}")).split(0.8, 7);
var train = parts.get(0);
var test = parts.get(1);
Block net = new SequentialBlock().add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
"""

# The first rows of the test split as a request body, and the classes %evaluate predicts for them.
REQUEST = f"""
var first = test.take({ROWS});
int width = (int) first.exampleShape().size();
var features = java.nio.FloatBuffer.allocate({ROWS} * width);
first.copyFeatures(java.util.stream.IntStream.range(0, {ROWS}).toArray(), 0, {ROWS}, features);
var rows = new java.util.ArrayList<String>();
for (int i = 0; i < {ROWS}; i++) {{
    rows.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(features.array(), i * width, (i + 1) * width)));
}}
System.out.println("{{\\"instances\\": [" + String.join(", ", rows) + "]}}");
System.out.println(java.util.Arrays.toString(Evaluation.of(net, first).predictions()));
"""


def served_port(run, name):
    shown = run.result or "".join(m["content"]["data"].get("text/plain", "") for m in run.of_type("display_data"))
    match = re.search(rf"http://127\.0\.0\.1:(\d+)/predictions/{name}", shown)
    assert match, shown
    return int(match.group(1))


def post(port, name, body):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/predictions/{name}", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def refused(port):
    with socket.socket() as s:
        s.settimeout(5)
        return s.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def trained(kernel):
    run = execute(kernel, SETUP, timeout=120)
    assert run.status == "ok", run.error
    run = execute(kernel, "%train net --data train --epochs 2 --batch 32 --lr 0.005 --seed 1", timeout=180)
    assert run.status == "ok", run.error
    return kernel


def test_a_trained_net_served_answers_what_evaluate_predicts_refuses_bad_requests_and_stops_clean(trained):
    kc = trained
    run = execute(kc, "%serve net --name digits --max-batch 16 --max-delay 2", timeout=60)
    assert run.status == "ok", run.error
    port = served_port(run, "digits")

    run = execute(kc, REQUEST, timeout=60)
    assert run.status == "ok", run.error
    body, predicted = run.stdout.strip().split("\n")
    status, answer = post(port, "digits", body.encode())
    assert status == 200, answer
    labels = [p["label"] for p in answer["predictions"]]
    assert labels == [str(c) for c in json.loads(predicted)]
    probabilities = answer["predictions"][0]["probabilities"]
    assert len(probabilities) == 10 and abs(sum(probabilities) - 1) < 1e-3

    # The same net exported to ONNX and run by ONNX Runtime: the labels travel in the file.
    run = execute(kc, "%serve net --engine onnx --name digits-onnx", timeout=120)
    assert run.status == "ok", run.error
    onnx_port = served_port(run, "digits-onnx")
    status, answer = post(onnx_port, "digits-onnx", body.encode())
    assert status == 200, answer
    assert [p["label"] for p in answer["predictions"]] == labels
    run = execute(kc, "%serve --stop digits-onnx", timeout=60)
    assert run.status == "ok" and refused(onnx_port), run.error

    status, answer = post(port, "digits", b"not json")
    assert status == 400 and answer == {"error": "the body is not JSON (at line 1 column 1)"}
    status, answer = post(port, "digits", b'{"instances": [[1, 2, 3]]}')
    assert status == 400 and answer["error"].startswith("instances[0] has 3 numbers; the model takes 64 a row")

    # The dashboard while a client sends: one output, redrawn each second, its last frame the summary.
    sending = threading.Event()
    sent = []

    def client():
        while not sending.is_set():
            sent.append(post(port, "digits", body.encode())[0])

    thread = threading.Thread(target=client)
    thread.start()
    try:
        watched = execute(kc, "%serve --watch digits --seconds 3", timeout=60)
    finally:
        sending.set()
        thread.join()
    assert watched.status == "ok", watched.error
    assert set(sent) == {200}
    updates = watched.of_type("update_display_data")
    assert len(updates) >= 4, "three seconds and the summary"
    assert re.fullmatch(r"digits: [0-9,]+ requests, 0 errors in 3 s watched", watched.result), watched.result
    assert int(re.search(r"([0-9,]+) requests", watched.result).group(1).replace(",", "")) > 0
    last = updates[-1]["content"]["data"]
    assert "text/html" in last and "p99" in last["text/plain"]

    listing = execute(kc, "%serve --list", timeout=30)
    assert listing.status == "ok", listing.error
    listed = listing.result or "".join(m["content"]["data"].get("text/plain", "")
                                       for m in listing.of_type("display_data"))
    assert "digits" in listed and f"127.0.0.1:{port}" in listed

    run = execute(kc, "%serve --stop digits", timeout=60)
    assert run.status == "ok", run.error
    assert run.result == "Stopped digits."
    assert refused(port)
    run = execute(kc, 'Thread.getAllStackTraces().keySet().stream()'
                      '.filter(t -> t.getName().startsWith("jdlab-serve-digits")).count()', timeout=30)
    assert run.result == "0"


def test_a_mistyped_line_is_one_line_with_the_usage_pointer(trained):
    run = execute(trained, "%serve nosuch", timeout=30)
    assert run.status == "error"
    assert run.error["evalue"] == ("%serve: no variable nosuch is defined, and no file nosuch exists"
                                   " (%serve --help for usage)")
    run = execute(trained, "%serve --help", timeout=30)
    assert run.status == "ok" and "--max-batch" in (run.result or run.stdout)


def test_the_kernel_ending_stops_what_it_serves():
    km, kc = start_kernel()
    try:
        run = execute(kc, "import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.nn.core.Linear;\n"
                          "var tiny = Linear.builder().setUnits(1).build();\n"
                          "tiny.initialize(NDManager.newBaseManager(), DataType.FLOAT32, new Shape(1, 2));", timeout=60)
        assert run.status == "ok", run.error
        port = served_port(execute(kc, "%serve tiny", timeout=60), "tiny")
        assert post(port, "tiny", b'{"instances": [[1, 2]]}')[0] == 200
    finally:
        stop_kernel(km, kc)
    assert refused(port)
