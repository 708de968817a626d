#!/usr/bin/python3
"""Serving overhead: the digits MLP's own throughput in the kernel against the same model behind %serve.

The jdlab kernel (installed from the built jar into a scratch prefix, started through Debian's
jupyter_client, OMP_NUM_THREADS=1) trains the MNIST lab's MLP (flatten, 128 relu, 10) for one epoch
on the first --examples training images, then, in one run:

- times the raw predictor in a cell, no HTTP: DJL's forward pass on one test image and on a batch of
  --max-batch, for --seconds each, in rows per second;
- serves the model twice, with `%serve --max-batch 1` and with dynamic batching
  (`--max-batch N --max-delay MS`), and loads each with Debian's wrk: --connections concurrent
  clients, each POSTing one image at a time for --seconds, on loopback;
- prints rows/s, p50/p99 latency and the mean batch (from the server's jdlab_serve_batch_size
  histogram) side by side, and each server's throughput over the raw
  predictor's (batch 1 against batch 1, dynamic batching against a full batch): the serving overhead.

wrk, the server and the model share the machine's cores: on 2 CPUs the load generator takes a share.

    /usr/bin/python3 bench/serve_bench.py [--examples 6000] [--seconds 5] [--connections 32]
        [--max-batch 32] [--max-delay 5]
"""
import argparse
import functools
import gzip
import os
import pathlib
import platform
import re
import socket
import subprocess
import sys
import urllib.request

import scratch_kernel

KERNEL_NAME = "jdlab-serve-bench"
TIMEOUT = 600

SETUP = """

/** Rows per second of the forward pass on batches of n test images, over the given seconds. */
double rowsPerSecond(Block block, int n, double seconds) {
    FloatBuffer buffer = FloatBuffer.allocate(n * 784);
    test.copyFeatures(java.util.stream.IntStream.range(0, n).toArray(), 0, n, buffer);
    float[] x = buffer.array();
    var manager = NDManager.newBaseManager();
    var parameters = new ParameterStore(manager, false);
    long rows = 0;
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (int warm = 0; warm < 100 || System.nanoTime() < end; warm++) {
        try (NDManager step = manager.newSubManager()) {
            block.forward(parameters, new NDList(step.create(x, new Shape(n, 1, 28, 28))), false).head().toFloatArray();
        }
        if (warm == 99) {
            start = System.nanoTime();
            end = start + (long) (seconds * 1e9);
        } else if (warm > 99) {
            rows += n;
        }
    }
    manager.close();
    return rows / ((System.nanoTime() - start) / 1e9);
}
"""

WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{body}'
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_image():
    """The first MNIST test image as a JSON request: 784 pixels scaled to 0..1."""
    pixels = gzip.decompress((scratch_kernel.MNIST / "t10k-images-idx3-ubyte.gz").read_bytes())[16:16 + 784]
    return '{"instances": [[' + ", ".join("%.6g" % (b / 255) for b in pixels) + "]]}"


def load(url, script, args):
    """wrk against url: (rows/s, p50 ms, p99 ms, failed requests)."""
    run = subprocess.run(["wrk", "-t", "2", "-c", str(args.connections), "-d", f"{args.seconds}s", "--timeout", "10s",
                          "-s", str(script), url], capture_output=True, text=True, timeout=args.seconds + 60)
    match = re.search(r"^RESULT (\d+) (\d+) (\d+) (\d+) (\d+)$", run.stdout, re.M)
    if run.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed: {run.stdout}{run.stderr}")
    requests, micros, p50, p99, failed = map(int, match.groups())
    return requests / (micros / 1e6), p50 / 1000, p99 / 1000, failed


def mean_batch(port):
    """The mean rows a batch from the server's own histogram, jdlab_serve_batch_size (sum over count)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    total, count = (float(re.search(rf"^jdlab_serve_batch_size_{part}{{[^}}]*}} (\S+)$", text, re.M).group(1))
                    for part in ("sum", "count"))
    return total / count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=6000, help="training images (default 6000)")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per measurement (default 5)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent wrk clients (default 32)")
    parser.add_argument("--max-batch", type=int, default=32, help="dynamic batching's largest batch (default 32)")
    parser.add_argument("--max-delay", type=int, default=5, help="dynamic batching's wait in ms (default 5)")
    parser.add_argument("--jar", type=pathlib.Path, default=scratch_kernel.JAR)
    args = parser.parse_args()

    with scratch_kernel.started(args.jar, KERNEL_NAME) as (kc, scratch):
        execute = functools.partial(scratch_kernel.execute, kc, timeout=TIMEOUT)
        script = scratch / "post.lua"
        script.write_text(WRK_SCRIPT.format(body=one_image()))
        load_before = os.getloadavg()
        execute(scratch_kernel.mnist_mlp_cell(args.examples) + SETUP)
        execute("%train mlp --data train --epochs 1 --batch 64 --optimizer adam --lr 0.002 --seed 1")
        raw = {n: float(execute(f"rowsPerSecond(mlp, {n}, {args.seconds})")) for n in (1, args.max_batch)}
        servers = {"batch 1": "--max-batch 1",
                   "dynamic batching": f"--max-batch {args.max_batch} --max-delay {args.max_delay}"}
        served = {}
        for i, (label, options) in enumerate(servers.items()):
            port = free_port()
            execute(f"%serve mlp --name bench{i} --port {port} {options}")
            served[label] = load(f"http://127.0.0.1:{port}/predictions/bench{i}", script, args) + (mean_batch(port),)
            execute(f"%serve --stop bench{i}")

    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average before"
          f" {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f}; {args.seconds} s per measurement,"
          f" OMP_NUM_THREADS=1\n")
    print("| contestant | rows/s | p50 ms | p99 ms | failed | mean batch | served / raw |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| raw forward pass, batch 1 (in the kernel, no HTTP) | {raw[1]:,.0f} | | | | 1 | |")
    print(f"| raw forward pass, batch {args.max_batch} (in the kernel, no HTTP) | {raw[args.max_batch]:,.0f} | | | |"
          f" {args.max_batch} | |")
    for label, (rows, p50, p99, failed, batch) in served.items():
        against = raw[1] if label == "batch 1" else raw[args.max_batch]
        options = servers[label]
        print(f"| `%serve {options}`, {args.connections} wrk clients | {rows:,.0f} | {p50:.2f} | {p99:.2f} | {failed}"
              f" | {batch:.1f} | {rows / against:.2f} |")
    (one, *_), (batched, *_) = served.values()
    print(f"\ndynamic batching / batch 1: {batched / one:.2f}× the rows per second")


if __name__ == "__main__":
    sys.exit(main())
