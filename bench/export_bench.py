#!/usr/bin/python3
"""Inference of exported models: ONNX Runtime against DJL, float and int8, batch 1 and 64.

The jdlab kernel (installed from the built jar into a scratch prefix, started through Debian's
jupyter_client) trains the MNIST lab's MLP and CNN for one epoch on the first --examples training
images, exports each with `%export --quantize int8`, then times, in one cell, DJL's forward pass
and an ONNX Runtime session on the float and the int8 file: --warmup runs, then --runs timed ones
per case, one thread each (OMP_NUM_THREADS=1 for PyTorch, intra-op threads 1 for ONNX Runtime).
Prints a markdown table: median milliseconds per batch, examples per second, file size, and
accuracy on the first 2,000 test images.

    /usr/bin/python3 bench/export_bench.py [--examples 6000] [--warmup 20] [--runs 200]
"""
import argparse
import functools
import os
import pathlib
import platform
import sys

import scratch_kernel

KERNEL_NAME = "jdlab-export-bench"
TIMEOUT = 900

SETUP = """
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.onnxruntime.*;
import java.util.*;
Block cnn = new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
        .add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
        .add(Activation::relu).add(Pool.maxPool2dBlock(new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
var benchManager = NDManager.newBaseManager();

double median(double[] times) {
    Arrays.sort(times);
    return times[times.length / 2];
}

float[] batchOf(int n) {
    FloatBuffer buffer = FloatBuffer.allocate(n * 784);
    test.copyFeatures(java.util.stream.IntStream.range(0, n).toArray(), 0, n, buffer);
    return buffer.array();
}

double djlMillis(Block block, int n, int warmup, int runs) {
    float[] x = batchOf(n);
    double[] times = new double[runs];
    var parameters = new ParameterStore(benchManager, false);
    for (int i = 0; i < warmup + runs; i++) {
        long start = System.nanoTime();
        try (NDManager step = benchManager.newSubManager()) {
            block.forward(parameters, new NDList(step.create(x, new Shape(n, 1, 28, 28))), false).head().toFloatArray();
        }
        if (i >= warmup) times[i - warmup] = (System.nanoTime() - start) / 1e6;
    }
    return median(times);
}

double ortMillis(String file, int n, int warmup, int runs) throws OrtException {
    var environment = OrtEnvironment.getEnvironment();
    float[] x = batchOf(n);
    double[] times = new double[runs];
    try (var options = new OrtSession.SessionOptions()) {
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        try (var session = environment.createSession(file, options)) {
            for (int i = 0; i < warmup + runs; i++) {
                long start = System.nanoTime();
                try (var input = OnnxTensor.createTensor(environment, FloatBuffer.wrap(x), new long[] {n, 1, 28, 28});
                     var out = session.run(Map.of("input", input))) {
                    ((OnnxTensor) out.get(0)).getFloatBuffer();
                }
                if (i >= warmup) times[i - warmup] = (System.nanoTime() - start) / 1e6;
            }
        }
    }
    return median(times);
}
"""

TIME = """
for (int n : new int[] {{1, 64}}) {{
    System.out.println("RESULT {net} DJL float32 " + n + " " + djlMillis({net}, n, {warmup}, {runs}));
    System.out.println("RESULT {net} ORT float32 " + n + " " + ortMillis("{folder}/{net}.onnx", n, {warmup}, {runs}));
    System.out.println("RESULT {net} ORT int8 " + n + " " + ortMillis("{folder}/{net}.int8.onnx", n, {warmup}, {runs}));
}}
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=6000, help="training images (default 6000)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed runs per case (default 20)")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per case (default 200)")
    parser.add_argument("--jar", type=pathlib.Path, default=scratch_kernel.JAR)
    args = parser.parse_args()

    with scratch_kernel.started(args.jar, KERNEL_NAME) as (kc, scratch):
        execute = functools.partial(scratch_kernel.execute, kc, timeout=TIMEOUT)
        execute(scratch_kernel.mnist_mlp_cell(args.examples) + SETUP)
        results, exports = [], {}
        for net in ("mlp", "cnn"):
            execute(f"%train {net} --data train --validate test --epochs 1 --batch 64 --optimizer adam"
                    f" --lr 0.002 --seed 1")
            exports[net] = execute(f"%export {net} --to {scratch}/{net}.onnx --samples 2000 --quantize int8")
            out = execute(TIME.format(net=net, folder=scratch, warmup=args.warmup, runs=args.runs))
            results += [line.split()[1:] for line in out.splitlines() if line.startswith("RESULT")]
    print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f};"
          f" {args.runs} timed runs per case after {args.warmup}, one thread each\n")
    print("| model | runtime | weights | batch | ms/batch (median) | examples/s |")
    print("|---|---|---|---|---|---|")
    for net, runtime, precision, batch, millis in results:
        millis = float(millis)
        print(f"| {net} | {runtime} | {precision} | {batch} | {millis:.3f} | {int(batch) / millis * 1000:,.0f} |")
    for net, text in exports.items():
        print(f"\n`%export {net} --samples 2000 --quantize int8`:\n\n```\n{text.strip()}\n```")


if __name__ == "__main__":
    sys.exit(main())
