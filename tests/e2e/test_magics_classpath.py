"""%classpath: classes compiled outside the notebook become usable from the next line on."""
import subprocess

from conftest import execute


def compile_greeter(folder):
    # In a package: JShell's snippets live in one, and Java cannot name a class of the unnamed package there.
    source = folder / "src" / "demo" / "Greeter.java"
    source.parent.mkdir(parents=True)
    source.write_text('package demo; public class Greeter { public static String hi(String n) { return "hi " + n; } }')
    classes = folder / "classes"
    subprocess.run(["javac", "-d", str(classes), str(source)], check=True)
    subprocess.run(["jar", "cf", str(folder / "greeter.jar"), "-C", str(classes), "."], check=True)
    return classes


def test_a_class_folder_added_is_usable_on_the_next_line(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    classes = compile_greeter(tmp_path)
    run = execute(kc, f"%classpath add {classes}\ndemo.Greeter.hi(\"penguin\")")
    assert run.status == "ok", run.error
    assert run.result == '"hi penguin"'
    assert execute(kc, "%classpath").result == str(classes)


def test_a_jar_glob_is_added(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    compile_greeter(tmp_path)
    assert execute(kc, f"%classpath {tmp_path}/*.jar").status == "ok"
    assert execute(kc, 'demo.Greeter.hi("jar")').result == '"hi jar"'


def test_a_missing_jar_is_one_line_and_adds_nothing(kernel, tmp_path):
    run = execute(kernel, f"%classpath {tmp_path}/nope.jar")
    assert run.error["traceback"] == [f"%classpath: no such jar or folder: {tmp_path}/nope.jar"]
