"""The lab notebooks run headless through nbclient, as `jupyter nbconvert --execute` runs them."""
import pathlib
import re
import shutil
import subprocess
import zipfile

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import JAVA, JAR, KERNEL_NAME, ROOT, TEXT_CLIENTS_HTML

# The distributed lab has a test of its own below, which also checks it runs without errors.
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if p.name != "distributed-training.ipynb")


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
    listened = text_of(code[11])
    assert "epoch 1: validation accuracy" in listened, "the lab's own listener hears each epoch"
    assert re.search(r"stopped after epoch \d+: validation accuracy 9\d\.\d % reached 90 %", listened), listened


# What a service needs to run the deploy lab's Part 2: ONNX Runtime, and Tablesaw with what it loads.
SERVICE_JARS = ["onnxruntime", "tablesaw-core", "guava", "failureaccess", "commons-math3", "fastutil",
                "RoaringBitmap", "univocity-parsers", "icu4j", "classgraph"]


def service_cells(nb):
    """The deploy lab's Part 2: the code cells from its heading to the next one."""
    headings = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## ")]
    start = next(i for i in headings if nb.cells[i].source.startswith("## Part 2"))
    end = next(i for i in headings if i > start)
    return [c for c in nb.cells[start:end] if c.cell_type == "code"]


def comparison_rows(cell):
    """The float32 and int8 rows of the lab's Tablesaw table: model, file, KB, accuracy, agreement, ms for 1, 64."""
    rows = [line.split()[1:] for line in text_of(cell).splitlines() if re.match(r"\d+\s+(float32|int8)\s", line)]
    return {row[0]: [row[1]] + [float(v) for v in row[2:]] for row in rows}


def run_outside_the_kernel(sources, folder, scratch):
    """The cells as a plain JShell script, in the JDK's jshell with only SERVICE_JARS on the class path."""
    lib = JAR.parent / "lib"
    jars = [lib / f"{name}.jar" for name in SERVICE_JARS]
    # Tablesaw logs through slf4j, which travels inside the kernel's jar: take just its classes.
    slf4j = scratch / "slf4j.jar"
    with zipfile.ZipFile(JAR) as kernel, zipfile.ZipFile(slf4j, "w") as out:
        for name in kernel.namelist():
            if name.startswith("org/slf4j/"):
                out.writestr(name, kernel.read(name))
    for jar in jars + [slf4j]:
        with zipfile.ZipFile(jar) as z:
            assert not any(n.startswith(("ai/djl/", "jdlab/")) or n == "META-INF/MANIFEST.MF"
                           and b"Class-Path" in z.read(n) for n in z.namelist()), f"{jar} brings DJL or jdlab"
    script = scratch / "service.jsh"
    script.write_text(f'var deploy = Path.of("{folder}");\n' + "\n".join(sources)
                      + '\nSystem.out.println("accuracy " + accuracy(floatSays) + " " + accuracy(int8Says));\n/exit\n')
    jshell = pathlib.Path(shutil.which(JAVA)).resolve().parent / "jshell"
    return subprocess.run([str(jshell), "--class-path", ":".join(str(j) for j in jars + [slf4j]), str(script)],
                          capture_output=True, text=True, timeout=300)


def test_deploy_lab_classifies_with_onnx_runtime_alone_float_and_int8_side_by_side(tmp_path):
    nb = run_notebook(ROOT / "notebooks" / "deploy.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "every cell ran"
    assert [o for c in code for o in c.outputs if o["output_type"] == "error"] == []
    assert text_of(code[0]) == "Examples: 1,438 × (1, 8, 8), 10 classes"
    export = text_of(code[3])
    assert re.search(r"ONNX Runtime matches DJL to \S+ on 359 examples of the check data", export), export
    folder = pathlib.Path(re.search(r"Exported (\S+)/digits\.onnx", export).group(1))
    float_bytes, int8_bytes = (folder / "digits.onnx").stat().st_size, (folder / "digits.int8.onnx").stat().st_size
    assert float_bytes >= 3 * int8_bytes, (float_bytes, int8_bytes)

    service = service_cells(nb)
    assert service == code[5:9]
    sources = [c.source for c in service]
    # No DJL and no jdlab in Part 2, not even the names the kernel imports for every cell.
    djl = r"ai\.djl|jdlab|\b(NDArray|NDManager|NDList|Block|Shape|Model|Examples|Digits|Training)\b"
    assert [s for s in sources if re.search(djl, s)] == []
    assert text_of(service[0]) == "359 images of 64 pixels\n"
    opened = text_of(service[1])
    for line in ["input     input: FLOAT [batch, 1, 8, 8]", "output    output: FLOAT [batch, 10]",
                 "producer  jdlab (graph SequentialBlock)", "labels    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"]:
        assert line in opened, opened
    assert re.search(r"metrics   .*val_accuracy=0\.9", opened), opened
    rows = comparison_rows(service[3])
    float_file, float_kb, float_accuracy, _, *float_ms = rows["float32"]
    int8_file, int8_kb, int8_accuracy, agreement, *int8_ms = rows["int8"]
    assert (float_file, int8_file) == ("digits.onnx", "digits.int8.onnx")
    assert abs(float_kb - float_bytes / 1024) <= 0.06 and abs(int8_kb - int8_bytes / 1024) <= 0.06, rows
    # Eight epochs reach 97.8 % on this split (seed 1); int8 keeps within a point of float.
    assert float_accuracy >= 94, rows
    assert abs(float_accuracy - int8_accuracy) <= 1, rows
    assert agreement >= 97, rows
    assert all(0 < ms < 50 for ms in float_ms + int8_ms), rows
    assert any("image/png" in o.get("data", {}) for o in code[9].outputs), "test images with what ONNX Runtime read"

    # The same cells run outside the kernel, with ONNX Runtime and Tablesaw only: the folder is all they
    # take from Part 1, and they read the same digits.
    outside = run_outside_the_kernel(sources, folder, tmp_path)
    assert outside.returncode == 0 and "Error" not in outside.stdout, outside.stdout + outside.stderr
    assert "input     input: FLOAT [batch, 1, 8, 8]" in outside.stdout, outside.stdout
    accuracies = [float(v) for v in re.search(r"^accuracy (\S+) (\S+)$", outside.stdout, re.M).groups()]
    assert [round(a, 1) for a in accuracies] == [float_accuracy, int8_accuracy], outside.stdout


def test_distributed_lab_trains_on_two_workers_to_the_accuracy_of_one_process():
    nb = run_notebook(ROOT / "notebooks" / "distributed-training.ipynb")
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [o for c in code for o in c.outputs if o["output_type"] == "error"] == []
    workers = next(text_of(c) for c in code if "--workers 2 --into" in c.source)
    assert sorted(re.findall(r"\[rank (\d)\] ", workers)) == ["0", "1"], workers
    assert "distributed holds rank 0's trained model" in workers
    summary = next(text_of(c) for c in code if "difference" in c.source)
    alone, two, difference = map(float, re.search(
        r"accuracy: 1 process (0\.\d+), 2 workers (0\.\d+), difference (\d\.\d+)", summary).groups())
    assert alone > 0.8 and two > 0.8
    assert difference <= 0.002, summary  # the same initial weights and steps: float rounding only
    counts = next(text_of(c) for c in code if c.source.startswith("%%launch"))
    total = re.search(r"\[rank 0\] all 12000 images: \[([^]]+)]", counts)
    assert total and sum(float(n) for n in total.group(1).split(",")) == 12000, counts
