"""Shared fixtures: the kernel is installed as a kernelspec into a scratch prefix and started the
way Jupyter starts it, by Debian's jupyter_client."""
import os
import pathlib
import re
import subprocess
import sys
import time

import pytest
from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).resolve().parents[2]
JAR = ROOT / "install" / "target" / "jdlab.jar"
KERNEL_NAME = "jdlab-test"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# The HTML of a live output's final state shown once more for text clients (jdlab.api.TextClients).
TEXT_CLIENTS_HTML = '<div class="jdlab-text-clients" hidden></div>'


def pytest_configure(config):
    config.addinivalue_line("markers", "gpu: needs a GPU visible to DJL's engine; skipped without one")


@pytest.fixture(scope="session", autouse=True)
def kernelspec(tmp_path_factory):
    """Installs the built jar as kernelspec `jdlab-test` and points Jupyter and history at scratch dirs."""
    assert JAR.exists(), f"build first: {JAR} is missing (mvn -B package)"
    prefix = tmp_path_factory.mktemp("prefix")
    # JDLAB_TEST_JAVA: the java binary that installs (and so runs) the kernel under test; PATH's by default.
    java = os.environ.get("JDLAB_TEST_JAVA", "java")
    subprocess.run([java, "-jar", str(JAR), "install", "--prefix", str(prefix), "--name", KERNEL_NAME],
                   check=True, capture_output=True)
    os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
    os.environ["JDLAB_HISTORY"] = str(tmp_path_factory.mktemp("history") / "history.jsonl")
    # One OpenMP thread for DJL's PyTorch: oversubscribed on 2 cores it is many times slower.
    os.environ["OMP_NUM_THREADS"] = "1"
    return prefix / "share" / "jupyter" / "kernels" / KERNEL_NAME


def start_kernel():
    km, kc = start_new_kernel(kernel_name=KERNEL_NAME, startup_timeout=60)
    return km, kc


def stop_kernel(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


@pytest.fixture(scope="module")
def kernel():
    """One running kernel shared by a test module; yields its blocking client."""
    km, kc = start_kernel()
    yield kc
    stop_kernel(km, kc)


@pytest.fixture()
def fresh_kernel():
    """A kernel of the test's own, for tests that interrupt, crash or restart it; yields (manager, client)."""
    km, kc = start_kernel()
    yield km, kc
    stop_kernel(km, kc)


class Run:
    """What one execute request produced: the reply and every IOPub message of it, in order."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.content = reply["content"]
        self.messages = messages

    @property
    def status(self):
        return self.content["status"]

    def of_type(self, msg_type):
        return [m for m in self.messages if m["msg_type"] == msg_type]

    @property
    def stdout(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stdout")

    @property
    def stderr(self):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == "stderr")

    @property
    def result(self):
        """The execute_result's text/plain, or None."""
        results = self.of_type("execute_result")
        return results[-1]["content"]["data"]["text/plain"] if results else None

    @property
    def error(self):
        """The error message's content with ANSI colours removed from the traceback, or None."""
        errors = self.of_type("error")
        if not errors:
            return None
        content = dict(errors[-1]["content"])
        content["traceback"] = [ANSI.sub("", line) for line in content["traceback"]]
        return content


def execute(kc, code, timeout=60, **kwargs):
    """Runs code and collects its IOPub messages until the kernel goes idle."""
    return collect(kc, kc.execute(code, **kwargs), timeout)


def collect(kc, msg_id, timeout=60):
    """Collects the IOPub messages and the reply of a request already sent, until the kernel goes idle."""
    messages = []
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    reply = shell_reply(kc, timeout=max(1, deadline - time.monotonic()))
    assert reply["parent_header"]["msg_id"] == msg_id
    return Run(reply, messages)


def shell_reply(kc, timeout=30):
    """The next reply on the shell channel, passing over kernel_info replies: a kernel slower than 1 s
    to start gets several kernel_info requests from wait_for_ready, and their late replies queue up."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["msg_type"] != "kernel_info_reply":
            return reply
