"""The installer and the Java it records: the one it ran with, or --java PATH, said in its output;
a path that is no Java 17 or later is refused with one line."""
import json
import os
import shutil
import subprocess

from jupyter_client.manager import start_new_kernel

from conftest import JAR, JAVA, execute, java_feature, stop_kernel

# CI's machines hold both LTS releases that test.sh runs the suite on.
JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"
JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"


def install(prefix, *args):
    return subprocess.run([JAVA, "-jar", str(JAR), "install", "--prefix", str(prefix), *args],
                          capture_output=True, text=True, timeout=300)


def test_the_installer_records_the_java_it_ran_with(kernelspec):
    argv = json.loads((kernelspec / "kernel.json").read_text())["argv"]
    assert os.path.realpath(argv[0]) == os.path.realpath(shutil.which(JAVA))


def test_java_path_installs_a_kernel_that_runs_on_that_java(tmp_path, monkeypatch):
    other = JDK25 if java_feature(JAVA) != 25 else JDK17
    feature = java_feature(other)
    done = install(tmp_path, "--name", "jdlab-other-java", "--java", other)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == f"The kernel runs on Java {feature}: {other}"
    archive = "ahead-of-time cache, jdlab.aot" if feature >= 25 else "class-data archive, jdlab.jsa"
    assert lines[2] == f"Start-up classes are in its {archive}"
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share" / "jupyter"))
    km, kc = start_new_kernel(kernel_name="jdlab-other-java", startup_timeout=60)
    try:
        assert execute(kc, "Runtime.version().feature()").result == str(feature)
    finally:
        stop_kernel(km, kc)


def test_a_path_that_is_no_java_is_refused_in_one_line(tmp_path):
    done = install(tmp_path, "--java", "/bin/true")
    assert done.returncode == 2
    assert done.stderr == "jdlab install: --java /bin/true: not a Java launcher (it did not report java.specification.version)\n"
    assert done.stdout == ""
    assert not (tmp_path / "share").exists()
