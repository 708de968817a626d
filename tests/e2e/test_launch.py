"""%%launch and %spark through the installed kernelspec: a cell run on 2 workers of Spark embedded in
the kernel, with the classes, methods and variables of earlier cells; a failing rank, an interrupt and
a timeout each cancel every worker and leave no rank thread and no listening port behind."""
import pathlib
import time

import pytest

from conftest import collect, execute, start_kernel, stop_kernel

# Threads still running a rank: the body's class, the task that runs it, or the collective.
RANK_THREADS = ('Thread.getAllStackTraces().values().stream().filter(trace -> java.util.Arrays.stream(trace)'
                '.anyMatch(f -> f.getClassName().contains("LaunchBody") || f.getClassName().startsWith("jdlab.launch.")'
                ' || f.getClassName().startsWith("jdlab.train.distributed."))).count()')
SUM_CELL = """%%launch --workers 2
float[] v = base.clone();
for (int i = 0; i < v.length; i++) v[i] = v[i] * scale.by() * (rank + 1) + square(rank);
allReduce(v, SUM);
out.println(rank + "/" + worldSize + " " + java.util.Arrays.toString(v));"""


@pytest.fixture(scope="module")
def launched():
    """A kernel that has run one launch (so Spark's own ports are open), with its listening ports then."""
    km, kc = start_kernel()
    for cell in ['float[] base = {1, 2, 3};', 'int square(int x) { return x * x; }',
                 'record Scale(float by) implements java.io.Serializable { }', 'Scale scale = new Scale(2);']:
        assert execute(kc, cell).status == "ok"
    first = execute(kc, SUM_CELL, timeout=120)
    pid = int(execute(kc, "ProcessHandle.current().pid()").result)
    yield km, kc, first, pid, listening_ports(pid)
    stop_kernel(km, kc)


def listening_ports(pid):
    """The TCP ports the process listens on: its socket inodes matched against /proc/net/tcp{,6}."""
    inodes = set()
    for fd in pathlib.Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().as_posix()
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in pathlib.Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def assert_nothing_left(kc, pid, ports_before):
    """Within 10 s: no thread runs a rank, and the kernel listens on the ports it did before."""
    deadline = time.monotonic() + 10
    while True:
        threads = execute(kc, RANK_THREADS).result
        ports = listening_ports(pid)
        if threads == "0" and ports == ports_before or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert threads == "0"
    assert ports == ports_before, f"left listening: {sorted(ports - ports_before)}"


def test_two_workers_sum_exactly_with_a_class_a_method_and_a_variable_of_earlier_cells(launched):
    _, _, first, _, _ = launched
    assert first.status == "ok", first.error
    assert "[rank 0] 0/2 [7.0, 13.0, 19.0]\n" in first.stdout
    assert "[rank 1] 1/2 [7.0, 13.0, 19.0]\n" in first.stdout
    shown = [m["content"]["data"]["text/plain"] for m in first.of_type("display_data") + first.of_type("update_display_data")]
    assert shown[0].startswith("Starting Spark (local[")
    assert shown[-1].startswith("Spark local[") and " started in " in shown[-1]


def test_spark_shows_the_embedded_session(launched):
    _, kc, _, _, _ = launched
    run = execute(kc, "%spark")
    assert run.status == "ok"
    assert run.result.startswith("master: local[")
    assert "ui: off" in run.result


def test_output_rank0_shows_rank_zero_only(launched):
    _, kc, _, _, _ = launched
    run = execute(kc, '%%launch --workers 2 --output rank0\nout.println("hello");', timeout=60)
    assert run.status == "ok", run.error
    assert run.stdout == "[rank 0] hello\n"


PACED_BODY = 'out.println("before");\nThread.sleep(3000);\nout.println("after");'


def assert_printed_as_they_went(run):
    """Each rank's "after" line reached the notebook seconds after its "before" line, not with it."""
    assert run.status == "ok", run.error
    sent = {}
    for msg in run.of_type("stream"):
        for line in msg["content"]["text"].splitlines():
            sent.setdefault(line, msg["header"]["date"])
    for rank in (0, 1):
        assert (sent[f"[rank {rank}] after"] - sent[f"[rank {rank}] before"]).total_seconds() > 2, sent


def test_embedded_ranks_print_as_they_go_not_when_they_end(launched):
    _, kc, _, _, _ = launched
    assert_printed_as_they_went(execute(kc, "%%launch --workers 2\n" + PACED_BODY, timeout=60))


def test_a_variable_that_cannot_be_shipped_is_one_line_naming_it(launched):
    _, kc, _, _, _ = launched
    assert execute(kc, "Object lock = new Object();").status == "ok"
    run = execute(kc, "%%launch --workers 2\nout.println(lock);")
    assert run.error["ename"] == "UsageError"
    assert run.error["evalue"].startswith("%%launch: variable `lock` cannot be shipped to the workers")


def test_a_failing_rank_cancels_the_stage_and_is_named_first(launched):
    _, kc, _, pid, ports = launched
    run = execute(kc, '%%launch --workers 2\nif (rank == 1) throw new IllegalStateException("boom");\nbarrier();',
                  timeout=60)
    assert run.error["evalue"] == "%%launch: rank 1 failed: java.lang.IllegalStateException: boom"
    assert run.stderr.startswith("rank 1 failed: java.lang.IllegalStateException: boom\n")
    assert_nothing_left(kc, pid, ports)


def test_a_timeout_cancels_every_worker(launched):
    _, kc, _, pid, ports = launched
    started = time.monotonic()
    run = execute(kc, "%%launch --workers 2 --timeout 3s\nThread.sleep(120_000);", timeout=60)
    assert run.error["evalue"] == "%%launch: timed out after 3s; every worker was cancelled"
    assert time.monotonic() - started < 30
    assert_nothing_left(kc, pid, ports)


def test_an_interrupt_cancels_every_worker(launched):
    km, kc, _, pid, ports = launched
    msg_id = kc.execute("%%launch --workers 2\nwhile (true) { barrier(); Thread.sleep(100); }")
    time.sleep(4)  # the ranks have connected and loop
    km.interrupt_kernel()
    run = collect(kc, msg_id, timeout=30)
    assert run.error["evalue"] == "%%launch: interrupted; every worker was cancelled"
    assert_nothing_left(kc, pid, ports)
    after = execute(kc, '%%launch --workers 2\nout.println("again");', timeout=60)
    assert after.status == "ok" and "[rank 1] again\n" in after.stdout


def test_every_launch_magic_answers_help(launched):
    _, kc, _, _, _ = launched
    for magic, option in [("%%launch --help\n", "--workers"), ("%spark --help", "--conf")]:
        run = execute(kc, magic)
        assert run.status == "ok"
        assert option in run.stdout + str(run.result)


def test_a_wrong_argument_is_one_line(launched):
    _, kc, _, _, _ = launched
    run = execute(kc, "%%launch --output some\nout.println(1);")
    assert run.error["evalue"].startswith("%%launch: --output is all, rank0 or none, not some")
