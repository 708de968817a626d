"""What cells see of the kernel: IJava's display calls, imported in every cell, and nothing else of the kernel's."""
import subprocess

from conftest import execute


def test_display_shows_a_value_and_returns_its_display_id(kernel):
    run = execute(kernel, 'String id = display(java.util.List.of(1, 2));')
    assert run.status == "ok", run.error
    [shown] = run.of_type("display_data")
    assert shown["content"]["data"]["text/plain"] == "[1, 2]"
    assert execute(kernel, "id").result == '"' + shown["content"]["transient"]["display_id"] + '"'


def test_a_cell_ending_in_display_shows_the_output_not_its_id(kernel):
    run = execute(kernel, 'display("shown");')
    assert run.of_type("display_data")
    assert run.result is None


def test_update_display_replaces_the_output_with_that_id(kernel):
    first = execute(kernel, 'String shown = display("first");')
    display_id = first.of_type("display_data")[0]["content"]["transient"]["display_id"]
    run = execute(kernel, 'updateDisplay(shown, "second");')
    assert run.status == "ok", run.error
    [update] = run.of_type("update_display_data")
    assert update["content"]["transient"]["display_id"] == display_id
    assert update["content"]["data"]["text/plain"] == "second"


def test_render_keeps_the_types_asked_for_and_shows_as_the_cell_result(kernel):
    run = execute(kernel, 'render(render("x"), "text/html", "text/plain")')
    assert run.status == "ok", run.error
    [result] = run.of_type("execute_result")
    assert result["content"]["data"] == {"text/plain": "x"}


def test_display_updatable_gives_a_handle(kernel):
    run = execute(kernel, 'var h = displayUpdatable("0%");\nh.update("100%");')
    assert run.status == "ok", run.error
    shown, = run.of_type("display_data")
    update, = run.of_type("update_display_data")
    assert shown["content"]["transient"] == update["content"]["transient"]
    assert update["content"]["data"]["text/plain"] == "100%"


def test_the_display_import_survives_reset(fresh_kernel):
    km, kc = fresh_kernel
    assert execute(kc, "%reset").status == "ok"
    assert execute(kc, 'display("after reset");').of_type("display_data")


def test_the_kernels_own_libraries_are_out_of_sight(kernel):
    run = execute(kernel, 'Class.forName("com.google.gson.Gson")')
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.ClassNotFoundException"
    assert execute(kernel, 'Class.forName("jdlab.api.Display").getSimpleName()').result == '"Display"'


def test_a_users_copy_of_a_library_the_kernel_uses_is_the_one_cells_get(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    source = tmp_path / "src" / "com" / "google" / "gson" / "Gson.java"
    source.parent.mkdir(parents=True)
    source.write_text('package com.google.gson; public class Gson { public String toJson(Object o) { return "users own"; } }')
    subprocess.run(["javac", "-d", str(tmp_path / "classes"), str(source)], check=True)
    run = execute(kc, f'%classpath {tmp_path / "classes"}\nnew com.google.gson.Gson().toJson(1)')
    assert run.status == "ok", run.error
    assert run.result == '"users own"'


def test_cells_run_with_their_own_loader_as_context_loader(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    services = tmp_path / "META-INF" / "services"
    services.mkdir(parents=True)
    (services / "java.lang.Runnable").write_text("demo.Hello\n")
    run = execute(kc, f'%classpath {tmp_path}\n'
                      'Thread.currentThread().getContextClassLoader().getResource("META-INF/services/java.lang.Runnable") != null')
    assert run.status == "ok", run.error
    assert run.result == "true"


def test_clear_output_clears_what_the_cell_showed_so_far(kernel):
    run = execute(kernel, 'System.out.println("before");\nclearOutput(true);\nSystem.out.println("after");')
    assert run.status == "ok", run.error
    kinds = [m["msg_type"] for m in run.messages if m["msg_type"] in ("stream", "clear_output")]
    assert kinds == ["stream", "clear_output", "stream"]
    assert run.of_type("clear_output")[0]["content"] == {"wait": True}


def test_a_display_comes_after_what_the_cell_printed_before_it(kernel):
    run = execute(kernel, 'System.out.println("first");\ndisplay("second");\nSystem.out.println("third");')
    order = [m["content"].get("text") or m["content"]["data"]["text/plain"]
             for m in run.messages if m["msg_type"] in ("stream", "display_data")]
    assert order == ["first\n", "second", "third\n"]


def test_a_renderer_that_fails_costs_its_own_type_and_the_cell_still_shows(kernel):
    # A figure-shaped map whose point cannot become text: the Plotly renderer throws, plain text remains.
    run = execute(kernel, 'var odd = new Object() { public String toString() { throw new IllegalStateException("no text"); } };\n'
                          'var bad = new java.util.HashMap<String, Object>();\n'
                          'bad.put("data", java.util.List.of(java.util.Map.of("x", odd)));\n'
                          'bad')
    assert run.status == "ok", run.error
    [result] = run.of_type("execute_result")
    assert list(result["content"]["data"]) == ["text/plain"]
    assert result["content"]["data"]["text/plain"].startswith("java.util.HashMap@")
    good = execute(kernel, 'java.util.Map.of("data", java.util.List.of(java.util.Map.of("y", java.util.List.of(1, 2))))')
    assert "application/vnd.plotly.v1+json" in good.of_type("execute_result")[0]["content"]["data"]


def result_data(run):
    assert run.status == "ok", run.error
    [result] = run.of_type("execute_result")
    return result["content"]["data"]


def test_a_cell_registers_a_renderer_that_draws_in_the_kernels_place_until_removed(fresh_kernel):
    km, kc = fresh_kernel
    table = 'tech.tablesaw.api.Table.create("t").addColumns(tech.tablesaw.api.IntColumn.create("n", 1, 2))'
    assert "<table" in result_data(execute(kc, table))["text/html"]
    run = execute(kc, 'var mine = Renderers.register(tech.tablesaw.api.Table.class,\n'
                      '    (t, bundle) -> bundle.put("text/html", "<p>" + t.rowCount() + " rows</p>"));')
    assert run.status == "ok", run.error
    assert result_data(execute(kc, table))["text/html"] == "<p>2 rows</p>"
    # display() and render() draw through it too.
    assert execute(kc, f'render({table}, "text/html").data().get("text/html")').result == '"<p>2 rows</p>"'
    execute(kc, "mine.remove();")
    assert "<table" in result_data(execute(kc, table))["text/html"]


def test_a_renderer_for_a_cells_own_type_and_its_failure_shown_to_the_user(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, 'record Celsius(double degrees) { }\n'
                'Renderers.register(Celsius.class, (c, bundle) -> bundle.put("text/markdown", "**" + c.degrees() + " °C**"));\n'
                'Renderers.register(Integer.class, Renderers.UNDER_KERNEL, (i, bundle) -> {\n'
                '    if (i < 0) throw new IllegalArgumentException("negative");\n'
                '    bundle.put("text/html", "<i>" + i + "</i>"); });')
    assert result_data(execute(kc, "new Celsius(21.5)"))["text/markdown"] == "**21.5 °C**"
    assert result_data(execute(kc, "7"))["text/html"] == "<i>7</i>"
    failed = execute(kc, "-7")
    assert result_data(failed) == {"text/plain": "-7"}
    assert failed.stderr == ("render: the renderer registered for java.lang.Integer failed on a java.lang.Integer:"
                             " java.lang.IllegalArgumentException: negative\n")
    # A reset forgets the session's classes, and the renderers that drew them with it.
    execute(kc, "%reset")
    assert result_data(execute(kc, "7")) == {"text/plain": "7"}
