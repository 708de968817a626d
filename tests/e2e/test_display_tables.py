"""Tablesaw tables through the installed kernel: a table, a column or a summary as a cell's value shows
as HTML and aligned text with its shape, within limits set for the session or for one display."""
import pathlib
import re

import pytest

from conftest import execute

PENGUINS = pathlib.Path(__file__).resolve().parents[2] / "notebooks" / "data" / "palmer-penguins" / "penguins.csv"


def data_of(run, msg_type="execute_result"):
    assert run.status == "ok", run.error
    [message] = run.of_type(msg_type)
    return message["content"]["data"]


def data_rows(text):
    """The lines of a text table that show a row or the … row: those between the rule and the footer."""
    lines = text.splitlines()
    rule = next(i for i, line in enumerate(lines) if set(line) <= {"-", " "})
    return lines[rule + 1:-1]


@pytest.fixture(scope="module")
def penguins(kernel):
    run = execute(kernel, f'import tech.tablesaw.api.*;\nTable penguins = Table.read().csv("{PENGUINS}");')
    assert run.status == "ok", run.error
    return kernel


@pytest.fixture(autouse=True)
def session_defaults(penguins):
    """Each test starts from the default limits, whatever the one before it left."""
    assert execute(penguins, "tableOptions().reset();").status == "ok"


def test_a_table_shows_as_html_and_text_with_its_shape(penguins):
    data = data_of(execute(penguins, "penguins"))
    html, text = data["text/html"], data["text/plain"]
    assert "344 rows × 8 columns" in html
    assert "<th>species</th>" in html and ">STRING</th>" in html and ">DOUBLE</th>" in html
    assert html.split("<tbody>")[1].count("<tr>") == 21  # 10 first rows, the … row, 10 last rows
    assert "<tr><th>…</th>" in html and "<tr><th>343</th>" in html
    assert text.splitlines()[0] == "penguins.csv"
    assert text.splitlines()[1].split() == ["species", "island", "bill_length_mm", "bill_depth_mm",
                                            "flipper_length_mm", "body_mass_g", "sex", "year"]
    assert text.rstrip().endswith("344 rows × 8 columns; showing 20 rows, more with table(t).maxRows(n) or tableOptions().maxRows(n)")
    assert len(data_rows(text)) == 21
    assert "<NA>" in text and "jdlab-na" in html  # row 3 of the penguins has no measurements


def test_session_options_change_the_next_display(penguins):
    assert execute(penguins, "tableOptions().maxRows(4).maxColumns(3)").result == \
        "tableOptions().maxRows(4).maxColumns(3).maxCellWidth(50)"
    data = data_of(execute(penguins, "penguins"))
    assert [row.split()[0] for row in data_rows(data["text/plain"])] == ["0", "1", "…", "342", "343"]
    assert "showing 4 rows and 3 columns" in data["text/html"]
    assert data["text/html"].count("<th>…</th>") == 2  # the … column's head and the … row
    execute(penguins, "tableOptions().reset();")
    assert len(data_rows(data_of(execute(penguins, "penguins"))["text/plain"])) == 21


def test_limits_of_one_display_leave_the_session_alone(penguins):
    shown = data_of(execute(penguins, "display(table(penguins).maxRows(100).maxCellWidth(3));"), "display_data")
    assert len(data_rows(shown["text/plain"])) == 101
    assert re.search(r"\n  0  Ad… +To… ", shown["text/plain"]), shown["text/plain"]
    assert len(data_rows(data_of(execute(penguins, "penguins"))["text/plain"])) == 21


def test_a_column_shows_as_a_table_of_one_column(penguins):
    data = data_of(execute(penguins, 'penguins.column("body_mass_g")'))
    assert "344 rows × 1 column" in data["text/plain"]
    assert data["text/plain"].splitlines()[0].split() == ["body_mass_g"]
    assert ">INTEGER</th>" in data["text/html"]


def test_a_summary_is_a_table(penguins):
    data = data_of(execute(penguins, "penguins.summary()"))
    assert "<th>Summary</th>" in data["text/html"]
    assert "× 9 columns" in data["text/plain"]  # the Summary column, then one per column of the penguins


def test_text_in_cells_is_escaped(penguins):
    data = data_of(execute(penguins, 'Table.create("t", StringColumn.create("s", "<script>alert(1)</script>"))'))
    assert "<script>" not in data["text/html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in data["text/html"]


def test_bad_input_is_one_clear_error(penguins):
    run = execute(penguins, 'table("penguins")')
    assert run.error["ename"] == "java.lang.IllegalArgumentException"
    assert "table(...) takes a Tablesaw Table, TableSlice or Column, not a java.lang.String" in run.error["evalue"]
    run = execute(penguins, "tableOptions().maxRows(0)")
    assert run.error["ename"] == "java.lang.IllegalArgumentException"
    assert run.error["evalue"].startswith("maxRows must be at least 1, not 0")


def test_doubles_show_to_six_significant_digits(penguins):
    data = data_of(execute(penguins, 'Table.create("t", DoubleColumn.create("mean", 7.137499999999999, 1.0 / 3))'))
    assert "<td>7.1375</td>" in data["text/html"] and "<td>0.333333</td>" in data["text/html"]
    assert "7.137499" not in data["text/plain"] and "0.333333\n" in data["text/plain"]
