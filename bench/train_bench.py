#!/usr/bin/python3
"""Training steps per second for one MLP and one CNN on MNIST: DJL in the jdlab kernel, the same DJL
code in a plain JVM, and PyTorch eager, side by side in one run.

All three train the same models on the same images (the first --examples of MNIST's training set),
batch 64, SGD with learning rate 0.1, cross-entropy, the loss read back after every step, one
intra-op and one inter-op thread, OMP_NUM_THREADS=1. The DJL side is jdlab's own loop,
`jdlab.train.Training`, run from a notebook cell in the kernel (started from a kernelspec installed
into a scratch prefix, through jupyter_client) and from a Java file made of the same text in a JVM
of its own; a second plain JVM runs with the kernelspec's malloc settings (read from the installed
kernel.json: glibc keeps freed memory instead of faulting it back in each step). Each
contestant is a process that stays up: it warms up, then the rounds interleave them (kernel, kernel
with the live display, JVM, JVM with the kernel's malloc settings, PyTorch), one epoch each per model per round. Besides time
per step it reports each process's minor page faults per step and its share of system CPU time.

    /usr/bin/python3 bench/train_bench.py [--rounds 5] [--warmup 3] [--examples 6400] [--no-torch]
"""
import argparse
import importlib.util
import json
import math
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
MNIST = ROOT / "notebooks" / "data" / "mnist"
KERNEL_NAME = "jdlab-train-bench"
BATCH = 64
MODELS = ("mlp", "cnn")
TIMEOUT = 600
ARGS = None  # the parsed command line
THREADS = ["-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true"]

# The DJL code both JVMs run, word for word: a notebook cell in the kernel, members of a class in the
# plain JVM. benchEpoch trains the block of its kind for one epoch (the same block every call, so
# training goes on) and prints one line: RESULT kind seconds loss parameters. No switch expression with
# `default -> throw`: JDK 17's JShell cannot tell where such a method ends and swallows the rest of the cell.
IMPORTS = """\
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdlab.train.Training;
import jdlab.train.TrainingResult;
import jdlab.train.data.Examples;
import jdlab.train.data.Mnist;
"""

MEMBERS = """\
Map<String, Block> benchBlocks = new HashMap<>();

Block benchBlock(String kind) {
    if (kind.equals("mlp")) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(128).build())
                .add(Activation::relu)
                .add(Linear.builder().setUnits(10).build());
    }
    if (kind.equals("cnn")) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
                .add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }
    throw new IllegalArgumentException("no model " + kind);
}

void benchEpoch(String kind, Examples data, boolean live) throws java.io.IOException {
    Block block = benchBlocks.computeIfAbsent(kind, k -> benchBlock(k));
    TrainingResult run = Training.of(block).data(data).epochs(1).batch(64).optimizer("sgd").lr(0.1)
            .metrics().seed(1).live(live).fit();
    Map<String, Double> epoch = run.history().epoch(1);
    long parameters = block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    System.out.println("RESULT " + kind + " " + epoch.get("seconds") + " " + epoch.get("train_loss") + " " + parameters);
}
"""

JVM_MAIN = """\
    public static void main(String[] args) throws Exception {
        TrainBench bench = new TrainBench();
        Examples data = Mnist.train(Path.of(args[0])).take(Integer.parseInt(args[1]));
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        System.out.println("READY");
        for (String line; (line = in.readLine()) != null; ) {
            bench.benchEpoch(line.trim(), data, false);
        }
    }
"""


def java_source():
    return IMPORTS + "\npublic class TrainBench {\n\n" + MEMBERS + "\n" + JVM_MAIN + "}\n"


def parse_result(text, kind):
    for line in text.splitlines():
        words = line.split()
        if words[:2] == ["RESULT", kind]:
            return {"seconds": float(words[2]), "loss": float(words[3]), "parameters": int(words[4])}
    raise RuntimeError(f"no RESULT line for {kind} in:\n{text}")


class LineWorker:
    """A process that answers each model name on stdin with a RESULT line (the plain JVM, PyTorch)."""

    def __init__(self, argv, env, log):
        self.process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                        env=env, text=True, cwd=ROOT)
        self.pid = self.process.pid
        self.ready = self._read_until(lambda line: line.startswith("READY")).strip()

    def _read_until(self, done):
        seen = []
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"{self.process.args[0]} exited ({self.process.wait()}); output:\n{''.join(seen)}")
            seen.append(line)
            if done(line):
                return "".join(seen)

    def epoch(self, kind):
        self.process.stdin.write(kind + "\n")
        self.process.stdin.flush()
        return parse_result(self._read_until(lambda line: line.startswith("RESULT")), kind)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


class KernelWorker:
    """The jdlab kernel started from its kernelspec; each epoch is one executed cell."""

    def __init__(self, env, log):
        from jupyter_client.manager import start_new_kernel
        self.km, self.kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=120, env=env, cwd=str(ROOT),
                                            stdout=log, stderr=log)
        self.pid = self.km.provisioner.process.pid
        self.execute(IMPORTS + "\n" + MEMBERS + "\n"
                     # JShell refuses a checked exception in a declaration's initializer, not in a statement.
                     + f'Examples benchData;\nbenchData = Mnist.train(Path.of("{MNIST}")).take({ARGS.examples});\n')

    def execute(self, code):
        """Runs a cell; returns its stdout, and how many display messages it sent."""
        msg_id = self.kc.execute(code)
        deadline = time.monotonic() + TIMEOUT
        stdout, displays, error = [], 0, None
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content["name"] == "stdout":
                stdout.append(content["text"])
            elif kind in ("display_data", "update_display_data"):
                displays += 1
            elif kind == "error":
                error = "\n".join(content["traceback"])
            elif kind == "status" and content["execution_state"] == "idle":
                break
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel failed on:\n{code}\n{error or reply['content']}")
        return "".join(stdout), displays

    def epoch(self, kind, live=False):
        out, displays = self.execute(f'benchEpoch("{kind}", benchData, {str(live).lower()});')
        result = parse_result(out, kind)
        result["displays"] = displays
        return result

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


TORCH_WORKER = r'''
import gzip, sys, time
import torch
from torch import nn

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
mnist, examples, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


def idx(name):
    with gzip.open(f"{mnist}/{name}.gz", "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


x = (idx("train-images-idx3-ubyte")[:examples].float() / 255).unsqueeze(1)
y = idx("train-labels-idx1-ubyte")[:examples].long()
torch.manual_seed(1)
models = {
    "mlp": nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)),
    "cnn": nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 7 * 7, 10)),
}
optimizers = {k: torch.optim.SGD(m.parameters(), lr=0.1) for k, m in models.items()}
loss_fn = nn.CrossEntropyLoss()
print(f"READY torch {torch.__version__}", flush=True)
for line in sys.stdin:
    kind = line.strip()
    model, opt = models[kind], optimizers[kind]
    generator = torch.Generator().manual_seed(1)
    start = time.perf_counter()
    order = torch.randperm(examples, generator=generator)
    total = 0.0
    for b in range(0, examples, batch):
        i = order[b:b + batch]
        loss = loss_fn(model(x[i]), y[i])
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(i)
    seconds = time.perf_counter() - start
    parameters = sum(p.numel() for p in model.parameters())
    print(f"RESULT {kind} {seconds} {total / examples} {parameters}", flush=True)
'''


def install_kernel(jar, prefix):
    """Installs the kernelspec; returns Jupyter's data folder and the environment kernel.json sets."""
    options = [f"--java-option={o}" for o in THREADS]
    subprocess.run(["java", "-jar", str(jar), "install", "--prefix", str(prefix), "--name", KERNEL_NAME, *options],
                   check=True, capture_output=True)
    data = prefix / "share" / "jupyter"
    spec = json.loads((data / "kernels" / KERNEL_NAME / "kernel.json").read_text())
    return data, spec.get("env", {})


def process_counters(pid):
    """Minor page faults and CPU seconds (user, system) of a process so far, from /proc."""
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[7]), int(fields[11]) / tick, int(fields[12]) / tick


def ms_per_step(result):
    return result["seconds"] * 1000 / math.ceil(ARGS.examples / BATCH)


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed epochs per model and contestant first (default 3)")
    parser.add_argument("--examples", type=int, default=6400, help="MNIST training images per epoch (default 6400)")
    parser.add_argument("--no-live", action="store_true", help="skip the kernel runs with the live display on")
    parser.add_argument("--no-tuned", action="store_true", help="skip the plain JVM with the kernel's malloc settings")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch eager (where Python has no torch)")
    parser.add_argument("--jar", type=pathlib.Path, default=ROOT / "install" / "target" / "jdlab.jar",
                        help="the built jar (default install/target/jdlab.jar)")
    ARGS = parser.parse_args()
    if not ARGS.jar.exists():
        sys.exit(f"{ARGS.jar} is missing; build first: mvn -B -q package -DskipTests")
    if not ARGS.no_torch and importlib.util.find_spec("torch") is None:
        sys.exit("PyTorch is missing for this Python: apt-get install python3-torch, or pass --no-torch")

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="jdlab-train-bench-"))
    data, kernel_env = install_kernel(ARGS.jar, scratch / "prefix")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data), os.environ.get("JUPYTER_PATH")]))
    env = dict(os.environ, OMP_NUM_THREADS="1", JDLAB_HISTORY=str(scratch / "history.jsonl"))
    (scratch / "TrainBench.java").write_text(java_source())
    (scratch / "torch_worker.py").write_text(TORCH_WORKER)
    log = open(scratch / "workers.log", "w")
    started = time.monotonic()
    load_before = os.getloadavg()
    workers = {}
    try:
        print("starting the kernel, the JVM and PyTorch ...", file=sys.stderr)
        workers["kernel"] = KernelWorker(env, log)
        jvm = ["java", "-XX:+UseSerialGC", *THREADS, "-cp", str(ARGS.jar), str(scratch / "TrainBench.java"),
               str(MNIST), str(ARGS.examples)]
        workers["jvm"] = LineWorker(jvm, env, log)
        if not ARGS.no_tuned:
            workers["tuned"] = LineWorker(jvm, dict(env, **kernel_env), log)
        if not ARGS.no_torch:
            workers["torch"] = LineWorker([sys.executable, str(scratch / "torch_worker.py"), str(MNIST),
                                           str(ARGS.examples), str(BATCH)], env, log)
        results = measure(workers)
    except BaseException:
        print(f"failed; the workers' output is in {scratch / 'workers.log'}", file=sys.stderr)
        raise
    finally:
        for worker in workers.values():
            try:
                worker.close()
            except Exception as e:  # a worker that died already has said why
                print(f"closing: {e}", file=sys.stderr)
        log.close()
    report(results, time.monotonic() - started, load_before, kernel_env)
    shutil.rmtree(scratch, ignore_errors=True)


CONTESTANTS = (("kernel", "DJL in the jdlab kernel"), ("live", "the same, live display on"),
               ("jvm", "DJL in a plain JVM"), ("tuned", "the same, kernel's malloc"), ("torch", "PyTorch eager"))


def run_one(workers, name, kind):
    """One epoch; adds the worker process's page faults and CPU seconds over the request."""
    worker = workers["kernel" if name == "live" else name]
    faults, user, system = process_counters(worker.pid)
    result = worker.epoch(kind, live=True) if name == "live" else worker.epoch(kind)
    faults_after, user_after, system_after = process_counters(worker.pid)
    result.update(faults=faults_after - faults, user=user_after - user, system=system_after - system)
    return result


def measure(workers):
    names = [n for n, _ in CONTESTANTS if n in workers or n == "live" and not ARGS.no_live]
    for kind in MODELS:
        for name in names:
            for _ in range(ARGS.warmup if name != "live" else 1):
                run_one(workers, name, kind)
        print(f"warmed up: {kind}", file=sys.stderr)
    results = {kind: {name: [] for name in names} for kind in MODELS}
    for r in range(1, ARGS.rounds + 1):
        for kind in MODELS:
            line = []
            for name in names:
                result = run_one(workers, name, kind)
                results[kind][name].append(result)
                line.append(f"{name} {ms_per_step(result):6.2f}")
            print(f"round {r} {kind}: ms/step  " + "  ".join(line), flush=True)
    return results


def report(results, elapsed, load_before, kernel_env):
    steps = math.ceil(ARGS.examples / BATCH)
    print(f"\n{ARGS.examples} MNIST images, batch {BATCH} ({steps} steps an epoch), SGD lr 0.1, cross-entropy, "
          f"1 thread; median of {ARGS.rounds} rounds after {ARGS.warmup} warm-up epochs\n")
    header = (f"{'model':<5}  {'contestant':<27}  {'ms/step':>7}  {'steps/s':>7}  {'min-max ms/step':>15}  "
              f"{'faults/step':>11}  {'sys CPU':>7}  {'loss':>6}")
    print(header)
    print("-" * len(header))
    medians = {}
    for kind in MODELS:
        for name, label in CONTESTANTS:
            if name not in results[kind]:
                continue
            runs = results[kind][name]
            ms = [ms_per_step(r) for r in runs]
            medians[kind, name] = statistics.median(ms)
            faults = statistics.median(r["faults"] for r in runs) / steps
            system = sum(r["system"] for r in runs) / max(1e-9, sum(r["user"] + r["system"] for r in runs))
            print(f"{kind:<5}  {label:<27}  {medians[kind, name]:7.2f}  {1000 / medians[kind, name]:7.1f}  "
                  f"{min(ms):7.2f}-{max(ms):<7.2f}  {faults:11,.0f}  {system:7.0%}  {runs[-1]['loss']:6.3f}")
    print()
    for kind in MODELS:
        torch = (kind, "torch") in medians
        ratios = [f"kernel/PyTorch {medians[kind, 'kernel'] / medians[kind, 'torch']:.2f}"] if torch else []
        if (kind, "tuned") in medians:
            ratios.append(f"kernel/JVM with its malloc {medians[kind, 'kernel'] / medians[kind, 'tuned']:.2f}")
        if (kind, "live") in medians:
            ratios.append(f"live/kernel {medians[kind, 'live'] / medians[kind, 'kernel']:.2f}")
        ratios.append(f"kernel/plain JVM {medians[kind, 'kernel'] / medians[kind, 'jvm']:.2f}")
        if torch:
            ratios.append(f"plain JVM/PyTorch {medians[kind, 'jvm'] / medians[kind, 'torch']:.2f}")
        print(f"{kind}: " + ", ".join(ratios))
    counts = {kind: {r["parameters"] for runs in results[kind].values() for r in runs} for kind in MODELS}
    print("parameters: " + ", ".join(f"{kind} {'/'.join(f'{n:,}' for n in sorted(counts[kind]))}" for kind in MODELS)
          + " (the same in DJL and PyTorch when one number)")
    displays = [r["displays"] for kind in MODELS for r in results[kind].get("live", [])]
    if displays:
        print(f"live display: {min(displays)}-{max(displays)} display messages per epoch")
    print("the kernel's malloc settings (kernel.json env): " + " ".join(f"{k}={v}" for k, v in kernel_env.items()))
    print("faults/step: minor page faults of the process per step; sys CPU: system time over all its CPU time; "
          "loss: the last round's epoch mean (each process trains on from its own start)")
    load = lambda avg: "/".join(f"{x:.2f}" for x in avg)
    print(f"{os.cpu_count()} CPUs, {platform.platform()}, load average (1/5/15 min) before {load(load_before)}, "
          f"after {load(os.getloadavg())}, total {elapsed:.0f} s")


if __name__ == "__main__":
    main()
