"""Magics through the installed kernel: the mechanism, its errors, and the first magics."""
import time

import psutil
import pytest

from conftest import execute, shell_reply


def test_lsmagic_lists_line_and_cell_magics_without_splitting_a_name(kernel):
    run = execute(kernel, "%lsmagic")
    assert run.status == "ok"
    words = run.result.split()
    assert "%help" in words and "%maven" in words and "%%bash" in words and "%%writefile" in words
    # Front ends break an overlong line anywhere, %mav / en; short lines and nowrap names keep them whole.
    assert all(len(line) <= 80 for line in run.result.splitlines()), run.result
    html = run.of_type("execute_result")[-1]["content"]["data"]["text/html"]
    assert '<code style="white-space: nowrap">%maven</code>' in html


def test_every_magic_answers_help_by_each_of_its_names(kernel):
    names = ["%lsmagic", "%help", "%%writefile", "%%html", "%%markdown", "%%latex", "%%javascript", "%%bash", "%%sh",
             "%devices", "%gpu", "%classpath", "%jars", "%train", "%evaluate"]
    for magic in names:
        run = execute(kernel, magic + " --help")
        assert run.status == "ok", magic
        assert run.result.startswith("Usage: " + magic), run.result


def test_an_unknown_magic_is_one_line_with_a_suggestion_and_no_stack_trace(kernel):
    run = execute(kernel, "%lsmagc")
    assert run.status == "error"
    assert run.error["ename"] == "UsageError"
    assert run.error["traceback"] == ["unknown magic %lsmagc; did you mean %lsmagic? (%lsmagic lists them all)"]


def test_a_wrong_argument_is_one_line_pointing_to_help_and_keeps_state(kernel):
    execute(kernel, "int kept = 41;")
    run = execute(kernel, "%%writefile\nbody")
    assert run.error["traceback"] == ["%%writefile: PATH is needed (%%writefile --help for usage)"]
    assert execute(kernel, "kept + 1").result == "42"


def test_a_train_option_typo_is_one_line_with_a_suggestion(kernel):
    run = execute(kernel, "%train net --data train --epoch 2")
    assert run.error["ename"] == "UsageError"
    assert run.error["traceback"] == ["%train: unknown option '--epoch'; did you mean '--epochs'? (%train --help for usage)"]


def test_a_missing_required_option_is_one_line(kernel):
    execute(kernel, "int net = 1;")
    run = execute(kernel, "%evaluate net")
    assert run.error["traceback"] == ["%evaluate: --data NAME is needed (%evaluate --help for usage)"]


@pytest.mark.parametrize("line, message", [
    ("%pip install numpy", "%pip installs Python packages; here %maven GROUP:ARTIFACT:VERSION adds a Java library"),
    ("%conda install numpy", "%conda installs conda packages; here %maven GROUP:ARTIFACT:VERSION adds a Java library"),
    ("%matplotlib inline", "%matplotlib has nothing to enable here: Tablesaw and Plotly charts display inline"),
])
def test_another_ecosystems_magic_points_to_what_does_its_job_here(kernel, line, message):
    run = execute(kernel, line)
    assert run.error["ename"] == "UsageError"
    assert run.error["traceback"] == [message]


def test_a_shell_line_runs_in_order_among_java_lines(kernel, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "penguins.csv").write_text("")
    run = execute(kernel, f'System.out.println("before");\n!ls {tmp_path}/data\nSystem.out.println("after");\n6 * 7')
    assert run.status == "ok", run.error
    assert run.stdout == "before\npenguins.csv\nafter\n"
    assert run.result == "42"


def test_a_failing_shell_line_is_the_sh_error_and_stops_the_cell(kernel):
    run = execute(kernel, '!echo oops >&2; exit 3\nSystem.out.println("not reached");')
    assert run.stderr == "oops\n" and run.stdout == ""
    assert run.error["traceback"] == ["%%sh: the script exited with status 3"]


def test_java_that_continues_with_a_not_stays_java(kernel):
    assert execute(kernel, "boolean on = 1 > 2\n    != true;\non").result == "true"


def test_line_magics_run_in_order_among_java_lines(kernel):
    run = execute(kernel, 'System.out.println("before");\n%help lsmagic\nSystem.out.println("after");\n6 * 7')
    assert run.status == "ok"
    assert run.stdout == "before\nafter\n"
    assert run.result == "42"


def test_a_java_error_beside_a_magic_is_the_java_error(kernel):
    run = execute(kernel, "%lsmagic\nint y = nowhere;")
    assert run.error["ename"] == "CompilationError"
    assert "cannot find symbol" in run.error["evalue"]


def test_html_markdown_latex_javascript_cells_show_their_mime_type(kernel):
    for magic, mime in [("html", "text/html"), ("markdown", "text/markdown"), ("latex", "text/latex"),
                        ("javascript", "application/javascript")]:
        run = execute(kernel, f"%%{magic}\n<b>body</b>")
        data = run.of_type("execute_result")[-1]["content"]["data"]
        assert data[mime] == "<b>body</b>", magic
        assert data["text/plain"] == "<b>body</b>"


def test_bash_streams_lines_as_they_come(kernel):
    msg_id = kernel.execute("%%bash\necho first\nsleep 2\necho second")
    first_at = None
    while True:
        msg = kernel.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "stream" and "first" in msg["content"]["text"] and first_at is None:
            first_at = time.monotonic()
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            done_at = time.monotonic()
            break
    kernel.get_shell_msg(timeout=10)
    assert first_at is not None and done_at - first_at > 1.5


def test_bash_stderr_and_a_failing_exit_status_is_an_error(kernel):
    run = execute(kernel, "%%bash\necho oops >&2\nexit 3")
    assert run.stderr == "oops\n"
    assert run.status == "error"
    assert run.error["evalue"] == "%%bash: the script exited with status 3"


def test_sh_runs_the_cell_with_sh(kernel):
    assert execute(kernel, "%%sh\necho $((6 * 7))").stdout == "42\n"


def test_interrupting_bash_stops_the_script_and_its_children(fresh_kernel):
    km, kc = fresh_kernel
    kernel_process = psutil.Process(km.provisioner.process.pid)
    msg_id = kc.execute("%%bash\nsleep 300 &\nsleep 300")
    deadline = time.monotonic() + 20
    while len([p for p in kernel_process.children(recursive=True) if p.name() == "sleep"]) < 2:
        assert time.monotonic() < deadline, "the script never started"
        time.sleep(0.1)
    sleepers = [p for p in kernel_process.children(recursive=True) if p.name() == "sleep"]
    km.interrupt_kernel()
    reply = shell_reply(kc, timeout=10)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert "interrupted" in reply["content"]["evalue"]
    gone, alive = psutil.wait_procs(sleepers, timeout=5)
    assert alive == []


def test_writefile_writes_and_appends_for_java_to_read(kernel, tmp_path):
    target = tmp_path / "sub" / "notes.txt"
    assert execute(kernel, f"%%writefile {target}\nfirst line").stdout == f"Writing {target}\n"
    execute(kernel, f"%%writefile -a {target}\nsecond line")
    run = execute(kernel, f'java.nio.file.Files.readString(java.nio.file.Path.of("{target}"))')
    assert run.result == '"first line\\nsecond line\\n"'


def test_a_dollar_brace_expression_in_a_magic_line_is_replaced_by_its_value(kernel, tmp_path):
    execute(kernel, f'String folder = "{tmp_path}";\nint n = 3;')
    run = execute(kernel, "%%writefile ${folder}/part-${n + 1}.txt\ncontent")
    assert run.stdout == f"Writing {tmp_path}/part-4.txt\n"
    assert (tmp_path / "part-4.txt").read_text() == "content\n"


def test_a_failing_dollar_brace_expression_is_the_java_error(kernel):
    run = execute(kernel, "%help ${nowhere}")
    assert run.error["ename"] == "CompilationError"


def complete(kc, code):
    reply = kc.complete(code, len(code), reply=True, timeout=10)["content"]
    return reply["matches"], reply["cursor_start"], reply["cursor_end"]


def test_tab_completes_magic_names_of_the_kind_being_typed(kernel):
    matches, start, end = complete(kernel, "int x = 1;\n%ls")
    assert matches == ["%lsmagic"]
    assert (start, end) == (len("int x = 1;\n"), len("int x = 1;\n%ls"))
    matches, _, _ = complete(kernel, "%%ti")
    assert matches == ["%%time", "%%timeit"]


def test_tab_completes_a_magic_s_options(kernel):
    matches, start, end = complete(kernel, "%timeit --nu")
    assert matches == ["--number"]
    assert (start, end) == (len("%timeit "), len("%timeit --nu"))


def test_java_lines_still_complete_with_jshell(kernel):
    matches, _, _ = complete(kernel, "Math.ma")
    assert "max(" in matches
