"""What a new user meets in the first cells: a session that knows the everyday names, Python's
print, errors that say what to import, values that may be null, and a quiet kernel log."""
import os
import subprocess

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


def test_a_declaration_of_a_type_that_is_not_there_says_it_cannot_be_used_yet(kernel):
    run = execute(kernel, "Sequential model;")
    assert run.status == "ok"
    assert run.stderr == "model is declared, but cannot be used until this is declared: class Sequential\n"


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


def start_with_captured_log(log, **env):
    """A kernel whose standard error, the log a Jupyter server's terminal shows, goes to a file."""
    stream = open(log, "w")
    km = KernelManager(kernel_name=KERNEL_NAME)
    environment = {k: v for k, v in os.environ.items() if k != "JDLAB_LOG_LEVEL"}
    km.start_kernel(stderr=stream, env={**environment, **env})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc, stream


def test_a_kernel_start_and_a_first_djl_cell_leave_the_log_quiet(tmp_path):
    log = tmp_path / "kernel.log"
    km, kc, stream = start_with_captured_log(log)
    try:
        run = execute(kc, "NDManager.newBaseManager().ones(new Shape(2)).sum().getFloat()", timeout=120)
        assert run.result == "2.0"
    finally:
        stop_kernel(km, kc)
        stream.close()
    # nothing at all, on any Java: no SecurityManager deprecation, no agent warning
    assert log.read_text() == ""


def test_the_log_turned_up_says_what_the_kernel_and_djl_do(tmp_path):
    log = tmp_path / "kernel.log"
    km, kc, stream = start_with_captured_log(log, JDLAB_LOG_LEVEL="INFO")
    try:
        execute(kc, "NDManager.newBaseManager().ones(new Shape(2)).sum().getFloat()", timeout=120)
    finally:
        stop_kernel(km, kc)
        stream.close()
    text = log.read_text()
    assert " INFO Kernel] jdlab " in text and " starting on 127.0.0.1" in text
    assert " INFO PtEngine] Number of intra-op threads is " in text


def test_the_readme_s_jupyter_kernelspec_list_names_the_installed_kernel(kernelspec):
    listed = subprocess.run(["jupyter", "kernelspec", "list"], capture_output=True, text=True, check=True)
    assert KERNEL_NAME in listed.stdout and str(kernelspec) in listed.stdout
