"""Notebooks written for IJava through the installed kernel: %load of a helper notebook by bare name,
%%loadFromPOM, %system, and the %maven lines of IJava's DJL and Tablesaw set-up cells, which ask for
another engine, an SLF4J 1 binding and older versions of what the kernel ships."""
import re

import nbformat
from nbclient import NotebookClient

from conftest import KERNEL_NAME, ROOT, execute
from test_magics_maven import DEPENDENCY, POM, publish, publish_greeter, repos, write_with_sha1  # noqa: F401

IJAVA = ROOT / "tests" / "e2e" / "notebooks" / "ijava"
DJL_VERSION = re.search(r"<djl.version>([^<]+)<", (ROOT / "pom.xml").read_text()).group(1)
TABLESAW_VERSION = re.search(r"<tablesaw.version>([^<]+)<", (ROOT / "pom.xml").read_text()).group(1)


def outputs(cell):
    return "".join(o.get("text", "") if o["output_type"] == "stream" else o.get("data", {}).get("text/plain", "")
                   for o in cell.outputs)


def test_a_notebook_loads_a_helper_notebook_by_bare_name_from_a_sibling_folder():
    path = IJAVA / "lab" / "main.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    load, use = [c for c in nb.cells if c.cell_type == "code"]
    # The helper's %system line and its %%sh cell ran through the magics, not JShell.
    assert outputs(load) == "helper loaded\ncell magic ran\n"
    assert outputs(use) == '"hello ijava 42"'


def test_an_error_in_a_loaded_notebook_is_one_line_naming_the_notebook_and_cell(kernel, tmp_path):
    helper = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# notes"),
                                             nbformat.v4.new_code_cell("int fine = 1;"),
                                             nbformat.v4.new_code_cell("%nosuchmagic")])
    nbformat.write(helper, tmp_path / "broken.ipynb")
    run = execute(kernel, f"%load {tmp_path / 'broken'}")
    assert run.error["traceback"] == [
        "broken.ipynb, code cell 2: unknown magic %nosuchmagic (%lsmagic lists them all)"]
    assert execute(kernel, "fine").result == "1"


def test_a_pom_cell_adds_its_dependencies_from_its_repositories(fresh_kernel, repos):
    km, kc = fresh_kernel
    execute(kc, repos["env"])
    cell = f"""%%loadFromPOM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <properties><greeter.version>1.0</greeter.version></properties>
  <repositories>
    <repository><id>other</id><url>{repos["other"].as_uri()}</url></repository>
  </repositories>
  <dependencies>
    <dependency>
      <groupId>org.example</groupId><artifactId>greeter</artifactId><version>${{greeter.version}}</version>
    </dependency>
    <dependency><groupId>org.example</groupId><artifactId>extra</artifactId><version>1.0</version></dependency>
  </dependencies>
</project>"""
    run = execute(kc, cell)
    assert run.status == "ok", run.error
    assert execute(kc, 'demo.Greeter.hi("pom") + demo.Extra.answer()').result == '"HI POM42"'
    jars = [p.rsplit("/", 1)[1] for p in execute(kc, "%classpath").result.splitlines()]
    assert jars == ["greeter-1.0.jar", "util-1.0.jar", "extra-1.0.jar"]


def test_a_pom_cell_that_is_not_xml_is_one_line(kernel):
    run = execute(kernel, "%%loadFromPOM\n<dependency><groupId>a</groupId>")
    assert len(run.error["traceback"]) == 1
    assert run.error["traceback"][0].startswith("%%loadFromPOM: not well-formed XML, line ")


def test_system_runs_a_shell_line_as_a_bang_line_does(kernel):
    run = execute(kernel, "%system echo $((40 + 2)) 'two  spaces'\n1 + 1")
    assert run.status == "ok", run.error
    assert run.stdout == "42 two  spaces\n"
    assert run.result == "2"
    assert execute(kernel, "%system exit 3").error["traceback"] == ["%system: the script exited with status 3"]


def test_ijava_set_up_lines_say_once_what_the_kernel_keeps_and_refuses(fresh_kernel, repos):
    km, kc = fresh_kernel
    # Two libraries built on DJL 0.20.0 both pull in its API: the kept version is said once.
    for name in ("djl-user", "djl-user2"):
        publish(repos["central"], f"org.example:{name}:1.0", f"public class {name.replace('-', '_')} {{ }}",
                dependencies=["ai.djl:api:0.20.0"])
    execute(kc, repos["env"])
    run = execute(kc, """// IJava's DJL set-up
%maven ai.djl:api:0.20.0
%maven org.example:djl-user:1.0
%maven org.example:djl-user2:1.0
%maven ai.djl.mxnet:mxnet-engine:0.20.0
%maven ai.djl.mxnet:mxnet-native-auto:1.8.0
%maven ai.djl.tensorflow:tensorflow-engine:0.20.0
%maven org.slf4j:slf4j-simple:1.7.32
%maven tech.tablesaw:tablesaw-core:0.38.1
ai.djl.engine.Engine.getInstance().getEngineName()""", timeout=120)
    assert run.status == "ok", run.error
    engine = f"(ai.djl.pytorch:pytorch-engine:{DJL_VERSION}) and keeps it as the default"
    assert run.stdout.splitlines() == [
        f"ai.djl:api:0.20.0 asked for; the kernel ships {DJL_VERSION} and keeps it",
        f"ai.djl.mxnet:* not added: the kernel ships DJL's PyTorch engine {engine};"
        " MXNet's native library would be downloaded on first use",
        f"ai.djl.tensorflow:* not added: the kernel ships DJL's PyTorch engine {engine};"
        " TensorFlow's native library would be downloaded on first use",
        "org.slf4j:slf4j-simple:1.7.32 not added: a binding for SLF4J 1, which the kernel's SLF4J 2 ignores;"
        " the libraries it lends log to the kernel's log",
        f"tech.tablesaw:tablesaw-core:0.38.1 asked for; the kernel ships {TABLESAW_VERSION} and keeps it"]
    assert "SLF4J" not in run.stderr
    assert run.result == '"PyTorch"'
    jars = [p.rsplit("/", 1)[1] for p in execute(kc, "%classpath").result.splitlines()]
    assert jars == ["djl-user-1.0.jar", "djl-user2-1.0.jar"]


def test_ijavas_renderer_call_runs_unchanged_and_the_kernel_still_draws_figures_offline():
    path = IJAVA / "lab" / "plots.ipynb"
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=KERNEL_NAME, timeout=120,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    figure_cell, score_cell = [c for c in nb.cells if c.cell_type == "code"][-2:]
    # The figure: the kernel's own drawing (plotly.js shipped, no CDN), and one line on why the
    # notebook's renderer, which would load plotly.js from a CDN, is not used.
    [figure] = [o for o in figure_cell.outputs if o["output_type"] == "execute_result"]
    assert "application/vnd.plotly.v1+json" in figure["data"]
    # A plain bool: pytest would otherwise diff the 4.5 MB of plotly.js in the HTML on a failure.
    drawn_by_the_notebook = "plotly-1.44.4.min.js" in figure["data"]["text/html"]
    assert not drawn_by_the_notebook
    [note] = [o["text"] for o in figure_cell.outputs if o["output_type"] == "stream"]
    assert note == ("render: the kernel draws a tech.tablesaw.plotly.components.Figure itself, so the renderer"
                    " registered for tech.tablesaw.plotly.components.Figure at priority -100 is not used;"
                    " register it at Renderers.OVER_KERNEL to draw in the kernel's place\n")
    # A type of the notebook's own, which the kernel shows only as text, is drawn by its renderer.
    [score] = [o for o in score_cell.outputs if o["output_type"] == "execute_result"]
    assert score["data"]["text/html"] == "<b>ada</b>: 3"
    assert score["data"]["text/plain"] == "Score[name=ada, points=3]"
