"""The lab notebooks run headless through nbclient, as `jupyter nbconvert --execute` runs them."""
import pathlib
import re

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import KERNEL_NAME, ROOT, TEXT_CLIENTS_HTML

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def run_notebook(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def text_of(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] in ("execute_result", "display_data"):
            parts.append(out["data"].get("text/plain", ""))
    return "".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_without_errors_and_renders_offline(path):
    nb = run_notebook(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o["output_type"] == "error"]
    assert errors == []
    # Every chart draws with the plotly.js the kernel ships inline: no output loads a script from
    # anywhere, a CDN least of all.
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if "text/html" in o.get("data", {})]
    assert not any("<script src" in h or "cdn.plot.ly/plotly" in h or "require.config" in h for h in html)
    if any("jdlab-plotly" in h for h in html):
        assert sum("window.Plotly.setPlotConfig" in h for h in html) == 1, "plotly.js travels once, in the first chart"


def test_penguin_lab_computes_from_the_real_data():
    nb = run_notebook(ROOT / "notebooks" / "java-in-notebooks.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert text_of(code[0]) == "344"
    assert text_of(code[2]) == "{Adelie=152, Chinstrap=68, Gentoo=124}"
    assert "Gentoo     n=123" in text_of(code[4])
    # Flipper length explains most of the variation in body mass (R^2 about 0.76 on 342 birds).
    assert "R^2 = 0.759 on 342 birds" in text_of(code[5])
    # The %%bash cell counts the same file with the shell's own tools.
    assert text_of(code[7]).split() == ["345", "data/palmer-penguins/penguins.csv",
                                        "152", "Adelie", "124", "Gentoo", "68", "Chinstrap", "1", "species"]
    assert text_of(code[8]).split() == ["csv", "lines", "penguins", "bySpecies", "measured", "flipper", "mass", "fit"]
    assert "per loop (mean ± std. dev. of 3 runs," in text_of(code[9])


def test_magics_lab_runs_each_magic_on_the_data():
    nb = run_notebook(ROOT / "notebooks" / "everyday-magics.ipynb")
    code = {"".join(c.source).splitlines()[0]: text_of(c) for c in nb.cells if c.cell_type == "code"}
    assert "%timeit" in code["%lsmagic"] and "%%writefile" in code["%lsmagic"]
    assert code["%run ${scratch}/Species.java data/palmer-penguins/penguins.csv"] == \
        "Adelie: 152\nChinstrap: 68\nGentoo: 124\n"
    assert code["%load ${scratch}/penguins.jsh"] == "342"  # birds with both measurements
    assert code["%%time"].startswith("CPU times: user ") and code["%%time"].endswith("6300.0")
    assert "per loop (mean ± std. dev. of 3 runs," in code["%timeit -r 3 birds.stream().mapToDouble(Bird::mass).average().orElseThrow()"]
    assert [line.split()[0] for line in code["%whos"].splitlines()[2:]] == ["scratch", "birds", "heaviest"]
    assert code["%env LAB_SPECIES=Gentoo"] == 'env: LAB_SPECIES=Gentoo\n"Gentoo"'
    assert code['printed.get("stdout").lines().count()'] == "3"
    assert code['for (String s : List.of("Adelie", "Chinstrap", "Gentoo")) {'] == \
        "Adelie: 151 birds with flipper and massChinstrap: 68 birds with flipper and massGentoo: 123 birds with flipper and mass"
    assert code["%%sh"].split() == ["Adelie", "152", "Chinstrap", "68", "Gentoo", "124"]
    assert code["%maven com.google.code.gson:gson:2.11.0"] == '"{\\"Adelie\\":151,\\"Chinstrap\\":68,\\"Gentoo\\":123}"'
    # Gson's own dependency came along, from the same local repository.
    assert [path.rsplit("/", 1)[1] for path in code["%classpath"].splitlines()] == \
        ["gson-2.11.0.jar", "error_prone_annotations-2.27.0.jar"]


def test_display_lab_shows_tables_and_three_charts_of_the_penguins():
    nb = run_notebook(ROOT / "notebooks" / "penguins-display.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    table, summary, by_species, scatter, histogram, box, torgersen = [c.outputs[-1]["data"] for c in code[:7]]
    assert "344 rows × 8 columns" in table["text/html"] and "344 rows × 8 columns" in table["text/plain"]
    assert "Count" in summary["text/plain"]
    rows = {line.split()[1]: line.split()[2:] for line in by_species["text/plain"].splitlines()[4:7]}
    assert {species: int(float(values[1])) for species, values in rows.items()} == \
        {"Adelie": 151, "Gentoo": 123, "Chinstrap": 68}
    charts = [scatter, histogram, box]
    assert [[t["type"] for t in c["application/vnd.plotly.v1+json"]["data"]] for c in charts] == \
        [["scatter"] * 3, ["histogram"], ["box"]]
    # plotly.js travels with the first chart of the page only.
    assert [len(c["text/html"]) > 1_000_000 for c in charts] == [True, False, False]
    assert "52 rows × 8 columns; showing 6 rows" in torgersen["text/plain"]
    # Learning live: one chart and one bar, each left in its final state, then the slope found.
    chart, bar, slope = [o for o in code[8].outputs if o.get("data", {}).get("text/html") != TEXT_CLIENTS_HTML]
    assert chart["data"]["text/plain"] == "LiveChart Mean squared error: train (200 points)"
    assert len(chart["data"]["application/vnd.plotly.v1+json"]["data"][0]["y"]) == 200
    assert bar["data"]["text/plain"].startswith("epochs  100% |████████████████████| 200/200")
    assert slope["data"]["text/plain"] == '"slope 0.873, R^2 0.762 on 333 birds"'


def test_digits_lab_trains_an_mlp_and_a_cnn_on_mnist():
    nb = run_notebook(ROOT / "notebooks" / "mnist-digits.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert text_of(code[0]) == "Examples: 12,000 × (1, 28, 28), 10 classes"
    assert any("image/png" in o.get("data", {}) for o in code[1].outputs), "the first images as a grid"
    mlp_run = text_of(code[4])
    assert "trained 8 epochs" in mlp_run or "early stop after epoch" in mlp_run
    assert "val_accuracy" in mlp_run, "the per-epoch table ends the live output"
    evaluation = text_of(code[6])
    accuracy = float(re.search(r"accuracy ([0-9.]+) %", evaluation).group(1))
    assert accuracy >= 88, evaluation  # PyTorch's own loop reaches 87.7 % in 3 epochs on this split
    assert "confusion (rows: actual, columns: predicted)" in evaluation
    assert any("image/png" in o.get("data", {}) for o in code[7].outputs), "the misclassified images"
    assert "trained 3 epochs" in text_of(code[8]) or "early stop" in text_of(code[8])
    cnn = float(re.search(r"accuracy ([0-9.]+) %", text_of(code[9])).group(1))
    assert cnn >= 93, text_of(code[9])
    export = text_of(code[10])
    assert re.search(r"ONNX Runtime matches DJL to \S+ on 1000 examples of the check data", export), export
    assert "mnist-cnn.int8.onnx" in export and "argmax agreement" in export
