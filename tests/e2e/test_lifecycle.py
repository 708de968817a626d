"""The kernel's life as Jupyter manages it: kernel_info, restart, shutdown, and what it leaves
behind in processes, threads and history."""
import subprocess
import sys
import time
import uuid

import psutil
import pytest

from conftest import KERNEL_NAME, execute, shell_reply, start_kernel, stop_kernel


def request(kc, method, *args, **kwargs):
    msg_id = getattr(kc, method)(*args, **kwargs)
    reply = shell_reply(kc)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"]


def kernel_info(kc):
    msg_id = kc.kernel_info()
    reply = kc.get_shell_msg(timeout=30)
    while reply["parent_header"]["msg_id"] != msg_id:  # late replies to wait_for_ready's requests
        assert reply["msg_type"] == "kernel_info_reply"
        reply = kc.get_shell_msg(timeout=30)
    assert reply["msg_type"] == "kernel_info_reply"
    return reply["content"]


@pytest.fixture()
def managed_kernel():
    """A kernel the test itself may shut down or restart; stopped afterwards only if still running."""
    km, kc = start_kernel()
    yield km, kc
    if km.is_alive():
        stop_kernel(km, kc)
    else:
        kc.stop_channels()


def kernel_pid(km):
    return km.provisioner.process.pid


def gone(pid):
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_kernel_info_describes_java_and_the_kernel(kernel):
    info = kernel_info(kernel)
    language = info["language_info"]
    assert info["status"] == "ok"
    assert info["protocol_version"].startswith("5.")
    assert info["implementation"] == "jdlab"
    assert language["name"] == "java"
    assert language["version"].split(".")[0].isdigit()
    assert language["mimetype"] == "text/x-java-source"
    assert language["file_extension"] == ".jshell"
    assert language["codemirror_mode"] == "text/x-java"
    assert all(link["text"] and link["url"].startswith("https://") for link in info["help_links"])
    assert len(info["help_links"]) >= 1


def test_the_banner_names_the_kernel_version_and_the_jdk(kernel):
    info = kernel_info(kernel)
    assert info["implementation_version"] in info["banner"]
    assert info["language_info"]["version"] in info["banner"]
    assert "JDK" in info["banner"]


def test_history_from_before_a_restart_is_there_after_it(managed_kernel):
    km, kc = managed_kernel
    marker = uuid.uuid4().hex
    code = f'String beforeRestart = "{marker}";'
    before = execute(kc, code)
    assert before.status == "ok"
    session_before = request(kc, "history", hist_access_type="tail", n=1, raw=True, output=False)["history"][0][0]

    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)

    after = execute(kc, "1 + 1")
    assert after.content["execution_count"] == 1
    found = request(kc, "history", hist_access_type="search", pattern=f"*{marker}*", raw=True, output=False)
    assert found["history"] == [[session_before, before.content["execution_count"], code]]
    previous = request(kc, "history", hist_access_type="range", session=-1, start=0, stop=0, raw=True, output=False)
    assert [session_before, before.content["execution_count"], code] in previous["history"]
    current = request(kc, "history", hist_access_type="tail", n=1, raw=True, output=False)["history"][0]
    assert current[0] == session_before + 1


def test_a_restart_leaves_no_old_kernel_process(managed_kernel):
    km, kc = managed_kernel
    old = kernel_pid(km)
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    assert kernel_pid(km) != old
    assert gone(old)
    assert execute(kc, "2 + 3").result == "5"


def test_shutdown_ends_the_kernel_promptly_and_cleanly(managed_kernel):
    km, kc = managed_kernel
    execute(kc, "Thread keeper = new Thread(() -> { while (true) { try { Thread.sleep(100); } "
                "catch (InterruptedException e) { } } });\nkeeper.start();")
    process = km.provisioner.process
    pid = process.pid
    children = [child.pid for child in psutil.Process(pid).children(recursive=True)]

    started = time.monotonic()
    km.shutdown_kernel(now=False)
    took = time.monotonic() - started

    assert took < 5, f"shutdown took {took:.1f} s"
    assert process.returncode == 0, "the kernel did not exit by itself; the manager had to kill it"
    assert gone(pid)
    assert all(gone(child) for child in children)


def test_shutdown_ends_the_processes_cells_started(managed_kernel):
    km, kc = managed_kernel
    run = execute(kc, 'Process sleeper = new ProcessBuilder("sleep", "300").start();\nsleeper.pid()')
    child = int(run.result)
    assert psutil.pid_exists(child)
    km.shutdown_kernel(now=False)
    deadline = time.monotonic() + 5
    while not gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gone(child), "a process a cell started outlived the kernel"


def test_fifty_quick_cells_leave_no_threads_behind(kernel):
    process = psutil.Process(kernel.parent.provisioner.process.pid)
    cells = ["int quick{i} = {i};", 'System.out.println("line {i}");', "quick{i} * 2",
             'throw new RuntimeException("fail {i}");', "new Thread(() -> {{ }}).start();"]
    for i in range(10):
        execute(kernel, cells[i % len(cells)].format(i=i))
    time.sleep(0.5)
    before = process.num_threads()
    for i in range(10, 60):
        execute(kernel, cells[i % len(cells)].format(i=i))
    time.sleep(0.5)
    after = process.num_threads()
    assert after <= before + 2, f"{before} threads before, {after} after"


def test_two_kernels_running_side_by_side_keep_their_history_sessions_apart():
    first_km, first = start_kernel()
    second_km, second = start_kernel()
    try:
        execute(first, "int inFirst = 1;")
        execute(second, "int inSecond = 2;")
        first_session = request(first, "history", hist_access_type="tail", n=1, raw=True, output=False)["history"][0]
        second_session = request(second, "history", hist_access_type="tail", n=1, raw=True, output=False)["history"][0]
        assert first_session[2] == "int inFirst = 1;"
        assert second_session[2] == "int inSecond = 2;"
        assert first_session[0] != second_session[0]
    finally:
        stop_kernel(first_km, first)
        stop_kernel(second_km, second)


def test_kernel_ends_when_the_jupyter_process_that_started_it_dies(tmp_path):
    """A kernel whose notebook server was killed (no shutdown request) must not live on as an orphan."""
    launcher = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\n"
         "from jupyter_client import KernelManager\n"
         f"km = KernelManager(kernel_name={KERNEL_NAME!r}); km.start_kernel()\n"
         "print(km.provisioner.process.pid, flush=True)\n"
         "time.sleep(600)\n"],
        stdout=subprocess.PIPE, text=True)
    kernel_pid = int(launcher.stdout.readline())
    kernel = psutil.Process(kernel_pid)
    launcher.kill()
    launcher.wait()
    gone, alive = psutil.wait_procs([kernel], timeout=10)
    assert alive == [], "the kernel outlived the process that started it"
