"""A real browser looks: a notebook with Plotly charts and a Tablesaw table runs through nbclient, is
exported with `jupyter nbconvert --to html`, and headless Chromium, with no network, draws it; the DOM
must hold every chart's traces. Set JDLAB_SCREENSHOT=docs/display.png to keep the screenshot."""
import html.parser
import os
import pathlib
import shutil
import subprocess

import nbformat
from nbclient import NotebookClient

from conftest import KERNEL_NAME, ROOT

NOTEBOOK = ROOT / "tests" / "e2e" / "notebooks" / "plotly_charts.ipynb"
PLOTLY = "application/vnd.plotly.v1+json"
# Headless, sandbox off (CI runs as root), and no network at all: names resolve nowhere and any
# request that would leave the machine goes to a closed proxy port.
CHROMIUM = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
            "--disable-extensions", "--no-first-run", "--virtual-time-budget=10000"]


class Charts(html.parser.HTMLParser):
    """Per jdlab chart div, how many Plotly SVG roots and trace groups it holds once drawn."""

    def __init__(self):
        super().__init__()
        self.charts = []
        self.depth = 0  # open elements inside the current chart div, 0 outside
        self.tables = 0
        self.progress_bars = 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "table":
            self.tables += 1
        if tag == "div" and "jdlab-progress" in classes:
            self.progress_bars += 1
        if self.depth:
            if tag not in VOID:
                self.depth += 1
            chart = self.charts[-1]
            chart["main-svg"] += tag == "svg" and "main-svg" in classes
            chart["traces"] += tag == "g" and "trace" in classes
        elif tag == "div" and "jdlab-plotly" in classes:
            self.charts.append({"main-svg": 0, "traces": 0, "text": ""})
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.charts[-1]["text"] += data


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "path", "rect", "line", "circle", "stop", "use"}


def chromium():
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "Chromium is missing: scripts/debian-packages.sh installs Debian's chromium"
    return binary


def run_notebook(tmp_path):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells), "keep the test notebook's outputs stripped"
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    executed = tmp_path / "plotly_charts.ipynb"
    nbformat.write(nb, executed)
    return nb, executed


def output_bytes(cell):
    return len(nbformat.writes(nbformat.v4.new_notebook(cells=[cell])))


def test_the_html_export_draws_every_chart_offline(tmp_path):
    nb, executed = run_notebook(tmp_path)
    charts = [cell for cell in nb.cells if cell.cell_type == "code"
              and any(PLOTLY in out.get("data", {}) for out in cell.outputs)]
    assert len(charts) == 3
    # plotly.js travels with the first chart only: the others add their data and a few lines
    sizes = [output_bytes(cell) for cell in charts]
    print("saved bytes per chart cell:", sizes, "notebook:", executed.stat().st_size)
    assert sizes[0] > 4_000_000 and max(sizes[1:]) < 30_000, sizes

    subprocess.run([shutil.which("jupyter") or "/usr/bin/jupyter", "nbconvert", "--to", "html",
                    "--output-dir", str(tmp_path), str(executed)], check=True, capture_output=True)
    exported = tmp_path / "plotly_charts.html"
    dom = subprocess.run([chromium(), *CHROMIUM, "--dump-dom", exported.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    parsed = Charts()
    parsed.feed(dom)
    assert len(parsed.charts) == 5, parsed.charts
    # a scatter per species, one box trace, train and validation; the training run's loss (train,
    # validation, smoothed batches) and accuracy (train, validation)
    expected_traces = [3, 1, 2, 3, 2]
    for chart, traces in zip(parsed.charts, expected_traces):
        assert chart["main-svg"] >= 1, chart
        assert chart["traces"] >= traces, chart
        assert "plotly.js is not on this page" not in chart["text"]
    assert parsed.progress_bars == 1, "the training run's progress bar"

    screenshot = tmp_path / "display.png"
    subprocess.run([chromium(), *CHROMIUM, "--hide-scrollbars", "--window-size=1100,3400",
                    f"--screenshot={screenshot}", exported.as_uri()],
                   check=True, capture_output=True, timeout=120)
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("JDLAB_SCREENSHOT"):
        shutil.copyfile(screenshot, ROOT / os.environ["JDLAB_SCREENSHOT"])
