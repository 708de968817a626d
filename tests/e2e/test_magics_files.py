"""%env, %load, %run and %%capture through the installed kernel."""
import pytest

from conftest import execute


def test_env_sets_a_variable_as_a_system_property_and_shows_it(kernel):
    run = execute(kernel, "%env JDLAB_GREETING=hello world")
    assert run.status == "ok"
    assert run.stdout == "env: JDLAB_GREETING=hello world\n"
    assert execute(kernel, "%env JDLAB_GREETING").result == "hello world"
    assert execute(kernel, 'System.getProperty("JDLAB_GREETING")').result == '"hello world"'


def test_env_with_name_and_value_as_two_words_sets_it_too(kernel):
    execute(kernel, "%env JDLAB_TWO words")
    assert execute(kernel, "%env JDLAB_TWO").result == "words"


def test_env_lists_the_environment_sorted_with_the_variables_set_here(kernel):
    execute(kernel, "%env JDLAB_LISTED=1")
    lines = execute(kernel, "%env").result.splitlines()
    assert "JDLAB_LISTED=1" in lines
    assert any(line.startswith("PATH=") for line in lines)
    names = [line.split("=", 1)[0] for line in lines]
    assert names == sorted(names)


def test_env_of_an_unset_variable_is_one_line_saying_how_to_set_it(kernel):
    run = execute(kernel, "%env JDLAB_NEVER_SET")
    assert run.error["ename"] == "UsageError"
    assert run.error["evalue"] == "%env: JDLAB_NEVER_SET is not set; %env JDLAB_NEVER_SET=VALUE sets it"


def test_load_runs_the_file_and_its_definitions_persist(kernel, tmp_path):
    script = tmp_path / "defs.jsh"
    script.write_text("int loaded = 40;\nint twice(int x) { return 2 * x; }\nloaded + 1\n")
    run = execute(kernel, f"%load {script}")
    assert run.status == "ok"
    assert run.result == "41"
    assert execute(kernel, "twice(loaded) + 2").result == "82"


def test_run_of_a_jsh_script_runs_it_in_the_session(kernel, tmp_path):
    script = tmp_path / "hello.jsh"
    script.write_text('String who = "jsh";\nSystem.out.println("hello " + who);\n')
    run = execute(kernel, f"%run {script}")
    assert run.status == "ok"
    assert run.stdout == "hello jsh\n"
    assert execute(kernel, "who").result == '"jsh"'


def test_run_of_a_java_file_calls_main_with_the_arguments(kernel, tmp_path):
    program = tmp_path / "Greeter.java"
    program.write_text("package demo.app;\n\nimport java.util.List;\n\n"
                       "public class Greeter {\n"
                       "    public static void main(String[] args) {\n"
                       '        System.out.println("args " + List.of(args));\n'
                       "    }\n}\n")
    run = execute(kernel, f'%run {program} a "b c"')
    assert run.status == "ok", run.error
    assert run.stdout == "args [a, b c]\n"


@pytest.mark.parametrize("magic", ["%load", "%run"])
def test_a_missing_file_is_one_line_naming_the_absolute_path(kernel, tmp_path, magic):
    missing = tmp_path / "nowhere.jsh"
    run = execute(kernel, f"{magic} {missing}")
    assert run.error["ename"] == "UsageError"
    assert run.error["traceback"] == [f"{magic}: no such file: {missing}"]


def test_capture_hides_the_output_and_keeps_it_in_the_named_variable(kernel):
    run = execute(kernel, '%%capture shown\nSystem.out.println("quiet");\nSystem.err.println("oops");\nint seven = 7;')
    assert run.status == "ok"
    assert run.stdout == "" and run.stderr == "" and run.result is None
    assert execute(kernel, 'shown.get("stdout")').result == '"quiet\\n"'
    assert execute(kernel, 'shown.get("stderr")').result == '"oops\\n"'
    assert execute(kernel, "seven").result == "7"
    assert execute(kernel, 'System.out.println("loud")').stdout == "loud\n"


def test_capture_without_a_name_only_hides_the_output(kernel):
    run = execute(kernel, '%%capture\nSystem.out.println("gone");')
    assert run.status == "ok" and run.stdout == ""


@pytest.mark.parametrize("magic", ["%env", "%load", "%run", "%%capture"])
def test_every_new_magic_answers_help(kernel, magic):
    run = execute(kernel, magic + " --help")
    assert run.status == "ok"
    assert run.result.startswith("Usage: " + magic), run.result


@pytest.mark.parametrize("code, what", [
    ("%%capture 2bad\nint x = 1;", "2bad is not a Java variable name"),
    ("%load", "PATH is needed"),
    ("%run notes.txt", "notes.txt is neither a .jsh script nor a .java file"),
    ("%env =1", "a variable needs a name, as in %env NAME=VALUE"),
])
def test_a_bad_argument_is_one_line_pointing_to_help(kernel, code, what):
    run = execute(kernel, code)
    assert run.error["ename"] == "UsageError"
    magic = code.split()[0]
    assert run.error["traceback"] == [f"{magic}: {what} ({magic} --help for usage)"]
