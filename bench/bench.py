#!/usr/bin/python3
"""Measures jdlab on each Java against Debian's ipykernel, side by side, through Debian's jupyter_client.

The kernels are started from their kernelspecs the way Jupyter starts them; jdlab is installed
from the built jar into a scratch prefix once per Java (`--java`, JDK 17 and 25 by default), each
install recording its own start-up archive. Cold-start runs rotate through the kernels so that
drift in machine load falls on all. Prints a table and writes it, with the machine and versions,
as markdown.

    /usr/bin/python3 bench/bench.py [--runs 5] [--warm 200] [--java PATH ...] [--out bench/RESULTS.md]
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
JAVAS = ["/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"]
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


def jdlab_flavour(feature):
    return Flavour(f"jdlab, JDK {feature}", f"{JDLAB_NAME}-{feature}", "int x = 1;", "1 + 1", "2", "Sys",
                   "for (int i = 0; i < 3; i++) {")


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


def install_jdlab(jar, prefix, java, name):
    """Installs the jar as kernelspec `name`, run by `java`, which the installer records for the kernel."""
    subprocess.run([java, "-jar", str(jar), "install", "--prefix", str(prefix), "--name", name],
                   check=True, capture_output=True)
    return prefix / "share" / "jupyter"


def java_feature(java):
    settings = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    return int(next(line.split("=")[1] for line in settings.splitlines() if "java.specification.version" in line))


def java_version(spec_argv):
    out = subprocess.run([spec_argv[0], "-version"], capture_output=True, text=True).stderr.strip()
    return out.splitlines()[1] if len(out.splitlines()) > 1 else out


def cpu_model():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def rows(labels, cold, warm):
    """One row per metric: each kernel's figure, then each jdlab's ratio to ipykernel."""
    ms = lambda v: f"{v * 1000:.1f} ms"
    mib = lambda v: f"{v / 2**20:.0f} MiB"
    table = []

    def add(metric, fmt, figure):
        values = {label: figure(label) for label in labels}
        base = values[IPYKERNEL.label]
        table.append((metric, *(fmt(values[label]) for label in labels),
                      *(f"{values[label] / base:.2f}" for label in labels if label != IPYKERNEL.label)))

    runs = len(cold[IPYKERNEL.label]["cold"])
    for key, name in [("cold", "cold start: spawn to first kernel_info_reply (median)"),
                      ("first", "first execute after ready (median)"),
                      ("to_result", "cold start to first result (median)")]:
        add(name + f", {runs} runs", ms, lambda label: median(cold[label][key]))
    n = len(warm[IPYKERNEL.label]["statement"])
    for key, what in [("statement", "statement"), ("expression", "expression `1 + 1`")]:
        add(f"warm execute, {what}: median of {n}", ms, lambda label: median(warm[label][key]))
        add(f"warm execute, {what}: p95 of {n}", ms, lambda label: p95(warm[label][key]))
    add(f"complete_request (median of {len(warm[IPYKERNEL.label]['complete'])})", ms,
        lambda label: median(warm[label]["complete"]))
    add(f"is_complete_request (median of {len(warm[IPYKERNEL.label]['is_complete'])})", ms,
        lambda label: median(warm[label]["is_complete"]))
    add("RSS after warm-up (kernel and its children)", mib, lambda label: warm[label]["rss"])
    add("shutdown: request to process exit (median)", ms, lambda label: median(cold[label]["shutdown"]))
    return table


def render(labels, table, markdown):
    header = ("metric", *labels, *(f"ratio ({label} / ipykernel)" for label in labels if label != IPYKERNEL.label))
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
        lines += ["| " + " | ".join(r) + " |" for r in table]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([fmt(header), "  ".join("-" * w for w in widths), *map(fmt, table)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts per kernel (default 5)")
    parser.add_argument("--warm", type=int, default=200, help="timed warm executes of each kind (default 200)")
    parser.add_argument("--java", action="append", type=pathlib.Path,
                        help="a java executable to install jdlab with, repeatable (default: JDK 17 and 25, "
                             + ", ".join(JAVAS) + ")")
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "RESULTS.md",
                        help="where to write the markdown table (default bench/RESULTS.md)")
    parser.add_argument("--jar", type=pathlib.Path, default=ROOT / "install" / "target" / "jdlab.jar",
                        help="the built jar (default install/target/jdlab.jar)")
    args = parser.parse_args()
    if not args.jar.exists():
        sys.exit(f"{args.jar} is missing; build first: mvn -B package -DskipTests")
    javas = [str(java) for java in args.java or JAVAS]
    missing = [java for java in javas if not os.access(java, os.X_OK)]
    if missing:
        sys.exit(f"no java at {', '.join(missing)}; name the Javas to compare with --java PATH")

    scratch = pathlib.Path(tempfile.mkdtemp(prefix="jdlab-bench-"))
    flavours = []
    for java in javas:
        flavour = jdlab_flavour(java_feature(java))
        data = install_jdlab(args.jar, scratch / "prefix", java, flavour.kernel_name)
        flavours.append(flavour)
    flavours.append(IPYKERNEL)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(data), os.environ.get("JUPYTER_PATH")]))
    # Kernels keep their history in scratch, not in the user's home.
    env = dict(os.environ, OMP_NUM_THREADS="1", JDLAB_HISTORY=str(scratch / "jdlab-history.jsonl"),
               IPYTHONDIR=str(scratch / "ipython"))
    specs = {f.label: KernelSpecManager().get_kernel_spec(f.kernel_name) for f in flavours}
    load_before = os.getloadavg()

    try:
        cold, warm = measure(args, flavours, env, scratch)
    except BaseException:
        print(f"failed; the kernels' output is in {scratch / 'kernels.log'}", file=sys.stderr)
        raise
    shutil.rmtree(scratch, ignore_errors=True)
    write_report(args, [f.label for f in flavours], cold, warm, specs, load_before)


def measure(args, flavours, env, scratch):
    with open(scratch / "kernels.log", "wb") as log:
        cold = {f.label: {"cold": [], "first": [], "shutdown": [], "to_result": []} for f in flavours}
        for i in range(args.runs):
            # each run starts with the next kernel, so that none is always first after a pause
            for flavour in flavours[i % len(flavours):] + flavours[:i % len(flavours)]:
                run = cold_run(flavour, env, log)
                run["to_result"] = run["cold"] + run["first"]
                for key, value in run.items():
                    cold[flavour.label][key].append(value)
                print(f"cold run {i + 1}/{args.runs} {flavour.label}: start {run['cold'] * 1000:.0f} ms, "
                      f"first execute {run['first'] * 1000:.0f} ms, shutdown {run['shutdown'] * 1000:.0f} ms",
                      file=sys.stderr)
        warm = {}
        for flavour in flavours:
            print(f"warm run {flavour.label} ...", file=sys.stderr)
            warm[flavour.label] = warm_run(flavour, env, log, args.warm)
    return cold, warm


def write_report(args, labels, cold, warm, specs, load_before):
    table = rows(labels, cold, warm)
    print(render(labels, table, markdown=False))
    load_after = os.getloadavg()
    command = " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv])
    jdlabs = [label for label in labels if label != IPYKERNEL.label]
    report = [
        "# jdlab vs ipykernel",
        "",
        render(labels, table, markdown=True),
        "",
        f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"- machine: {os.cpu_count()} CPUs ({psutil.cpu_count(logical=False)} physical), {cpu_model()}, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB RAM, {platform.platform()}",
        f"- load average (1, 5, 15 min): before {'/'.join(f'{x:.2f}' for x in load_before)}, "
        f"after {'/'.join(f'{x:.2f}' for x in load_after)}",
        *(f"- {label}: {java_version(specs[label].argv)}" for label in jdlabs),
        f"- Python {platform.python_version()}, ipykernel {ipykernel.__version__}, "
        f"jupyter_client {jupyter_client.__version__}",
        *(f"- {label} kernel: `{' '.join(specs[label].argv)}`" for label in jdlabs),
        f"- ipykernel kernel: `{' '.join(specs[IPYKERNEL.label].argv)}`",
        "- kernel environment: OMP_NUM_THREADS=1",
        f"- command: `{command}`",
        "",
        "Times are client-side round trips through jupyter_client: an execute counts until both its",
        "execute_reply and IOPub's idle status have arrived. Cold starts rotate through the kernels;",
        "the client retries connecting every 5 ms (ZeroMQ's default is 100 ms) so that start times are",
        "not rounded up to the next retry. jdlab answers kernel_info before JShell has warmed up, so its",
        "first execute waits for the warm-up; 'cold start to first result' is the sum a user feels.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    # Other benches keep their figures in sections (## ...) below this one; a rerun keeps them.
    kept = ""
    if args.out.exists():
        earlier = args.out.read_text()
        kept = earlier[earlier.find("\n## ") + 1:] if "\n## " in earlier else ""
    args.out.write_text("\n".join(report) + ("\n" + kept if kept else ""))
    print(f"\nwrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
