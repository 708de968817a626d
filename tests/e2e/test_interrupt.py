"""Interrupting a running cell, by interrupt_request (the kernelspec's interrupt_mode is message) and
by SIGINT: the cell stops at once, its thread stops burning CPU, and the session stays."""
import os
import signal
import socket
import subprocess
import time

import psutil
import pytest
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME, collect, execute, stop_kernel
from test_train import define_digits

RUNAWAY_CELLS = {
    "busy-loop": "while (true) {}",
    "sleep": "Thread.sleep(60000);",
    "stdin-read": "System.in.read();",
    "jdk-calls-in-a-loop": "while (true) { java.math.BigInteger.ONE.shiftLeft(100000).bitCount(); }",
    "worker-thread": "Thread spinner = new Thread(() -> { while (true) {} });\nspinner.start();\nspinner.join();",
    "catch-throwable": "while (true) { try { while (true) {} } catch (Throwable ignored) {} }",
    "recursion": "long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nfib(90)",
}
SPINNER_SOURCE = """package spin;
public final class Spinner {
    public static long forever() {
        long turns = 0;
        while (turns >= 0) { turns++; }
        return turns;
    }
}
"""


def interrupt_by_message(km):
    km.interrupt_kernel()


def interrupt_by_sigint(km):
    os.kill(km.provisioner.process.pid, signal.SIGINT)


def cpu_seconds(process):
    times = process.cpu_times()
    return times.user + times.system


def wait_until_quiet(process, timeout=20):
    """Waits out the JIT compilation that follows the JVM's start, so that CPU use means the cell."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_seconds(process)
        time.sleep(0.5)
        if cpu_seconds(process) - before < 0.05:
            return
    raise AssertionError(f"the idle kernel kept using CPU for {timeout} s")


def start_runaway(kc, code):
    """Sends the cell and returns once it is surely running (or waiting for input)."""
    msg_id = kc.execute(code, allow_stdin=True)
    if "System.in" in code:
        assert kc.get_stdin_msg(timeout=30)["msg_type"] == "input_request"
    else:
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
    time.sleep(1)
    return msg_id


@pytest.mark.parametrize("interrupt", [interrupt_by_message, interrupt_by_sigint], ids=["message", "sigint"])
@pytest.mark.parametrize("code", RUNAWAY_CELLS.values(), ids=RUNAWAY_CELLS.keys())
def test_an_interrupt_stops_the_cell_within_a_second_and_its_thread_goes_quiet(fresh_kernel, code, interrupt):
    assert_interrupt_stops(*fresh_kernel, code, interrupt)


@pytest.fixture()
def kernel_started_with_sigint_ignored():
    """A kernel started by a Jupyter that ignores SIGINT, as one run in the background of a script
    (`jupyter lab &`) does: the kernel inherits the ignored SIGINT."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    jupyters_sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        km.start_kernel()
    finally:
        signal.signal(signal.SIGINT, jupyters_sigint)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    yield km, kc
    stop_kernel(km, kc)


def test_sigint_stops_a_cell_of_a_kernel_whose_jupyter_ignores_sigint(kernel_started_with_sigint_ignored):
    assert_interrupt_stops(*kernel_started_with_sigint_ignored, RUNAWAY_CELLS["sleep"], interrupt_by_sigint)


def test_an_interrupt_stops_a_loop_inside_a_jar_the_user_added(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    source = tmp_path / "src" / "spin" / "Spinner.java"
    source.parent.mkdir(parents=True)
    source.write_text(SPINNER_SOURCE)
    subprocess.run(["javac", "--release", "17", "-d", str(tmp_path / "classes"), str(source)], check=True)
    subprocess.run(["jar", "cf", str(tmp_path / "spin.jar"), "-C", str(tmp_path / "classes"), "."], check=True)
    assert execute(kc, f"%classpath {tmp_path}/spin.jar").status == "ok"
    assert_interrupt_stops(km, kc, "spin.Spinner.forever()", interrupt_by_message)


def test_an_interrupt_ends_a_read_blocked_on_a_socket_the_cell_opened(fresh_kernel):
    km, kc = fresh_kernel
    with socket.create_server(("127.0.0.1", 0)) as server:  # accepts, and never writes
        port = server.getsockname()[1]
        code = f'var connection = new java.net.Socket("127.0.0.1", {port});\nconnection.getInputStream().read()'
        assert_interrupt_stops(km, kc, code, interrupt_by_message)


def assert_interrupt_stops(km, kc, code, interrupt):
    """Runs code that would run for ever, interrupts it, and checks the kernel is back, quiet and whole."""
    kernel_process = psutil.Process(km.provisioner.process.pid)
    execute(kc, "int keptAcrossInterrupt = 7;")
    wait_until_quiet(kernel_process)
    msg_id = start_runaway(kc, code)

    asked = time.monotonic()
    interrupt(km)
    run = collect(kc, msg_id, timeout=30)
    latency = time.monotonic() - asked
    time.sleep(0.5)  # the JIT's work on the code the interrupt left is a short burst
    before = cpu_seconds(kernel_process)
    time.sleep(2)
    burnt = cpu_seconds(kernel_process) - before

    assert latency < 1, f"the reply came {latency:.2f} s after the interrupt"
    assert run.status == "error"
    assert "interrupted" in run.error["evalue"]
    assert "stops when that call returns" not in run.error["evalue"], "the cell's thread was left running"
    assert burnt < 0.5, f"the kernel used {burnt:.2f} s of CPU in 2 s after the interrupt: a thread runs on"
    assert execute(kc, "keptAcrossInterrupt").result == "7"


def test_the_java_lines_below_an_interrupted_train_line_do_not_run(fresh_kernel):
    km, kc = fresh_kernel
    define_digits(kc)
    execute(kc, "var net = mlp(64);\nboolean ranOn = false;")
    msg_id = kc.execute("%train net --data train --epochs 100000 --batch 8 --lr 0.01 --seed 1\nranOn = true;")
    time.sleep(6)
    interrupt_by_message(km)
    run = collect(kc, msg_id, timeout=60)

    assert run.status == "error"
    assert "interrupted" in run.error["evalue"]
    assert execute(kc, "ranOn").result == "false"


@pytest.mark.parametrize("interrupt", [interrupt_by_message, interrupt_by_sigint], ids=["message", "sigint"])
def test_an_interrupt_while_idle_changes_nothing(fresh_kernel, interrupt):
    km, kc = fresh_kernel
    execute(kc, "int idleValue = 5;")
    interrupt(km)
    time.sleep(0.5)
    run = execute(kc, "Thread.sleep(200);\nidleValue + 1")
    assert run.status == "ok"
    assert run.result == "6"


def test_a_cell_after_an_interrupted_one_runs_to_the_end(fresh_kernel):
    km, kc = fresh_kernel
    msg_id = start_runaway(kc, RUNAWAY_CELLS["busy-loop"])
    interrupt_by_message(km)
    collect(kc, msg_id, timeout=30)
    run = execute(kc, "Thread.sleep(300);\nint sum = 0;\nfor (int i = 1; i <= 10; i++) sum += i;\nsum")
    assert run.status == "ok"
    assert run.result == "55"


def test_an_interrupt_stops_only_the_running_cell_not_threads_earlier_cells_left_running(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, "var ticks = new java.util.concurrent.atomic.AtomicInteger();\n"
                "Thread ticker = new Thread(() -> {\n"
                "    while (true) {\n"
                "        ticks.incrementAndGet();\n"
                "        try { Thread.sleep(20); } catch (InterruptedException e) { return; }\n"
                "    }\n"
                "});\n"
                "ticker.setDaemon(true);\n"
                "ticker.start();")
    msg_id = start_runaway(kc, RUNAWAY_CELLS["sleep"])
    interrupt_by_message(km)
    assert collect(kc, msg_id, timeout=30).status == "error"
    before = int(execute(kc, "ticks.get()").result)
    time.sleep(0.5)
    assert execute(kc, "ticker.isAlive()").result == "true"
    assert int(execute(kc, "ticks.get()").result) > before
