"""What a new user meets in the first cells: a session that knows the everyday names, Python's
print, errors that say what to import, values that may be null, and a quiet kernel log."""
import os
import subprocess

import pytest
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME, execute, stop_kernel


def test_a_null_value_replies_ok_and_shows_nothing(kernel):
    for cell in ('String nothing = null;\nnothing', 'System.setProperty("jdlab.test.property", "b")'):
        run = execute(kernel, cell)
        assert run.status == "ok", run.error
        assert run.of_type("execute_result") == [] and run.of_type("error") == []


def test_jshell_s_default_imports_are_there_from_the_first_cell(kernel):
    run = execute(kernel, 'List<Path> paths = new ArrayList<>(List.of(Path.of("a")));\n'
                          "paths.stream().map(Path::toString).collect(Collectors.joining())")
    assert run.result == '"a"'


def test_tablesaw_and_djl_everyday_names_need_no_import(kernel):
    run = execute(kernel, 'Table t = Table.create("t", DoubleColumn.create("x", 1, 2));\n'
                          "NDManager manager = NDManager.newBaseManager();\n"
                          "NDArray a = manager.ones(new Shape(2, 3), DataType.FLOAT32);\n"
                          "SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(2).build());\n"
                          "t.rowCount() + (int) a.size()")
    assert run.status == "ok", run.error
    assert run.result == "8"


def test_print_println_and_printf_work_as_in_jshell(kernel):
    run = execute(kernel, 'print("hello"); print(1); println(); printf("%d-%s%n", 2, "x"); println(3.5)')
    assert run.stdout == "hello1\n2-x\n3.5\n"


def test_a_class_that_is_not_imported_gets_the_import_that_provides_it(kernel):
    run = execute(kernel, "ArrayDataset.Builder b = null;\nLoss l = null;\nBatchifier bf = null;")
    assert run.error["ename"] == "CompilationError"
    assert run.error["traceback"][-1] == "did you mean: import ai.djl.translate.Batchifier;"


def test_a_package_that_is_not_on_the_class_path_says_to_add_its_jar(kernel):
    run = execute(kernel, "import org.example.nowhere.Thing;")
    assert run.error["traceback"][-1].startswith("org.example.nowhere is not on the class path: add its jar with %maven")


def test_what_compiles_also_loads_the_kernel_s_own_libraries_do_not_compile(kernel):
    # the kernel's own jar holds Gson and Maven's resolver; cells cannot load them, so cannot compile them
    run = execute(kernel, "import org.eclipse.aether.RepositorySystem;")
    assert run.error["ename"] == "CompilationError"
    assert "does not exist" in run.error["evalue"]


def test_commons_lang3_is_lent_as_ijava_lent_it(kernel):
    run = execute(kernel, "import org.apache.commons.lang3.ArrayUtils;\nArrayUtils.toString(new int[] {1, 2})")
    assert run.result == '"{1,2}"'


@pytest.fixture()
def kernel_with_captured_log(tmp_path):
    """A kernel whose standard error, the log a Jupyter server's terminal shows, goes to a file."""
    log = tmp_path / "kernel.log"
    with open(log, "w") as stream:
        km = KernelManager(kernel_name=KERNEL_NAME)
        km.start_kernel(stderr=stream, env={k: v for k, v in os.environ.items() if k != "JDLAB_LOG_LEVEL"})
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        yield kc, log
        stop_kernel(km, kc)


def test_a_kernel_start_and_a_first_djl_cell_leave_the_log_quiet(kernel_with_captured_log):
    kc, log = kernel_with_captured_log
    run = execute(kc, "NDManager.newBaseManager().ones(new Shape(2)).sum().getFloat()", timeout=120)
    assert run.result == "2.0"
    text = log.read_text()
    assert "terminally deprecated" not in text
    assert "Failed to detect GPU count" not in text
    assert " INFO " not in text and "INFO:" not in text
    assert text.strip() == "", text
