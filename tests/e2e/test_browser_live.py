"""A real browser looks, live: Debian's classic Jupyter Notebook serves a copy of the test notebook on
loopback, headless Chromium opens it and runs every cell in the page, so the kernel runs them and the
browser draws their outputs as they arrive; the DOM must then hold every chart's traces and the
table's footer. Chromium is driven over its DevTools protocol and may reach 127.0.0.1 only. With
JDLAB_SCREENSHOT set (test_browser.py's docs/display.png, say), the screenshot is kept as
docs/notebook-live.png."""
import base64
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import nbformat
import psutil
import pytest
import websocket

from conftest import KERNEL_NAME, ROOT
from test_browser import chromium, run_notebook

NOTEBOOKS = ROOT / "tests" / "e2e" / "notebooks"
NOTEBOOK = "plotly_charts.ipynb"
SCREENSHOT = ROOT / "docs" / "notebook-live.png"
# A scatter per species, one box trace, train and validation; then the training run's loss (train,
# validation, smoothed batches) and accuracy (train, validation).
EXPECTED_TRACES = [3, 1, 2, 3, 2]
NO_PLOTLY = "plotly.js is not on this page"
NOT_DRAWN = "not drawn: trust the notebook (File → Trust Notebook) to see it"
# Headless, sandbox off (CI runs as root), and no network but loopback: names other than 127.0.0.1
# resolve nowhere and any request for another host goes to a closed proxy port.
CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=127.0.0.1", "--disable-extensions", "--no-first-run",
            "--no-default-browser-check", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--window-size=1100,2000", "--remote-debugging-port=0", "about:blank"]
LOOPBACK = re.compile(r"^(https?|wss?)://127\.0\.0\.1:(\d+)/")
LOCAL_SCHEMES = ("data:", "blob:", "about:")
# Waits are generous, for a loaded 2-core machine; every one polls and ends as soon as it can.
STARTUP = 60
RUN_ALL = 120
DRAW = 60
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def poll(what, timeout, check, interval=0.2):
    """Calls check until it returns something truthy and returns that; fails naming what after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def stop_tree(proc, children, graceful):
    """Stops proc (graceful() first, then SIGTERM, then SIGKILL) and every process it started; returns
    the descendants that outlived their parent and had to be killed."""
    try:
        graceful()
        proc.wait(timeout=30)
    except Exception:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    alive = [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
    _, survivors = psutil.wait_procs(alive, timeout=15)
    for c in survivors:
        c.kill()
    return survivors


class Server:
    """A classic Notebook server on loopback, serving a scratch copy of tests/e2e/notebooks."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.root = tmp_path / "notebooks"
        shutil.copytree(NOTEBOOKS, self.root)
        # the page starts the kernel its notebook names: the jar under test, not one installed for the user
        nb = nbformat.read(self.root / NOTEBOOK, as_version=4)
        nb.metadata.kernelspec.name = KERNEL_NAME
        nbformat.write(nb, self.root / NOTEBOOK)
        env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
                   JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
        args = ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
                "--port-retries=0", f"--NotebookApp.token={self.token}", f"--notebook-dir={self.root}"]
        if os.geteuid() == 0:
            args.append("--allow-root")
        self.log = tmp_path / "notebook.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def request(self, path, method="GET"):
        req = urllib.request.Request(self.url + path, method=method, data=b"" if method == "POST" else None,
                                     headers={"Authorization": f"token {self.token}"})
        with NO_PROXY.open(req, timeout=10) as response:
            return json.loads(response.read() or b"null")

    def answers(self):
        assert self.proc.poll() is None, f"the notebook server exited:\n{self.log.read_text()}"
        try:
            return self.request("/api/status") is not None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def stop(self):
        """Asks the server to shut down (it shuts its kernels down first); returns processes left over."""
        children = psutil.Process(self.proc.pid).children(recursive=True)
        return stop_tree(self.proc, children, lambda: self.request("/api/shutdown", method="POST"))


class DevTools:
    """A headless Chromium and one page of it, driven over the DevTools protocol's websocket."""

    def __init__(self, tmp_path):
        self.log = tmp_path / "chromium.log"
        with open(self.log, "wb") as log:  # a file, not a pipe: a full pipe would stall Chromium
            self.proc = subprocess.Popen([chromium(), f"--user-data-dir={tmp_path / 'chromium'}", *CHROMIUM],
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.events = []
        self.next_id = 0
        self.ws = None
        try:
            port = LOOPBACK.match(poll("Chromium's DevTools port", STARTUP, self._browser_url)).group(2)
            with NO_PROXY.open(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
                pages = [t for t in json.load(response) if t["type"] == "page"]
            assert pages, "Chromium opened no page"
            self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=STARTUP,
                                                  suppress_origin=True, http_no_proxy=["127.0.0.1"])
        except BaseException:
            self.close()
            raise

    def _browser_url(self):
        """The browser's endpoint, which Chromium prints once it listens; None until then."""
        text = self.log.read_text(errors="replace")
        assert self.proc.poll() is None, f"Chromium exited:\n{text}"
        found = re.search(r"^DevTools listening on (ws://\S+)", text, re.MULTILINE)
        return found and found.group(1)

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                assert "error" not in message, f"{method}: {message['error']}"
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression):
        """The value of a JavaScript expression in the page (a promise is awaited); page errors fail the test."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, f"{expression}: {result['exceptionDetails']}"
        return result["result"].get("value")

    def evaluate_while_loading(self, expression):
        """The value of an expression, or None while the page navigates and has no context to run it in."""
        try:
            return self.evaluate(expression)
        except AssertionError:
            return None

    def urls(self):
        """Every URL the page requested or opened a websocket to, so far."""
        for event in self.events:
            if event.get("method") == "Network.requestWillBeSent":
                yield event["params"]["request"]["url"]
            elif event.get("method") == "Network.webSocketCreated":
                yield event["params"]["url"]

    def console_errors(self):
        return [e["params"] for e in self.events
                if e.get("method") == "Runtime.exceptionThrown"
                or (e.get("method") == "Runtime.consoleAPICalled" and e["params"]["type"] == "error")]

    def close(self):
        children = psutil.Process(self.proc.pid).children(recursive=True)

        def graceful():
            if self.ws is not None:
                self.call("Browser.close")
                self.ws.close()

        stop_tree(self.proc, children, graceful)


@pytest.fixture()
def server(tmp_path):
    notebook = Server(tmp_path)
    try:
        poll("the notebook server to answer", STARTUP, notebook.answers)
        yield notebook
    finally:
        left_over = notebook.stop()
        assert not left_over, f"processes outlived the notebook server: {left_over}"


@pytest.fixture()
def page(tmp_path):
    browser = DevTools(tmp_path)
    try:
        yield browser
    finally:
        browser.close()


CHARTS = """[...document.querySelectorAll('div.jdlab-plotly')].map(div => ({
    mainSvg: div.querySelectorAll('svg.main-svg').length,
    traces: div.querySelectorAll('g.trace').length,
    text: div.textContent.slice(0, 200)}))"""
TABLES = """[...document.querySelectorAll('div.jdlab-table')].map(t => ({
    rows: t.querySelectorAll('tbody tr').length,
    footer: (t.querySelector('p.jdlab-footer') || {}).textContent}))"""
# Per progress bar: its text, its <progress> elements, whether every part lies within the output area
# (not past its right edge) and whether they all share one line.
PROGRESS = """[...document.querySelectorAll('div.jdlab-progress')].map(bar => {
    const area = bar.closest('.output_subarea').getBoundingClientRect();
    const parts = [...bar.children].map(c => c.getBoundingClientRect());
    return {text: bar.textContent.replace(/\\s+/g, ' ').trim(),
            bars: bar.querySelectorAll('progress').length,
            inside: parts.every(r => r.left >= area.left - 1 && r.right <= area.right + 1),
            oneLine: parts.every(r => r.top < parts[0].bottom && r.bottom > parts[0].top)};
})"""
CELLS = """Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => ({
    count: c.input_prompt_number,
    errors: [...c.element[0].querySelectorAll('.output_error, .output_stderr')].map(e => e.textContent)}))"""


def settled(charts):
    """Whether every chart drew its traces, or one already gave up for want of plotly.js."""
    return (len(charts) == len(EXPECTED_TRACES) and all(
        chart["mainSvg"] >= 1 and chart["traces"] >= traces for chart, traces in zip(charts, EXPECTED_TRACES))
        or any(NO_PLOTLY in chart["text"] for chart in charts))


def screenshot(page):
    """The whole notebook as PNG: it scrolls inside its own element, so the viewport grows to hold it."""
    height = page.evaluate("Math.ceil(document.querySelector('#notebook-container').getBoundingClientRect().bottom)")
    page.call("Emulation.setDeviceMetricsOverride", width=1100, height=height + 40, deviceScaleFactor=1, mobile=False)
    shot = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    return shot


def open_notebook(server, page, name):
    """Opens a notebook of the server in the page and waits for its kernel to connect."""
    page.call("Network.enable")
    page.call("Runtime.enable")
    page.call("Page.enable")
    page.call("Page.navigate", url=f"{server.url}/notebooks/{name}?token={server.token}")
    poll("the notebook's kernel to connect", STARTUP, lambda: page.evaluate_while_loading(
        "!!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel"
        " && Jupyter.notebook.kernel.is_connected()"
        " && Jupyter.notebook.kernel.info_reply.implementation)"))


def narrow(page, width):
    """Makes the page this many pixels wide, and waits for it to lay out again."""
    page.call("Emulation.setDeviceMetricsOverride", width=width, height=2000, deviceScaleFactor=1, mobile=False)
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def test_the_live_notebook_draws_every_chart_as_it_runs(server, page, tmp_path):
    started = time.monotonic()
    open_notebook(server, page, NOTEBOOK)
    sessions = server.request("/api/sessions")
    assert [s["kernel"]["name"] for s in sessions] == [KERNEL_NAME], sessions

    # execute_all_cells marks every code cell running at once; each loses the mark with its reply
    page.evaluate("Jupyter.notebook.execute_all_cells()")
    poll("every cell to run", RUN_ALL,
         lambda: page.evaluate("document.querySelectorAll('.code_cell.running').length === 0"), interval=0.5)
    cells = page.evaluate(CELLS)
    assert all(isinstance(c["count"], int) for c in cells) and not any(c["errors"] for c in cells), cells

    # outputs come on IOPub, apart from the replies, and later charts wait for plotly.js: poll the DOM
    deadline = time.monotonic() + DRAW
    while not settled(charts := page.evaluate(CHARTS)) and time.monotonic() < deadline:
        time.sleep(0.5)
    print(f"ran and drew in {time.monotonic() - started:.1f} s:", charts)
    shot = screenshot(page)
    (tmp_path / "notebook-live.png").write_bytes(shot)  # before the checks, to look at when they fail
    assert len(charts) == len(EXPECTED_TRACES), (charts, page.console_errors())
    for chart, traces in zip(charts, EXPECTED_TRACES):
        assert chart["mainSvg"] >= 1 and chart["traces"] >= traces, (chart, page.console_errors())
        assert NO_PLOTLY not in chart["text"] and NOT_DRAWN not in chart["text"], chart
    assert page.evaluate(TABLES) == [{"rows": 8, "footer": "8 rows × 3 columns"},
                                     {"rows": 5, "footer": "5 rows × 6 columns"}]  # the run's history

    foreign = [url for url in page.urls() if not url.startswith(LOCAL_SCHEMES)
               and (not LOOPBACK.match(url) or LOOPBACK.match(url).group(2) != str(server.port))]
    assert not foreign, f"the page reached beyond the notebook server: {foreign}"

    if os.environ.get("JDLAB_SCREENSHOT"):
        SCREENSHOT.write_bytes(shot)

    # On a narrow page the training run's bar wraps its parts rather than hide the time left.
    narrow(page, 640)
    [bar] = page.evaluate(PROGRESS)
    assert bar["bars"] == 1 and bar["inside"], bar


def test_an_untrusted_notebook_says_where_charts_are_not_drawn_and_keeps_its_progress_bar(server, page, tmp_path):
    # Executed elsewhere (by nbclient) and never signed in this server's trust database.
    nb, _ = run_notebook(tmp_path)
    nbformat.write(nb, server.root / "untrusted.ipynb")
    open_notebook(server, page, "untrusted.ipynb")
    assert page.evaluate("Jupyter.notebook.trusted") is False

    charts = page.evaluate(CHARTS)
    assert len(charts) == len(EXPECTED_TRACES), charts
    for chart in charts:
        assert chart["mainSvg"] == 0 and NOT_DRAWN in chart["text"], chart
    assert charts[0]["text"].startswith("Plotly figure \"Bill and mass\": 3 traces (scatter, scatter, scatter)"), charts

    [bar] = page.evaluate(PROGRESS)
    assert bar["bars"] == 1 and bar["inside"] and bar["oneLine"], bar
    assert re.fullmatch(r"5/5 epochs 100% 50/50 \[\d\d:\d\d, [\d.]+ it/s\]", bar["text"]), bar
    (tmp_path / "notebook-untrusted.png").write_bytes(screenshot(page))
