"""Plotly charts through the installed kernel: Tablesaw figures and figure maps arrive as Plotly JSON
objects plus offline HTML, plotly.js comes once per session, and live charts redraw one output."""
import pytest

from conftest import execute

PLOTLY = "application/vnd.plotly.v1+json"
LIBRARY_MARK = "plotly.js v2.35.3"

TABLE = ('import tech.tablesaw.api.*; import tech.tablesaw.plotly.api.*;\n'
         'var t = Table.create("p", StringColumn.create("species", "Adelie", "Gentoo", "Gentoo"),\n'
         '    DoubleColumn.create("bill", 39.1, 47.5, 49.0), DoubleColumn.create("mass", 3750, 5200, 5700));')


@pytest.fixture()
def kc(fresh_kernel):
    """A kernel of its own: which chart carries plotly.js depends on what the session drew before."""
    km, kc = fresh_kernel
    assert execute(kc, TABLE).status == "ok"
    return kc


def carries_plotly(html):
    """Whether HTML holds plotly.js itself; a plain bool, so a failure does not make pytest diff 4.5 MB."""
    return LIBRARY_MARK in html


def shown(run):
    [result] = run.of_type("execute_result") or run.of_type("display_data")
    return result["content"]["data"]


def test_a_figure_arrives_as_a_plotly_object_and_offline_html(kc):
    run = execute(kc, 'ScatterPlot.create("Bill and mass", t, "bill", "mass", "species")')
    assert run.status == "ok", run.error
    data = shown(run)
    figure = data[PLOTLY]
    assert isinstance(figure, dict)
    assert [trace["name"] for trace in figure["data"]] == ["Adelie", "Gentoo"]
    assert figure["data"][1]["x"] == [47.5, 49.0]
    assert figure["layout"]["title"] == {"text": "Bill and mass"}
    assert figure["layout"]["xaxis"]["title"] == {"text": "bill"}
    html = data["text/html"]
    assert carries_plotly(html)
    assert "Plotly.newPlot" in html
    loads_nothing = "<script src" not in html and "cdn.plot.ly/plotly" not in html
    assert loads_nothing
    assert data["text/plain"] == 'Plotly figure "Bill and mass": 2 traces (scatter, scatter)'


def test_only_the_sessions_first_chart_carries_plotly(kc):
    first = shown(execute(kc, 'Histogram.create("Mass", t, "mass")'))
    second = shown(execute(kc, 'BoxPlot.create("Mass by species", t, "species", "mass")'))
    assert carries_plotly(first["text/html"])
    assert not carries_plotly(second["text/html"])
    assert "cdn.plot.ly" not in second["text/html"] and "<script src" not in second["text/html"]
    sizes = len(first["text/html"]), len(second["text/html"])
    assert sizes[0] > 4_000_000 and sizes[1] < 5_000, sizes
    assert second[PLOTLY]["data"][0]["type"] == "box"


def test_a_map_shaped_like_a_figure_is_drawn_and_other_maps_are_not(kc):
    run = execute(kc, 'java.util.Map.of("data", java.util.List.of(java.util.Map.of("type", "bar", "x", java.util.List.of("a", "b"),\n'
                      '    "y", java.util.List.of(1, 2))), "layout", java.util.Map.of("title", "Counts"))')
    assert run.status == "ok", run.error
    figure = shown(run)[PLOTLY]
    assert figure["data"] == [{"type": "bar", "x": ["a", "b"], "y": [1, 2]}]
    assert figure["layout"]["title"] == {"text": "Counts"}
    other = shown(execute(kc, 'java.util.Map.of("rows", 3)'))
    assert set(other) == {"text/plain"}


def test_a_live_chart_redraws_its_one_output(kc):
    run = execute(kc, 'var chart = liveChart("loss", "epoch", "train", "validation");\n'
                      'for (int epoch = 1; epoch <= 20; epoch++) {\n'
                      '    chart.add("train", epoch, 1.0 / epoch);\n'
                      '    chart.add("validation", epoch, 1.2 / epoch);\n'
                      '    Thread.sleep(50);\n'
                      '}\n'
                      'chart.close();')
    assert run.status == "ok", run.error
    [first] = run.of_type("display_data")
    updates = run.of_type("update_display_data")
    display_id = first["content"]["transient"]["display_id"]
    assert {u["content"]["transient"]["display_id"] for u in updates} == {display_id}
    # 40 points over a second or more: a few redraws, not one per point (the unit test pins the timing)
    assert 2 <= len(updates) < 20, len(updates)
    last = updates[-1]["content"]["data"]
    assert [len(trace["y"]) for trace in last[PLOTLY]["data"]] == [20, 20]
    assert last["text/plain"] == "LiveChart loss: train (20 points), validation (20 points)"
    # the live chart was the session's first: plotly.js on its first and last drawings only
    assert carries_plotly(first["content"]["data"]["text/html"])
    assert carries_plotly(last["text/html"])
    assert [carries_plotly(u["content"]["data"]["text/html"]) for u in updates] == [False] * (len(updates) - 1) + [True]


def test_a_bad_series_name_is_a_one_line_error(kc):
    run = execute(kc, 'var c = liveChart("loss", "epoch", "train"); c.add("tran", 1, 1);')
    assert run.status == "error"
    assert 'has no series "tran"; its series are [train]' in run.error["evalue"]
