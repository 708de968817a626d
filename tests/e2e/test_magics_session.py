"""%who, %whos, %imports and %reset: the session as JShell holds it, through the installed kernel."""
from conftest import execute


def test_who_lists_the_variables_in_declaration_order(fresh_kernel):
    km, kc = fresh_kernel
    assert execute(kc, "%who").result == "No variables are defined."
    execute(kc, 'int count = 3;\nString name = "penguin";\nvoid helper() { }')
    assert execute(kc, "%who").result == "count  name"


def test_whos_shows_type_and_a_short_live_value(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, 'var words = java.util.List.of("a", "b");\ndouble ratio = 0.5;\nString long_text = "x".repeat(500);')
    lines = execute(kc, "%whos").result.splitlines()
    assert lines[0].split() == ["Variable", "Type", "Data/Info"]
    assert lines[2].split() == ["words", "java.util.List<String>", "[a,", "b]"]
    assert lines[3].split() == ["ratio", "double", "0.5"]
    assert lines[4].endswith("x" * 59 + "…")


def test_imports_lists_what_the_session_imported(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, "import java.awt.Point;\nimport static java.lang.Math.max;")
    listed = execute(kc, "%imports").result.splitlines()
    assert listed[-2:] == ["import java.awt.Point;", "import static java.lang.Math.max;"]
    assert {"import static jdlab.api.Display.*;", "import java.util.*;", "import tech.tablesaw.api.*;",
            "import ai.djl.ndarray.*;"} <= set(listed[:-2])


def test_reset_forgets_everything_and_the_kernel_stays(fresh_kernel):
    km, kc = fresh_kernel
    pid = km.provisioner.process.pid
    execute(kc, "import java.util.*;\nint x = 1;\nint twice(int a) { return 2 * a; }")
    run = execute(kc, "%reset")
    assert run.stdout == "Session reset: 1 variable forgotten.\n"
    assert execute(kc, "%who").result == "No variables are defined."
    assert execute(kc, "twice(2)").error["ename"] == "CompilationError"
    assert execute(kc, "int x = 5;\nx").result == "5"
    assert km.provisioner.process.pid == pid


def test_a_name_and_a_question_mark_shows_its_documentation(kernel):
    run = execute(kernel, "Math.max?")
    assert run.status == "ok"
    assert run.result.startswith("int Math.max(int a, int b)")
    assert "Returns the greater of two int values." in run.result


def test_a_question_about_an_unknown_name_is_one_line(kernel):
    run = execute(kernel, "noSuchThing?")
    assert run.error["traceback"] == ["no documentation found for noSuchThing"]
