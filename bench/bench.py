#!/usr/bin/python3
"""Measures jdlab against Debian's ipykernel, side by side, through Debian's jupyter_client.

Both kernels are started from their kernelspecs the way Jupyter starts them; jdlab's is installed
from the built jar into a scratch prefix. Cold-start runs alternate between the two kernels so that
drift in machine load falls on both. Prints a table and writes it, with the machine and versions,
as markdown.

    /usr/bin/python3 bench/bench.py [--runs 5] [--warm 200] [--out bench/RESULTS.md]
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import queue
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import ipykernel
import jupyter_client
import psutil
import zmq.asyncio
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = pathlib.Path(__file__).resolve().parents[1]
JDLAB_NAME = "jdlab-bench"
TIMEOUT = 120
# ZeroMQ retries a refused connect every 100 ms by default, which would round every cold start up
# to the next retry; 5 ms keeps the clock on the kernel.
CONTEXT = zmq.asyncio.Context()
CONTEXT.setsockopt(zmq.RECONNECT_IVL, 5)


class Flavour:
    """What differs between the kernels: their names and the code each runs."""

    def __init__(self, label, kernel_name, statement, expression, expected, complete, is_complete):
        self.label = label
        self.kernel_name = kernel_name
        self.statement = statement
        self.expression = expression
        self.expected = expected
        self.complete = complete
        self.is_complete = is_complete


JDLAB = Flavour("jdlab", JDLAB_NAME, "int x = 1;", "1 + 1", "2", "Sys", "for (int i = 0; i < 3; i++) {")
IPYKERNEL = Flavour("ipykernel", "python3", "x = 1", "1 + 1", "2", "pri", "for i in range(3):")


def now():
    return time.perf_counter()


def wait_reply(kc, msg_id, deadline):
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run_cell(kc, code):
    """Executes code; returns (seconds until both the reply and IOPub's idle came, text/plain result)."""
    start = now()
    msg_id = kc.execute(code)
    deadline = time.monotonic() + TIMEOUT
    result, idle, reply = None, False, None
    while not idle:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"]["text/plain"]
        idle = msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"
    reply = wait_reply(kc, msg_id, deadline)
    elapsed = now() - start
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"{code!r} failed: {reply['content']}")
    return elapsed, result


def timed_request(kc, send):
    start = now()
    msg_id = send()
    reply = wait_reply(kc, msg_id, time.monotonic() + TIMEOUT)
    return now() - start, reply["content"]


class Running:
    """One kernel started through its kernelspec, with a blocking client."""

    def __init__(self, flavour, env, log):
        self.flavour = flavour
        self.km = KernelManager(kernel_name=flavour.kernel_name)
        start = now()
        self.km.start_kernel(env=env, stdout=log, stderr=log)
        self.kc = self.km.client(context=CONTEXT)
        self.kc.start_channels()
        # The first kernel_info is queued by ZeroMQ until the kernel has bound its sockets.
        reply = self.kc.kernel_info(reply=True, timeout=TIMEOUT)
        self.cold_start = now() - start
        assert reply["content"]["status"] == "ok", reply
        # jupyter_client's blocking client may miss IOPub's first messages until the subscription lands.
        self._settle_iopub()

    def _settle_iopub(self):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg_id = self.kc.kernel_info()
            try:
                while True:
                    msg = self.kc.get_iopub_msg(timeout=0.05)
                    if msg["parent_header"].get("msg_id") == msg_id:
                        wait_reply(self.kc, msg_id, deadline)
                        self._drain()
                        return
            except queue.Empty:
                wait_reply(self.kc, msg_id, deadline)
        raise RuntimeError("IOPub never delivered a message")

    def _drain(self):
        for get in (self.kc.get_iopub_msg, self.kc.get_shell_msg):
            try:
                while True:
                    get(timeout=0.2)
            except queue.Empty:
                pass

    def rss(self):
        proc = psutil.Process(self.km.provisioner.process.pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])

    def shutdown(self):
        """Seconds from the shutdown request to the kernel process's exit."""
        process = self.km.provisioner.process
        start = now()
        self.kc.shutdown()
        process.wait(timeout=TIMEOUT)
        elapsed = now() - start
        self.kc.stop_channels()
        self.km.cleanup_resources()
        return elapsed


def median(values):
    return statistics.median(values)


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def cold_run(flavour, env, log):
    kernel = Running(flavour, env, log)
    first, result = run_cell(kernel.kc, flavour.expression)
    if result != flavour.expected:
        raise RuntimeError(f"{flavour.label}: {flavour.expression!r} gave {result!r}")
    return {"cold": kernel.cold_start, "first": first, "shutdown": kernel.shutdown()}


def warm_run(flavour, env, log, n):
    kernel = Running(flavour, env, log)
    kc = kernel.kc
    for _ in range(max(20, n // 10)):
        run_cell(kc, flavour.statement)
        run_cell(kc, flavour.expression)
    statement = [run_cell(kc, flavour.statement)[0] for _ in range(n)]
    expression = []
    for _ in range(n):
        elapsed, result = run_cell(kc, flavour.expression)
        assert result == flavour.expected, result
        expression.append(elapsed)
    code = flavour.complete
    complete = [timed_request(kc, lambda: kc.complete(code, len(code)))[0] for _ in range(max(10, n // 4))]
    is_complete = []
    for _ in range(max(10, n // 4)):
        elapsed, content = timed_request(kc, lambda: kc.is_complete(flavour.is_complete))
        assert content["status"] == "incomplete", content
        is_complete.append(elapsed)
    rss = kernel.rss()
    kernel.shutdown()
    return {"statement": statement, "expression": expression, "complete": complete,
            "is_complete": is_complete, "rss": rss}


def install_jdlab(jar, prefix):
    subprocess.run(["java", "-jar", str(jar), "install", "--prefix", str(prefix), "--name", JDLAB_NAME],
                   check=True, capture_output=True)
    return prefix / "share" / "jupyter"


def java_version(spec_argv):
    out = subprocess.run([spec_argv[0], "-version"], capture_output=True, text=True).stderr.strip()
    return out.splitlines()[1] if len(out.splitlines()) > 1 else out


def cpu_model():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def rows(cold, warm):
    ms = lambda v: f"{v * 1000:.1f} ms"
    mib = lambda v: f"{v / 2**20:.0f} MiB"
    table = []

    def add(metric, fmt, j, p):
        table.append((metric, fmt(j), fmt(p), f"{j / p:.2f}"))

    for key, name in [("cold", "cold start: spawn to first kernel_info_reply (median)"),
                      ("first", "first execute after ready (median)"),
                      ("to_result", "cold start to first result (median)")]:
        add(name + f", {len(cold['jdlab']['cold'])} runs", ms, median(cold["jdlab"][key]), median(cold["ipykernel"][key]))
    n = len(warm["jdlab"]["statement"])
    for key, label in [("statement", "statement"), ("expression", "expression `1 + 1`")]:
        add(f"warm execute, {label}: median of {n}", ms, median(warm["jdlab"][key]), median(warm["ipykernel"][key]))
        add(f"warm execute, {label}: p95 of {n}", ms, p95(warm["jdlab"][key]), p95(warm["ipykernel"][key]))
    add(f"complete_request (median of {len(warm['jdlab']['complete'])})", ms,
        median(warm["jdlab"]["complete"]), median(warm["ipykernel"]["complete"]))
    add(f"is_complete_request (median of {len(warm['jdlab']['is_complete'])})", ms,
        median(warm["jdlab"]["is_complete"]), median(warm["ipykernel"]["is_complete"]))
    add("RSS after warm-up (kernel and its children)", mib, warm["jdlab"]["rss"], warm["ipykernel"]["rss"])
    add("shutdown: request to process exit (median)", ms,
        median(cold["jdlab"]["shutdown"]), median(cold["ipykernel"]["shutdown"]))
    return table


def render(table, markdown):
    header = ("metric", "jdlab", "ipykernel", "ratio (jdlab/ipykernel)")
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 3 + "---:|"]
        lines += ["| " + " | ".join(r) + " |" for r in table]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(4)]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(header), "  ".join("-" * w for w in widths), *map(fmt, table)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts per kernel (default 5)")
    parser.add_argument("--warm", type=int, default=200, help="timed warm executes of each kind (default 200)")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md",
                        help="where to write the markdown table (default bench/RESULTS.md)")
    parser.add_argument("--jar", type=pathlib.Path, default=ROOT / "install" / "target" / "jdlab.jar",
                        help="the built jar (default install/target/jdlab.jar)")
    args = parser.parse_args()
    if not args.jar.exists():
        sys.exit(f"{args.jar} is missing; build first: mvn -B package -DskipTests")

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="jdlab-bench-"))
    data = install_jdlab(args.jar, scratch / "prefix")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data), os.environ.get("JUPYTER_PATH")]))
    # Kernels keep their history in scratch, not in the user's home.
    env = dict(os.environ, OMP_NUM_THREADS="1", JDLAB_HISTORY=str(scratch / "jdlab-history.jsonl"),
               IPYTHONDIR=str(scratch / "ipython"))
    specs = {f.label: KernelSpecManager().get_kernel_spec(f.kernel_name) for f in (JDLAB, IPYKERNEL)}
    load_before = os.getloadavg()

    try:
        cold, warm = measure(args, env, scratch)
    except BaseException:
        print(f"failed; the kernels' output is in {scratch / 'kernels.log'}", file=sys.stderr)
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    write_report(args, cold, warm, specs, load_before)


def measure(args, env, scratch):
    with open(scratch / "kernels.log", "wb") as log:
        cold = {"jdlab": {"cold": [], "first": [], "shutdown": [], "to_result": []},
                "ipykernel": {"cold": [], "first": [], "shutdown": [], "to_result": []}}
        for i in range(args.runs):
            for flavour in (JDLAB, IPYKERNEL) if i % 2 == 0 else (IPYKERNEL, JDLAB):
                run = cold_run(flavour, env, log)
                run["to_result"] = run["cold"] + run["first"]
                for key, value in run.items():
                    cold[flavour.label][key].append(value)
                print(f"cold run {i + 1}/{args.runs} {flavour.label}: start {run['cold'] * 1000:.0f} ms, "
                      f"first execute {run['first'] * 1000:.0f} ms, shutdown {run['shutdown'] * 1000:.0f} ms",
                      file=sys.stderr)
        warm = {}
        for flavour in (JDLAB, IPYKERNEL):
            print(f"warm run {flavour.label} ...", file=sys.stderr)
            warm[flavour.label] = warm_run(flavour, env, log, args.warm)
    return cold, warm


def write_report(args, cold, warm, specs, load_before):
    table = rows(cold, warm)
    print(render(table, markdown=False))
    load_after = os.getloadavg()
    command = " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])
    report = [
        "# jdlab vs ipykernel",
        "",
        render(table, markdown=True),
        "",
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {os.cpu_count()} CPUs ({psutil.cpu_count(logical=False)} physical), {cpu_model()}, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, {platform.platform()}",
        f"- load average (1, 5, 15 min): before {'/'.join(f'{x:.2f}' for x in load_before)}, "
        f"after {'/'.join(f'{x:.2f}' for x in load_after)}",
        f"- JDK: {java_version(specs['jdlab'].argv)}",
        f"- Python {platform.python_version()}, ipykernel {ipykernel.__version__}, "
        f"jupyter_client {jupyter_client.__version__}",
        f"- jdlab kernel: `{' '.join(specs['jdlab'].argv)}`",
        f"- ipykernel kernel: `{' '.join(specs['ipykernel'].argv)}`",
        "- kernel environment: OMP_NUM_THREADS=1",
        f"- command: `{command}`",
        "",
        "Times are client-side round trips through jupyter_client: an execute counts until both its",
        "execute_reply and IOPub's idle status have arrived. Cold starts alternate between the kernels;",
        "the client retries connecting every 5 ms (ZeroMQ's default is 100 ms) so that start times are",
        "not rounded up to the next retry. jdlab answers kernel_info before JShell has warmed up, so its",
        "first execute waits for the warm-up; 'cold start to first result' is the sum a user feels.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(report))
    print(f"\nwrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
