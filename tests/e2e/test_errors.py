"""Errors as the user sees them: compile errors pointing into the cell, runtime tracebacks in cell
terms, and failures that must not take the kernel down."""
import os
import re
import time

import pytest
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME, collect, execute, stop_kernel

def frames_only(traceback):
    """The traceback without the quoted cell lines under each frame."""
    return [line for line in traceback if not line.startswith("      ")]


KERNEL_MACHINERY = ("jdk.jshell", "jdk.internal.reflect", "java.lang.reflect", "jdlab.kernel", "REPL.", "do_it$")


def test_a_compile_error_names_the_cell_line_and_column_and_underlines_the_span(kernel):
    run = execute(kernel, 'int fine = 1;\nint wrong = "text";')
    count = run.content["execution_count"]
    assert run.status == "error"
    assert run.error["ename"] == "CompilationError"
    assert run.error["evalue"] == "incompatible types: java.lang.String cannot be converted to int"
    where, quoted, marker = run.error["traceback"]
    assert where.startswith(f"cell [{count}], line 2, column 13: incompatible types")
    assert quoted == '    int wrong = "text";'
    assert marker == "    " + " " * 12 + "^" * 6


def test_a_compile_error_after_comments_and_blank_lines_points_at_its_own_line(kernel):
    run = execute(kernel, "// set up\n\nint a = 2;\n\n\n    String s = 42;")
    count = run.content["execution_count"]
    where, quoted, marker = run.error["traceback"]
    assert where.startswith(f"cell [{count}], line 6, column 16: incompatible types: int cannot be converted")
    assert quoted == "        String s = 42;"
    assert marker.index("^") == quoted.index("42")


def test_a_compile_error_inside_a_method_points_at_the_line_in_its_body(kernel):
    run = execute(kernel, "int ok() { return 1; }\nvoid broken() {\n    int n = 1;\n    n.foo();\n}")
    count = run.content["execution_count"]
    where, quoted, marker = run.error["traceback"]
    assert where.startswith(f"cell [{count}], line 4, column 5: int cannot be dereferenced")
    assert quoted == "        n.foo();"


def test_an_unknown_name_is_reported_with_javac_s_symbol_details(kernel):
    run = execute(kernel, "undefinedThing + 1")
    assert run.error["ename"] == "CompilationError"
    assert run.error["evalue"] == "cannot find symbol"
    assert "variable undefinedThing" in run.error["traceback"][0]
    assert run.error["traceback"][2] == "    " + "^" * len("undefinedThing")


def test_a_runtime_exception_shows_class_message_and_user_frames_in_cell_terms(kernel):
    run = execute(kernel, "void explode() {\n"
                          '    throw new IllegalStateException("bad state");\n'
                          "}\n"
                          "\n"
                          "// now call it\n"
                          "explode();")
    count = run.content["execution_count"]
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.IllegalStateException"
    assert run.error["evalue"] == "bad state"
    assert run.error["traceback"] == [
        "java.lang.IllegalStateException: bad state",
        f"    at explode(cell [{count}], line 2)",
        "          1 | void explode() {",
        '      --> 2 |     throw new IllegalStateException("bad state");',
        "          3 | }",
        f"    at cell [{count}], line 6",
        "          5 | // now call it",
        "      --> 6 | explode();",
    ]


def test_the_jdk_s_frames_above_the_user_s_call_are_folded_to_one_line(kernel):
    run = execute(kernel, 'Integer.parseInt("x")')
    count = run.content["execution_count"]
    assert run.error["traceback"][:3] == [
        'java.lang.NumberFormatException: For input string: "x"',
        "    ... 2 frames inside the JDK",
        run.error["traceback"][2],
    ]
    assert run.error["traceback"][2].startswith("    at java.base/java.lang.Integer.parseInt(")
    assert run.error["traceback"][3:] == [f"    at cell [{count}], line 1", '      --> 1 | Integer.parseInt("x")']


def test_frames_of_a_method_from_an_earlier_cell_name_that_cell(kernel):
    defined = execute(kernel, "int divide(int a, int b) {\n    return a / b;\n}")
    run = execute(kernel, "divide(1, 0)")
    assert run.error["ename"] == "java.lang.ArithmeticException"
    assert f"    at divide(cell [{defined.content['execution_count']}], line 2)" in run.error["traceback"]
    assert run.error["traceback"][-2:] == [f"    at cell [{run.content['execution_count']}], line 1",
                                           "      --> 1 | divide(1, 0)"]


def test_library_frames_between_user_frames_are_kept_and_machinery_is_not(kernel):
    # ArrayList's own forEach on every Java: List.of's list has its own since JDK 25, Iterable's before
    run = execute(kernel, 'new ArrayList<>(List.of(1, 2)).forEach(n -> { throw new RuntimeException("in lambda " + n); });')
    traceback = frames_only(run.error["traceback"])
    count = run.content["execution_count"]
    assert traceback[0] == "java.lang.RuntimeException: in lambda 1"
    assert traceback[1] == f"    at lambda(cell [{count}], line 1)"
    assert traceback[2].startswith("    at java.base/java.util.ArrayList.forEach(")
    assert traceback[3:] == [f"    at cell [{count}], line 1"]
    assert not [line for line in traceback if any(m in line for m in KERNEL_MACHINERY)]


def test_the_causes_of_an_exception_are_listed(kernel):
    run = execute(kernel, 'throw new RuntimeException("outer", new java.io.IOException("inner"));')
    traceback = run.error["traceback"]
    assert traceback[0] == "java.lang.RuntimeException: outer"
    assert "Caused by: java.io.IOException: inner" in traceback


def test_infinite_recursion_fails_the_cell_and_the_kernel_keeps_its_variables(kernel):
    execute(kernel, "int beforeOverflow = 17;\nint down(int n) { return down(n + 1) + 1; }")
    run = execute(kernel, "down(0)")
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.StackOverflowError"
    assert execute(kernel, "beforeOverflow + 1").result == "18"


def test_a_stack_overflow_shows_the_recursive_frame_once_with_a_repeat_count(kernel):
    defined = execute(kernel, "int spiral(int n) {\n    return spiral(n + 1) + 1;\n}")
    run = execute(kernel, "spiral(0)")
    head, frame, repeats = frames_only(run.error["traceback"])[:3]
    assert head == "java.lang.StackOverflowError"
    assert frame == f"    at spiral(cell [{defined.content['execution_count']}], line 2)"
    assert re.fullmatch(r"    \.\.\. the line above repeated \d{3,} more times", repeats)
    assert len(frames_only(run.error["traceback"])) <= 4


def test_an_impossible_allocation_fails_the_cell_and_the_kernel_keeps_its_variables(kernel):
    execute(kernel, "int beforeHugeArray = 23;")
    run = execute(kernel, "long[] huge = new long[2_000_000_000];")
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.OutOfMemoryError"
    assert execute(kernel, "beforeHugeArray + 1").result == "24"


@pytest.fixture()
def small_heap_kernel():
    """A kernel with a 128 MB heap, so that a cell can fill it in a moment."""
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(env={**os.environ, "JAVA_TOOL_OPTIONS": "-Xmx128m"})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    yield kc
    stop_kernel(km, kc)


def test_a_cell_that_fills_the_heap_fails_and_the_kernel_serves_the_next_cells(small_heap_kernel):
    kc = small_heap_kernel
    execute(kc, "int beforeFullHeap = 31;")
    run = execute(kc, "java.util.List<long[]> hoard = new java.util.ArrayList<>();\n"
                      "while (true) hoard.add(new long[100_000]);", timeout=60)
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.OutOfMemoryError"
    assert execute(kc, "beforeFullHeap + 1", timeout=30).result == "32"
    execute(kc, "hoard = null;", timeout=30)
    assert execute(kc, "new long[1_000_000].length", timeout=30).result == "1000000"
    msg_id = kc.execute('System.out.println("still streamed");\nThread.sleep(1500);')
    stream = kc.get_iopub_msg(timeout=30)
    while stream["msg_type"] != "stream":
        stream = kc.get_iopub_msg(timeout=30)
    streamed_at = time.monotonic()
    assert stream["content"]["text"] == "still streamed\n"
    assert collect(kc, msg_id).status == "ok"
    # the line came while the cell still slept, however busy the machine: well before the cell's end
    assert time.monotonic() - streamed_at > 1.0, "output no longer streams while a cell runs"


def test_system_exit_is_refused_with_a_clear_error_and_the_kernel_lives_on(kernel):
    execute(kernel, "int beforeExit = 3;")
    run = execute(kernel, "System.exit(3);")
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.SecurityException"
    assert "System.exit(3)" in run.error["evalue"]
    assert "refused" in run.error["evalue"]
    assert "Restart" in run.error["evalue"]
    assert execute(kernel, "beforeExit * 2").result == "6"


def test_runtime_halt_and_exit_through_a_library_are_refused_alike(kernel):
    halt = execute(kernel, "Runtime.getRuntime().halt(4);")
    assert halt.error["ename"] == "java.lang.SecurityException"
    assert halt.error["evalue"].startswith("Runtime.halt(4) would end the kernel and lose every variable; it is refused.")
    # a library's call runs on the cell's thread: reflection stands in for one
    library = execute(kernel, 'Runtime.class.getMethod("exit", int.class).invoke(Runtime.getRuntime(), 5);')
    assert "System.exit(5) would end the kernel" in "\n".join(library.error["traceback"])
    assert execute(kernel, "1 + 1").result == "2"


def test_system_exit_on_a_thread_the_cell_started_is_refused(kernel):
    run = execute(kernel, "var said = new java.util.concurrent.CompletableFuture<String>();\n"
                          "new Thread(() -> { try { System.exit(6); } catch (SecurityException e) { said.complete(e.getMessage()); } }).start();\n"
                          "said.get()")
    assert run.result.startswith('"System.exit(6) would end the kernel')
    assert execute(kernel, "2 + 2").result == "4"


def test_a_null_pointer_message_names_the_variable_not_jshell_s_wrapper(kernel):
    run = execute(kernel, "String missing = null;\nmissing.length()")
    assert run.error["ename"] == "java.lang.NullPointerException"
    assert run.error["evalue"] == 'Cannot invoke "String.length()" because "missing" is null'
