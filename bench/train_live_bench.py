#!/usr/bin/python3
"""What a %train epoch costs with the notebook open in a browser: one epoch of an MLP on MNIST
(Training.of(...).fit(), the builder %train fills), timed by the run's own history, in a kernel
driven three ways, rounds alternated:

  page-live   the notebook open in headless Chromium (classic Notebook server on loopback), live view on
  page-quiet  the same page, live view off
  client      a plain jupyter_client, no page, live view on

for each environment given with --env (the kernel's; "" means the kernelspec's defaults), with
--busy processes spinning on the machine meanwhile. It prints, per environment and way, the median
epoch seconds, the speed against `client` (its median seconds over this way's: the goal for
page-live is 0.9 or more), and the CPU seconds Chromium used per epoch.

    /usr/bin/python3 bench/train_live_bench.py [--rounds 3] [--examples 6000] [--busy 0]
        [--env ""] [--env "OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE"] ... [--jar another/jdlab.jar]

Needs install/target/jdlab.jar (mvn -B package), Debian's jupyter-notebook, chromium and
python3-websocket.
"""
import argparse
import os
import pathlib
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

import nbformat
import psutil

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from conftest import JAR, KERNEL_NAME, execute  # noqa: E402
from test_browser_live import DevTools, Server, poll  # noqa: E402

MNIST = ROOT / "notebooks" / "data" / "mnist"
SETUP = """\
import ai.djl.nn.*;
import ai.djl.nn.core.Linear;
import java.nio.file.*;
import jdlab.train.*;
import jdlab.train.data.*;
var benchData = jdlab.train.data.Mnist.train(Path.of("{mnist}")).take({examples});
Block benchNet() {{
    return new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(128).build())
            .add(Activation::relu).add(Linear.builder().setUnits(10).build());
}}
void benchEpoch(boolean live, String way) throws Exception {{
    var run = Training.of(benchNet()).data(benchData).epochs(1).batch(64).optimizer("sgd").lr(0.1).seed(1).live(live).fit();
    Files.writeString(Path.of("{out}"), way + " " + run.history().last("seconds") + "\\n",
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
}}
benchEpoch(false, "warmup");
benchEpoch(true, "warmup");
"""


def install(prefix, jar):
    subprocess.run(["java", "-jar", str(jar), "install", "--prefix", str(prefix), "--name", KERNEL_NAME],
                   check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")


def results(out):
    return out.read_text().split("\n") if out.exists() else []


def last_seconds(out, way):
    lines = [line.split() for line in results(out) if line.startswith(way + " ")]
    return float(lines[-1][1])


class Busy:
    """Processes that each keep one core busy, as a browser or a build would."""

    def __init__(self, n):
        self.procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]

    def close(self):
        for proc in self.procs:
            proc.kill()
            proc.wait()


def chromium_cpu(page):
    procs = [psutil.Process(page.proc.pid), *psutil.Process(page.proc.pid).children(recursive=True)]
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def page_rounds(tmp, env, out, args):
    """Runs the page ways; returns {way: [(seconds, chromium cpu seconds)]}."""
    saved = dict(os.environ)
    os.environ.update(env)
    server = Server(tmp)  # the kernel it starts inherits this environment
    os.environ.clear()
    os.environ.update(saved)
    measured = {"page-live": [], "page-quiet": []}
    try:
        poll("the notebook server", 60, server.answers)
        nb = nbformat.v4.new_notebook()
        nb.metadata.kernelspec = {"name": KERNEL_NAME, "display_name": "jdlab", "language": "java"}
        nb.cells = [nbformat.v4.new_code_cell(SETUP.format(mnist=MNIST, examples=args.examples, out=out)),
                    nbformat.v4.new_code_cell('benchEpoch(true, "page-live");'),
                    nbformat.v4.new_code_cell('benchEpoch(false, "page-quiet");')]
        nbformat.write(nb, server.root / "bench.ipynb")
        page = DevTools(tmp)
        try:
            return browse(page, server, out, args, measured)
        except BaseException:
            print(server.log.read_text()[-3000:], file=sys.stderr)
            raise
        finally:
            page.close()
    finally:
        server.stop()


def browse(page, server, out, args, measured):
    """Opens the notebook, runs its setup, then the rounds: the live run, then the quiet one."""
    page.call("Page.navigate", url=f"{server.url}/notebooks/bench.ipynb?token={server.token}")
    poll("the kernel to connect", 120, lambda: page.evaluate_while_loading(
        "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel"
        " && Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel.info_reply.implementation)"))
    run_cell(page, 0)
    busy = Busy(args.busy)
    try:
        for _ in range(args.rounds):
            for index, way in ((1, "page-live"), (2, "page-quiet")):
                cpu = chromium_cpu(page)
                run_cell(page, index)
                measured[way].append((last_seconds(out, way), chromium_cpu(page) - cpu))
    finally:
        busy.close()
    return measured


def run_cell(page, index):
    page.evaluate(f"Jupyter.notebook.execute_cells([{index}])")
    time.sleep(0.3)
    poll(f"cell {index}", 600, lambda: page.evaluate("document.querySelectorAll('.code_cell.running').length === 0"),
         interval=0.2)
    errors = page.evaluate(f"[...Jupyter.notebook.get_cell({index}).element[0]"
                           ".querySelectorAll('.output_error')].map(e => e.textContent)")
    assert not errors, errors


def client_rounds(env, out, args):
    from jupyter_client.manager import start_new_kernel
    saved = dict(os.environ)
    os.environ.update(env)
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=120)
    os.environ.clear()
    os.environ.update(saved)
    measured = {"client": []}
    try:
        run = execute(kc, SETUP.format(mnist=MNIST, examples=args.examples, out=out), timeout=600)
        assert run.status == "ok", run.error
        busy = Busy(args.busy)
        try:
            for _ in range(args.rounds):
                run = execute(kc, 'benchEpoch(true, "client");', timeout=600)
                assert run.status == "ok", run.error
                measured["client"].append((last_seconds(out, "client"), 0.0))
        finally:
            busy.close()
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return measured


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--examples", type=int, default=6000)
    parser.add_argument("--busy", type=int, default=0, help="processes spinning on a core each, during the rounds")
    parser.add_argument("--env", action="append", help='the kernel\'s environment, e.g. "OMP_NUM_THREADS=1"')
    parser.add_argument("--jar", type=pathlib.Path, default=JAR, help="the kernel to install (another build, to compare)")
    args = parser.parse_args()
    assert args.jar.exists(), f"build first: {args.jar} is missing (mvn -B -ntp -q package -DskipTests)"
    envs = args.env or [""]
    with tempfile.TemporaryDirectory(prefix="jdlab-live-bench-") as scratch:
        scratch = pathlib.Path(scratch)
        install(scratch / "prefix", args.jar)
        print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, {args.examples} examples, batch 64,"
              f" {args.rounds} rounds, {args.busy} busy process(es)")
        for i, spec in enumerate(envs):
            env = dict(item.split("=", 1) for item in shlex.split(spec))
            out = scratch / f"seconds-{i}.txt"
            measured = {}
            # page first, then client, then page again: the two halves of the rounds alternate
            half = argparse.Namespace(**{**vars(args), "rounds": max(1, args.rounds // 2)})
            rest = argparse.Namespace(**{**vars(args), "rounds": args.rounds - half.rounds})
            for rounds, page_first in ((half, True), (rest, False)):
                if rounds.rounds == 0:
                    continue
                order = [lambda r=rounds: page_rounds(scratch / f"page-{i}-{page_first}", env, out, r),
                         lambda r=rounds: client_rounds(env, out, r)]
                for step in (order if page_first else order[::-1]):
                    for way, values in step().items():
                        measured.setdefault(way, []).extend(values)
            base = statistics.median(s for s, _ in measured["client"])
            print(f"env [{spec or 'kernelspec defaults'}]")
            for way in ("client", "page-live", "page-quiet"):
                seconds = [s for s, _ in measured[way]]
                cpu = [c for _, c in measured[way]]
                print(f"  {way:<11} median {statistics.median(seconds):6.3f} s  speed {base / statistics.median(seconds):5.2f}"
                      f"x the client's  runs {' '.join(f'{s:.3f}' for s in seconds)}"
                      + (f"  chromium cpu/epoch {statistics.median(cpu):.2f} s" if way != "client" else ""))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
