#!/usr/bin/python3
"""%train in the kernel against %train --workers 2 on Spark embedded in it, as a notebook user runs them.

The jdlab kernel (installed from the built jar into a scratch prefix, started through Debian's
jupyter_client, OMP_NUM_THREADS=1) trains the distributed lab's MLP (flatten, 128 relu, 10) on the
first --examples MNIST training images, --epochs epochs, SGD at 0.1, a global batch of 64, seed 1:

- in the kernel: `%train single ...`;
- on 2 workers: `%train mlp --workers 2 --into two ...`, the first time (Spark starts in the cell)
  and --runs more times (Spark running).

It also times an empty `%%launch --workers 2` (`out.println(1)`, Spark running), the launch alone.
For each training run it prints the cell's wall time, the training time the run recorded (the sum of its epochs'
seconds) and the rest of the cell (Spark's start, shipping the examples and the builder, the
workers' set-up, rank 0's weights coming back), and the final validation accuracy; then the ratios
to the run in the kernel. On a machine of 2 cores the two workers share the cores the single run
had, so the ratio of training times measures the synchronisation, not a speed-up.

    /usr/bin/python3 bench/workers_bench.py [--examples 12000] [--epochs 3] [--runs 3]
"""
import argparse
import os
import platform
import statistics
import time

import scratch_kernel

KERNEL_NAME = "jdlab-workers-bench"
TIMEOUT = 900
RUN = "--data train --validate test --epochs {epochs} --batch 64 --optimizer sgd --lr 0.1 --seed 1 --history h"
BUILDER = """
Block replica() {
    return new SequentialBlock().add(Blocks.batchFlattenBlock())
            .add(Linear.builder().setUnits(128).build()).add(Activation::relu)
            .add(Linear.builder().setUnits(10).build());
}
"""


def timed(kc, cell):
    """The cell's wall seconds, the seconds its run recorded and its last val_accuracy."""
    started = time.perf_counter()
    scratch_kernel.execute(kc, cell, TIMEOUT)
    wall = time.perf_counter() - started
    trained = float(scratch_kernel.execute(kc, 'h.doubleColumn("seconds").sum()', 60))
    accuracy = float(scratch_kernel.execute(kc, 'h.doubleColumn("val_accuracy").get(h.rowCount() - 1)', 60))
    return wall, trained, accuracy


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=12_000)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    run = RUN.format(epochs=args.epochs)
    rows = []
    with scratch_kernel.started(scratch_kernel.JAR, KERNEL_NAME) as (kc, _):
        scratch_kernel.execute(kc, scratch_kernel.mnist_mlp_cell(args.examples) + BUILDER, TIMEOUT)
        alone = []
        for _ in range(args.runs):
            scratch_kernel.execute(kc, "Block single = replica();", 60)
            alone.append(timed(kc, f"%train single {run}"))
        first = timed(kc, f"%train replica --workers 2 --into two {run}")
        warm = [timed(kc, f"%train replica --workers 2 --into two {run}") for _ in range(args.runs)]
        empty = []
        for _ in range(max(5, args.runs)):
            started = time.perf_counter()
            scratch_kernel.execute(kc, "%%launch --workers 2\nout.println(1);", TIMEOUT)
            empty.append(time.perf_counter() - started)
        rows.append(("in the kernel", *map(statistics.median, zip(*alone))))
        rows.append(("2 workers, first (Spark starts)", *first))
        rows.append(("2 workers, Spark running", *map(statistics.median, zip(*warm))))
    print(f"# %train in the kernel vs --workers 2 (Spark embedded): {args.examples:,} MNIST images, {args.epochs} epochs,"
          f" global batch 64; {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}; medians of {args.runs}")
    print(f"{'run':34} {'cell s':>8} {'trained s':>10} {'rest s':>8} {'val_acc':>8} {'cell ×':>7} {'trained ×':>10}")
    print(f"empty %%launch --workers 2, Spark running: median {statistics.median(empty):.3f} s"
          f" (min {min(empty):.3f}, max {max(empty):.3f}) of {len(empty)}")
    base_wall, base_trained = rows[0][1], rows[0][2]
    for name, wall, trained, accuracy in rows:
        print(f"{name:34} {wall:8.2f} {trained:10.2f} {wall - trained:8.2f} {accuracy:8.4f}"
              f" {wall / base_wall:7.2f} {trained / base_trained:10.2f}")


if __name__ == "__main__":
    main()
