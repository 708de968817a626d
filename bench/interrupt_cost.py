#!/usr/bin/python3
"""What a way of interrupting cells costs while nothing is interrupted: warm execute, a hot loop, a
recursion and a training epoch, for two builds of the kernel side by side in one run.

Each --jar LABEL=PATH is installed as a kernelspec of its own in a scratch prefix and started through
jupyter_client, as bench.py does. --jvmti LABEL=LIB adds a contestant: the first jar with a JNI library
loaded from a cell that takes JVMTI's can_signal_thread capability (what a StopThread-based interrupt
needs). After a warm-up, the rounds interleave the kernels:

- warm execute: round trip of `int x = 1;`, median of --warm;
- hot loop: a cell summing 1e9 longs in a for loop (one back edge per turn);
- recursion: a cell computing fib(32) recursively (one method entry per call, 7 million calls);
- training epoch: jdlab.train.Training over the 8x8 digits (45 batches of 32, an MLP of 64 units).

    /usr/bin/python3 bench/interrupt_cost.py --jar before=/tmp/base.jar --jar woven=install/target/jdlab.jar \\
        [--jvmti jvmti=/tmp/libstopper.so] [--rounds 5] [--warm 100]
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from bench import Flavour, Running, run_cell  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
DIGITS = ROOT / "notebooks" / "data" / "digits" / "digits.csv.gz"
SETUP = f"""
import java.nio.file.Path;
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import jdlab.train.*;
import jdlab.train.data.*;
var digits = Digits.load(Path.of("{DIGITS}")).split(0.8, 7).get(0);
Block mlp() {{
    return new SequentialBlock().add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(64).build()).add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
}}
var net = mlp();
long fib(int n) {{ return n < 2 ? n : fib(n - 1) + fib(n - 2); }}
long hotLoop() {{ long s = 0; for (long i = 0; i < 1_000_000_000L; i++) {{ s += i ^ (s >>> 3); }} return s; }}
"""
CELLS = {
    "hot loop (1e9 turns)": "hotLoop()",
    "recursion (fib 32)": "fib(32)",
    "training epoch (45 steps)": "Training.of(net).data(digits).epochs(1).batch(32).lr(0.01).seed(1).fit();",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jar", action="append", required=True, help="LABEL=PATH of a built jdlab.jar")
    parser.add_argument("--jvmti", help="LABEL=PATH of a JNI library taking can_signal_thread, run with the first jar")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds of each cell (default 5)")
    parser.add_argument("--warm", type=int, default=100, help="timed warm executes per kernel and round (default 100)")
    args = parser.parse_args()

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="jdlab-interrupt-cost-"))
    prefix = scratch / "prefix"
    contestants = []  # (label, kernel name, setup code)
    for i, spec in enumerate(args.jar):
        label, jar = spec.split("=", 1)
        name = f"jdlab-cost-{i}"
        subprocess.run(["java", "-jar", jar, "install", "--prefix", str(prefix), "--name", name],
                       check=True, capture_output=True)
        contestants.append((label, name, SETUP))
    if args.jvmti:
        label, lib = args.jvmti.split("=", 1)
        contestants.append((label, contestants[0][1], f'System.load("{os.path.abspath(lib)}");\n' + SETUP))
    os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
    env = dict(os.environ, OMP_NUM_THREADS="1", JDLAB_HISTORY=str(scratch / "history.jsonl"))

    results = {label: {"warm execute (int x = 1;)": [], **{cell: [] for cell in CELLS}} for label, _, _ in contestants}
    with open(scratch / "kernels.log", "wb") as log:
        kernels = []
        try:
            for label, name, setup in contestants:
                kernel = Running(Flavour(label, name, "int x = 1;", "1 + 1", "2", "", ""), env, log)
                kernels.append((label, kernel))
                run_cell(kernel.kc, setup)
                for code in CELLS.values():  # warm-up: JIT and DJL's first use
                    run_cell(kernel.kc, code)
            for r in range(args.rounds):
                for label, kernel in kernels if r % 2 == 0 else reversed(kernels):
                    warm = [run_cell(kernel.kc, "int x = 1;")[0] for _ in range(args.warm)]
                    results[label]["warm execute (int x = 1;)"].append(statistics.median(warm))
                    for cell, code in CELLS.items():
                        results[label][cell].append(run_cell(kernel.kc, code)[0])
                print(f"round {r + 1}/{args.rounds} done", file=sys.stderr)
        finally:
            for _, kernel in kernels:
                kernel.shutdown()
    shutil.rmtree(scratch, ignore_errors=True)

    labels = [label for label, _, _ in contestants]
    print(f"| median of {args.rounds} rounds | " + " | ".join(labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for metric in results[labels[0]]:
        print(f"| {metric} | " + " | ".join(f"{statistics.median(results[label][metric]) * 1000:.1f} ms"
                                            for label in labels) + " |")


if __name__ == "__main__":
    main()
