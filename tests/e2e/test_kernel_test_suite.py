"""Jupyter's own kernel conformance tests (Debian's python3-jupyter-kernel-test) run against jdlab.

KernelTests starts the kernel in setUpClass by kernelspec name; pytest runs the session-scoped
autouse `kernelspec` fixture before any class setup, so JUPYTER_PATH already names the scratch
install when it does.
"""
import os

import jupyter_kernel_test

from conftest import KERNEL_NAME


class JdlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = KERNEL_NAME
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("to stderr");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "Integer.MAX_V", "matches": {"MAX_VALUE"}},
        {"text": "String.valueO", "matches": {"valueOf("}},
    ]

    complete_code_samples = ["int x = 1;", "System.out.println(42);", "class A { }", "1 + 1"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "class B {", "int f(int a) {", 'String s = "a" +']
    invalid_code_samples = ["int x = ;", ")", "}"]

    code_generate_error = 'throw new IllegalStateException("conformance");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "Math.floorMod(-7, 3)", "result": "2"},
        {"code": '"hello, " + "jupyter"', "result": '"hello, jupyter"'},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
    ]

    # Matches exactly one of the inputs above, whichever other cells the shared history holds.
    code_history_pattern = "Math.floorMod*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    # display(...) and clearOutput(...) are imported in every cell; text is shown as the type asked for.
    code_display_data = [
        {"code": 'display("<b>bold</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("**bold**", "text/markdown");', "mime": "text/markdown"},
        {"code": 'display("{\\"a\\": 1}", "application/json");', "mime": "application/json"},
        {"code": "display(java.util.List.of(1, 2));", "mime": "text/plain"},
    ]
    code_clear_output = 'System.out.println("gone"); clearOutput(false);'

    # jdlab has no pager payloads, so this check has nothing to run against; it is not collected at
    # all (rather than reported as skipped).
    test_pager = None

    @classmethod
    def setUpClass(cls):
        assert os.environ.get("JUPYTER_PATH"), "the kernelspec fixture must run before the kernel starts"
        super().setUpClass()
