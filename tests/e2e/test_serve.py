"""%serve through the installed kernelspec: the digits lab's MLP answers HTTP on loopback with the
accuracy %evaluate reports, survives bad requests and a slow client, is scraped by a real Prometheus,
holds 32 concurrent wrk clients without a failed request, and leaves no thread or port behind."""
import gzip
import json
import pathlib
import re
import select
import socket
import struct
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import execute, start_kernel, stop_kernel

MNIST = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "data" / "mnist"
TEST_IMAGES = 2_000
REQUESTS = "jdlab_serve_requests_total"  # prediction requests, by model and status code
ERRORS = "jdlab_serve_errors_total"  # those answered 400 or more, by model and status code

# The digits lab (notebooks/mnist-digits.ipynb): its data and its MLP, trained for fewer epochs.
SETUP = f"""
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import jdlab.train.*;
import jdlab.train.data.*;
import java.nio.file.*;
var train = Mnist.train(Path.of("{MNIST}")).take(12_000);
var test = Mnist.test(Path.of("{MNIST}")).take({TEST_IMAGES});
Block mlp = new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(128).build())
        .add(Activation::relu)
        .add(Linear.builder().setUnits(10).build());
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mnist_test_split():
    """The first test images as rows of 784 pixels scaled to 0..1 (as Mnist.load scales them, to the
    float32 digit), and their labels, read from the idx files without the kernel's help."""
    images = gzip.decompress((MNIST / "t10k-images-idx3-ubyte.gz").read_bytes())
    labels = gzip.decompress((MNIST / "t10k-labels-idx1-ubyte.gz").read_bytes())
    pixel = [float("%.9g" % struct.unpack("f", struct.pack("f", i / 255))[0]) for i in range(256)]
    rows = [[pixel[b] for b in images[16 + n * 784:16 + (n + 1) * 784]] for n in range(TEST_IMAGES)]
    return rows, [str(b) for b in labels[8:8 + TEST_IMAGES]]


def post(url, body, timeout=30):
    """POSTs bytes or a JSON-able object; returns (status, parsed JSON body)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def serve(kc, line):
    """Runs a %serve line that starts a server; returns the port it took, from the address it shows."""
    run = execute(kc, line, timeout=60)
    assert run.status == "ok", run.error
    shown = run.result or "".join(m["content"]["data"].get("text/plain", "") for m in run.of_type("display_data"))
    return int(re.search(r"Serving \S+: \w+ model at http://127\.0\.0\.1:(\d+)/predictions/", shown).group(1))


def refused(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def one_line_reason(status, body):
    """A 4xx whose JSON body names its reason in one line."""
    reason = body.get("error", "")
    return 400 <= status < 500 and reason != "" and "\n" not in reason


class Served:
    """The module's kernel, the port of its server `digits`, the accuracy %evaluate showed, and the test split."""

    def __init__(self, kc, port, evaluated, rows, labels):
        self.kc, self.port, self.evaluated, self.rows, self.labels = kc, port, evaluated, rows, labels
        self.predict = f"http://127.0.0.1:{port}/predictions/digits"

    def answers(self):
        status, body = post(self.predict, {"instances": self.rows[:1]})
        return status == 200 and body["predictions"][0]["label"] in "0123456789"


@pytest.fixture(scope="module")
def served(kernel):
    run = execute(kernel, SETUP, timeout=120)
    assert run.status == "ok", run.error
    run = execute(kernel, "%train mlp --data train --validate test --epochs 2 --batch 64 --optimizer sgd"
                          " --lr 0.1 --seed 1", timeout=240)
    assert run.status == "ok", run.error
    run = execute(kernel, "%evaluate mlp --data test --result mlpScores", timeout=60)
    assert run.status == "ok", run.error
    shown = run.stdout + "".join(m["content"]["data"].get("text/plain", "") for m in
                                 run.of_type("display_data") + run.of_type("execute_result"))
    evaluated = re.search(r"accuracy ([0-9.]+) %", shown).group(1)
    port = serve(kernel, "%serve mlp --name digits")
    yield Served(kernel, port, evaluated, *mnist_test_split())
    execute(kernel, "%serve --stop --all")


def test_the_served_mlp_predicts_the_test_split_over_http_with_the_accuracy_evaluate_reports(served):
    said = []
    for start in range(0, TEST_IMAGES, 100):
        status, body = post(served.predict, {"instances": served.rows[start:start + 100]})
        assert status == 200, body
        said += [p["label"] for p in body["predictions"]]
    assert len(said) == TEST_IMAGES
    correct = sum(s == t for s, t in zip(said, served.labels))
    assert "%.2f" % (100 * correct / TEST_IMAGES) == served.evaluated
    assert execute(served.kc, f"mlpScores.accuracy() == {correct}.0 / {TEST_IMAGES}").result == "true"
    # One row alone gets the label it got among a hundred.
    status, body = post(served.predict, {"instances": served.rows[7:8]})
    assert status == 200 and [p["label"] for p in body["predictions"]] == said[7:8]


@pytest.mark.parametrize("body", [b"{not json", b'{"instances": [[0.5, 0.5, 0.5]]}', b'{"rows": []}',
                                  b'{"instances": "seven"}'], ids=["not-json", "wrong-shape", "no-instances",
                                                                   "not-rows"])
def test_a_bad_request_gets_a_4xx_with_a_one_line_reason_and_the_server_goes_on(served, body):
    status, answer = post(served.predict, body)
    assert status == 400 and one_line_reason(status, answer), (status, answer)
    assert served.answers()


def raw_response(sock, timeout):
    """The status code and body the server wrote on a raw socket before closing it, or None if it only closed."""
    sock.settimeout(timeout)
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
            if b"\r\n\r\n" in data and len(data.split(b"\r\n\r\n", 1)[1]) >= content_length(data):
                break
    except (ConnectionResetError, socket.timeout):
        pass
    if not data:
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def content_length(data):
    match = re.search(rb"(?i)content-length:\s*(\d+)", data.split(b"\r\n\r\n", 1)[0])
    return int(match.group(1)) if match else 1 << 30


def chunked(data):
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_huge_body_gets_a_413_before_the_server_reads_it_all_and_the_server_goes_on(served, framing):
    """A gigabyte of pixels, announced by its length or streamed in chunks until the server answers."""
    claimed = 1 << 30
    length = f"Content-Length: {claimed}" if framing == "content-length" else "Transfer-Encoding: chunked"
    frame = (lambda data: data) if framing == "content-length" else chunked
    with socket.create_connection(("127.0.0.1", served.port)) as sock:
        sock.sendall(f"POST /predictions/digits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     f"{length}\r\n\r\n".encode() + frame(b'{"instances": ['))
        chunk, sent, deadline = b"[0.5, 0.5, 0.5, 0.5]," * 50_000, 0, time.monotonic() + 30
        try:
            while sent < claimed and time.monotonic() < deadline and not select.select([sock], [], [], 0)[0]:
                sock.sendall(frame(chunk))
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = raw_response(sock, timeout=10)
    assert sent < claimed / 4, "the server read a quarter of a gigabyte before it refused"
    assert answer is not None, "the server closed the connection without a status"
    status, body = answer
    assert status == 413 and one_line_reason(status, json.loads(body)), answer
    assert served.answers()


def test_a_client_that_stalls_after_its_headers_is_cut_by_a_timeout_while_others_are_answered(served):
    with socket.create_connection(("127.0.0.1", served.port)) as sock:
        sock.sendall(b"POST /predictions/digits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 5000\r\n\r\n" + b'{"instances": [[0.1, ')
        start = time.monotonic()
        assert served.answers(), "a stalled client holds up the others"
        answer = raw_response(sock, timeout=90)
        waited = time.monotonic() - start
    # The server cuts it, with a 408 or by closing, rather than waiting for the rest of the body.
    assert waited < 60
    assert answer is None or answer[0] == 408 and one_line_reason(408, json.loads(answer[1])), answer
    assert served.answers()


def prometheus_query(port, promql):
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": promql})
    with urllib.request.urlopen(url, timeout=10) as response:
        result = json.loads(response.read())["data"]["result"]
    return float(result[0]["value"][1]) if result else None


def wait_for(condition, seconds, step=0.25):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()


@pytest.fixture()
def prometheus(served, tmp_path):
    """Debian's Prometheus on loopback, scraping the server's /metrics every second; yields its port."""
    port = free_port()
    config = tmp_path / "prometheus.yml"
    config.write_text(f"""global:
  scrape_interval: 1s
scrape_configs:
  - job_name: jdlab
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:{served.port}"]
""")
    log = open(tmp_path / "prometheus.log", "wb")
    process = subprocess.Popen(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'data'}",
                                f"--web.listen-address=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    try:
        up = wait_for(lambda: not refused(port) and prometheus_query(port, 'up{job="jdlab"}') == 1, 30)
        assert up, (tmp_path / "prometheus.log").read_text()[-2000:]
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_a_real_prometheus_scraping_metrics_counts_the_requests_the_test_sent(served, prometheus):
    # A labelled counter has no series before its first request: then the sum is none, read as 0.
    requests = f'sum({REQUESTS}{{model="digits"}}) or vector(0)'
    refusals = f'sum({ERRORS}{{model="digits",code="400"}}) or vector(0)'
    before = [prometheus_query(prometheus, q) for q in (requests, refusals)]  # scraped since the last request
    for size in (1, 3, 10, 1, 32, 5, 1, 2, 64, 1, 7, 1):
        assert post(served.predict, {"instances": served.rows[:size]})[0] == 200
    for bad in (b"[]", b'{"instances": [[1]]}'):
        assert post(served.predict, bad)[0] == 400
    expected = [before[0] + 14, before[1] + 2]
    wait_for(lambda: [prometheus_query(prometheus, q) for q in (requests, refusals)] == expected, 15)
    assert [prometheus_query(prometheus, q) for q in (requests, refusals)] == expected


WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '%s'
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %%d errors connect %%d read %%d write %%d status %%d timeout %%d\\n",
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def test_32_concurrent_wrk_clients_get_no_failed_request(served, tmp_path):
    script = tmp_path / "post.lua"
    script.write_text(WRK_SCRIPT % json.dumps({"instances": served.rows[:1]}))
    run = subprocess.run(["wrk", "-t", "2", "-c", "32", "-d", "4s", "--timeout", "10s", "-s", str(script),
                          served.predict], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    summary = re.search(r"^requests (\d+) errors connect (\d+) read (\d+) write (\d+) status (\d+) timeout (\d+)$",
                        run.stdout, re.M)
    assert summary, run.stdout
    requests, *errors = map(int, summary.groups())
    assert requests >= 32, run.stdout
    assert errors == [0, 0, 0, 0, 0], run.stdout
    assert "Non-2xx or 3xx responses" not in run.stdout, run.stdout
    assert served.answers()


THREADS = ('Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)'
           '.map(t -> t.getId() + " " + t.getName()).collect(java.util.stream.Collectors.joining(";"))')


def threads(kc):
    """The kernel's live threads, as id and name."""
    return set(execute(kc, THREADS).result.strip('"').split(";"))


def test_stop_leaves_no_server_thread_and_the_port_refused(served):
    before = threads(served.kc)
    port = serve(served.kc, "%serve mlp --name stopping")
    status, body = post(f"http://127.0.0.1:{port}/predictions/stopping", {"instances": served.rows[:4]})
    assert status == 200, body
    started = threads(served.kc) - before
    assert started, "the server runs on threads of its own"
    run = execute(served.kc, "%serve --stop stopping")
    assert run.status == "ok", run.error
    assert refused(port)
    assert wait_for(lambda: not (threads(served.kc) & started), 10), f"left behind: {threads(served.kc) & started}"
    assert served.answers(), "stopping one server leaves the others serving"


def test_a_kernel_shutdown_stops_every_server_and_the_process_exits_by_itself():
    km, kc = start_kernel()
    try:
        run = execute(kc, "import ai.djl.ndarray.*; import ai.djl.ndarray.types.*; import ai.djl.nn.core.Linear;\n"
                          "var tiny = Linear.builder().setUnits(2).build();\n"
                          "tiny.initialize(NDManager.newBaseManager(), DataType.FLOAT32, new Shape(1, 3));", timeout=60)
        assert run.status == "ok", run.error
        ports = [serve(kc, f"%serve tiny --engine {engine} --name {engine}") for engine in ("djl", "onnx")]
        for engine, port in zip(("djl", "onnx"), ports):
            assert post(f"http://127.0.0.1:{port}/predictions/{engine}", {"instances": [[1, 2, 3]]})[0] == 200
        kc.shutdown()
        assert kc.get_control_msg(timeout=10)["msg_type"] == "shutdown_reply"
        assert wait_for(lambda: not km.is_alive(), 20), "the kernel process is still running"
        assert km.provisioner.process.returncode == 0
        assert all(refused(p) for p in ports)
    finally:
        stop_kernel(km, kc)
